// Which function runs each queue's jobs. Every queue of lib/jobs/boss.ts QUEUES has one.
import type { JobHandler } from "../jobs/worker";
import { QUEUES, type QueueName } from "../jobs/boss";

export const alertJobHandlers: Record<QueueName, JobHandler> = {
  // filled in by the detection, email and webhook modules
} as Record<QueueName, JobHandler>;
void QUEUES;
