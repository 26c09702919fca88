// Which function runs each queue's jobs. Every queue of lib/jobs/boss.ts QUEUES has one.
import type { JobHandler } from "../jobs/worker";
import { QUEUES, type QueueName } from "../jobs/boss";
import { handleWebhookJobs } from "./webhooks";

export const alertJobHandlers: Record<QueueName, JobHandler> = {
  // filled in by the detection, email and webhook modules
  // webhooks: one attempt per job; the next attempt is a new job (lib/alerts/webhooks.ts)
  [QUEUES.webhook]: handleWebhookJobs,
} as Record<QueueName, JobHandler>;
