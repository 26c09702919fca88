// npm run worker: a job worker on its own (detection, digests, email, webhooks), for setups that
// run it apart from the app (then start the app with ATLAS_WORKER=off). Several may run at once.
import { createAppPrismaClient } from "../lib/db/client";
import { openDatabase } from "../lib/db/runtime";
import { startWorker } from "../lib/jobs/worker";
import { checkWebhookSettings } from "../lib/alerts/webhooks";

checkWebhookSettings();

const database = await openDatabase();
const db = createAppPrismaClient(database.url);
const worker = await startWorker({ url: database.url, db, log: console.log });
let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  console.log("[jobs] stopping: finishing the jobs in hand");
  await worker.stop();
  await db.$disconnect();
  await database.stop();
  process.exit(0);
};
process.on("SIGINT", () => void shutdown());
process.on("SIGTERM", () => void shutdown());
