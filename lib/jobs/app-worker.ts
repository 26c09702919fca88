// The worker inside the app process (instrumentation.ts): one per process, on the app's database
// and Prisma client, stopped with the process.
import { getDb } from "../db/client";
import { startWorker, type RunningWorker } from "./worker";

const WORKER = Symbol.for("atlas.appWorker");
type Holder = { [WORKER]?: Promise<RunningWorker> };

export function startAppWorker(): Promise<RunningWorker> | undefined {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("[jobs] DATABASE_URL is not set: no worker in this process");
    return undefined;
  }
  const holder = globalThis as Holder;
  holder[WORKER] ??= startWorker({ url, db: getDb(), log: console.log }).then((worker) => {
    const stop = () => void worker.stop().finally(() => process.exit(0));
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
    return worker;
  });
  holder[WORKER].catch((error) => console.error("[jobs] the worker did not start:", error));
  return holder[WORKER];
}
