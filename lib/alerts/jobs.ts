// Which function runs each queue's jobs. Every queue of lib/jobs/boss.ts QUEUES has one.
import type { JobHandler } from "../jobs/worker";
import { QUEUES, type QueueName } from "../jobs/boss";
import { runDetection, scanDates, ukToday } from "./detect";

export const alertJobHandlers: Record<QueueName, JobHandler> = {
  // filled in by the detection, email and webhook modules
  // detection: the outbox until empty; a job carries nothing (kicks collapse into one)
  [QUEUES.detect]: async ({ db, url }) => {
    await runDetection(db, { url });
  },
  // the date-driven kinds as of today in the UK ({today: "YYYY-MM-DD"} to scan another day)
  [QUEUES.scanDates]: async ({ db, url }, jobs) => {
    const asked = jobs.map((job) => (job.data as { today?: unknown }).today).find((today): today is string => typeof today === "string" && /^\d{4}-\d{2}-\d{2}$/.test(today));
    await scanDates(db, asked ?? ukToday(), { url });
  },
} as Partial<Record<QueueName, JobHandler>> as Record<QueueName, JobHandler>;
