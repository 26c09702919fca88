// Which function runs each queue's jobs. Every queue of lib/jobs/boss.ts QUEUES has one.
import type { JobHandler } from "../jobs/worker";
import { QUEUES, type QueueName } from "../jobs/boss";
import { handleInstantEmailJobs, sendDigests } from "./email";

// email (lib/alerts/email.ts): instant alerts and the digests
const emailHandlers: Partial<Record<QueueName, JobHandler>> = {
  [QUEUES.emailInstant]: ({ db }, jobs) => handleInstantEmailJobs(db, jobs),
  [QUEUES.digestDaily]: async ({ db }) => {
    await sendDigests(db, "daily", new Date());
  },
  [QUEUES.digestWeekly]: async ({ db }) => {
    await sendDigests(db, "weekly", new Date());
  },
};

export const alertJobHandlers: Record<QueueName, JobHandler> = {
  // filled in by the detection, email and webhook modules
  ...emailHandlers,
} as Record<QueueName, JobHandler>;
void QUEUES;
