// A worker: runs every queue's handler and the schedules. `npm start` runs one inside the app
// process (instrumentation.ts); `npm run worker` runs one on its own. Any number may run at once.
import type PgBoss from "pg-boss";
import type { Db } from "../db/client";
import { alertJobHandlers } from "../alerts/jobs";
import { createBoss, installJobQueues, QUEUES } from "./boss";

export type JobContext = { db: Db; url: string };
export type JobHandler = (context: JobContext, jobs: PgBoss.Job<object>[]) => Promise<void>;

export type RunningWorker = { boss: PgBoss; stop(): Promise<void> };

/** The schedules, in the UK's time for the digests and the daily scan. */
const SCHEDULES: { queue: string; cron: string }[] = [
  { queue: QUEUES.detect, cron: "* * * * *" },
  { queue: QUEUES.scanDates, cron: "0 6 * * *" },
  { queue: QUEUES.digestDaily, cron: "0 7 * * *" },
  { queue: QUEUES.digestWeekly, cron: "0 7 * * 1" },
];

export async function startWorker(options: {
  url: string;
  db: Db;
  /** How often an idle worker looks for jobs (pg-boss's minimum is 0.5 s) */
  pollingIntervalSeconds?: number;
  /** Cron schedules on (the default); tests run jobs by hand */
  schedules?: boolean;
  log?: (line: string) => void;
}): Promise<RunningWorker> {
  const boss = createBoss(options.url, { worker: true });
  await boss.start();
  await installJobQueues(boss);
  const context: JobContext = { db: options.db, url: options.url };
  for (const [queue, handler] of Object.entries(alertJobHandlers)) {
    await boss.work<object>(queue, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2, batchSize: 1 }, (jobs: PgBoss.Job<object>[]) => handler(context, jobs));
  }
  if (options.schedules !== false) {
    for (const { queue, cron } of SCHEDULES) await boss.schedule(queue, cron, {}, { tz: "Europe/London" });
    // After downtime: what the outbox holds and the dates passed meanwhile, without waiting for the clock
    await boss.send(QUEUES.detect, {}, { singletonKey: "detect" });
    await boss.send(QUEUES.scanDates, {}, { singletonKey: "scan" });
  }
  options.log?.(`[jobs] worker started: ${Object.keys(alertJobHandlers).length} queues`);
  return { boss, stop: () => boss.stop({ graceful: true, wait: true, timeout: 10_000 }) };
}
