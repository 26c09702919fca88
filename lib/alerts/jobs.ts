// Which function runs each queue's jobs. Every queue of lib/jobs/boss.ts QUEUES has one.
import type { JobHandler } from "../jobs/worker";
import { QUEUES, type QueueName } from "../jobs/boss";
import { todayIso } from "../format";
import { runDetection, scanDates } from "./detect";
import { handleInstantEmailJobs, sendDigests } from "./email";
import { handleWebhookJobs } from "./webhooks";

export const alertJobHandlers: Record<QueueName, JobHandler> = {
  // detection: the outbox until empty; a job carries nothing (kicks collapse into one)
  [QUEUES.detect]: async ({ db, url }) => {
    await runDetection(db, { url });
  },
  // the date-driven kinds as of today in the UK ({today: "YYYY-MM-DD"} to scan another day)
  [QUEUES.scanDates]: async ({ db, url }, jobs) => {
    const asked = jobs.map((job) => (job.data as { today?: unknown }).today).find((today): today is string => typeof today === "string" && /^\d{4}-\d{2}-\d{2}$/.test(today));
    await scanDates(db, asked ?? todayIso(), { url });
  },
  // email (lib/alerts/email.ts): instant alerts and the digests
  [QUEUES.emailInstant]: ({ db }, jobs) => handleInstantEmailJobs(db, jobs),
  [QUEUES.digestDaily]: async ({ db }) => {
    await sendDigests(db, "daily", new Date());
  },
  [QUEUES.digestWeekly]: async ({ db }) => {
    await sendDigests(db, "weekly", new Date());
  },
  // webhooks: one attempt per job; the next attempt is a new job (lib/alerts/webhooks.ts)
  [QUEUES.webhook]: handleWebhookJobs,
};
