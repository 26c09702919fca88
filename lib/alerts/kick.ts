// A nudge to the detection job after a write that filled the outbox (an import, a note). Never fails
// the write: the outbox row is already committed and the every-minute run catches up without it.
import { kickDetection, stopJobSender } from "@/lib/jobs/boss";

/** Queues a detection run on the database at `url` (the app's own by default); logs, never throws. */
export async function kickDetectionSoon(url: string | undefined = process.env.DATABASE_URL): Promise<void> {
  if (!url) return;
  try {
    await kickDetection(url);
  } catch (error) {
    console.warn(`[alerts] could not queue detection (the every-minute run will catch up): ${(error as Error).message}`);
    // The process's sender keeps its start: one that failed (the database was down) would fail every later kick
    await stopJobSender().catch(() => {});
  }
}

/** For command-line imports: the kick, then the sender stopped so the process can exit. */
export async function kickDetectionAndStop(url: string): Promise<void> {
  await kickDetectionSoon(url);
  await stopJobSender().catch(() => {});
}
