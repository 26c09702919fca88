// What the Jobs page shows operators: per queue, pg-boss's jobs by state, and the recent failed and
// retrying jobs with their error. Installation-wide (every team's jobs share the queues), so only
// operators see it; team admins see their own webhook deliveries instead (lib/alerts/webhooks.ts).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { queryRows } from "@/lib/db/query";
import { sql } from "@/lib/db/sql";
import { QUEUES } from "./boss";

export const JOB_STATES = ["created", "retry", "active", "completed", "cancelled", "failed"] as const;
export type JobState = (typeof JOB_STATES)[number];

export type QueueCounts = { queue: string; counts: Record<JobState, number>; archived: number };
export type JobProblem = { id: string; queue: string; state: "failed" | "retry"; createdAt: Date; startAfter: Date; retryCount: number; retryLimit: number; output: unknown; data: unknown };

/** Counts by state of every queue of QUEUES (pgboss.job), and how many finished jobs pg-boss archived. */
export async function queueCounts(db: PrismaClient): Promise<QueueCounts[]> {
  const names = Object.values(QUEUES);
  const rows = await queryRows<{ name: string; state: JobState; n: number }>(db, sql`SELECT name, state::text AS state, count(*)::int AS n FROM pgboss.job WHERE name = ANY(${names}::text[]) GROUP BY name, state`);
  const archived = await queryRows<{ name: string; n: number }>(db, sql`SELECT name, count(*)::int AS n FROM pgboss.archive WHERE name = ANY(${names}::text[]) GROUP BY name`);
  return names.map((queue) => ({
    queue,
    counts: Object.fromEntries(JOB_STATES.map((state) => [state, rows.find((r) => r.name === queue && r.state === state)?.n ?? 0])) as Record<JobState, number>,
    archived: archived.find((r) => r.name === queue)?.n ?? 0,
  }));
}

/** The latest failed and retrying jobs of every queue (live and archived), newest first. */
export async function jobProblems(db: PrismaClient, limit = 50): Promise<JobProblem[]> {
  const names = Object.values(QUEUES);
  const rows = await queryRows<{ id: string; name: string; state: "failed" | "retry"; created_on: Date; start_after: Date; retry_count: number; retry_limit: number; output: unknown; data: unknown }>(
    db,
    sql`SELECT id::text, name, state::text AS state, created_on, start_after, retry_count, retry_limit, output, data FROM (
          SELECT id, name, state, created_on, start_after, retry_count, retry_limit, output, data FROM pgboss.job WHERE name = ANY(${names}::text[]) AND state IN ('failed', 'retry')
          UNION ALL
          SELECT id, name, state, created_on, start_after, retry_count, retry_limit, output, data FROM pgboss.archive WHERE name = ANY(${names}::text[]) AND state = 'failed'
        ) problems ORDER BY created_on DESC LIMIT ${limit}`,
  );
  return rows.map((r) => ({ id: r.id, queue: r.name, state: r.state, createdAt: r.created_on, startAfter: r.start_after, retryCount: r.retry_count, retryLimit: r.retry_limit, output: r.output, data: r.data }));
}
