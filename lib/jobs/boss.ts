// The job queue: pg-boss on the app's own PostgreSQL (schema "pgboss"). Detecting events, building
// digests, sending email and delivering webhooks are jobs on these queues; any number of workers
// (in the app process, or `npm run worker`) share them through PostgreSQL's SKIP LOCKED.
import PgBoss from "pg-boss";

/** Queue names (pg-boss allows letters, digits, underscores and hyphens). */
export const QUEUES = {
  /** Turns the outbox (alert_source) into events, notifications, emails and webhook deliveries; every minute and when kicked */
  detect: "alerts-detect",
  /** The date-driven kinds (contract.ending, entry.due): daily, and at worker start so a stopped worker catches up */
  scanDates: "alerts-scan-dates",
  /** One instant email for a user's new notifications */
  emailInstant: "alerts-email-instant",
  /** The daily digests (one schedule per queue in pg-boss, hence two queues) */
  digestDaily: "alerts-digest-daily",
  /** The weekly digests */
  digestWeekly: "alerts-digest-weekly",
  /** One attempt at one webhook delivery */
  webhook: "alerts-webhook",
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

const SCHEMA = "pgboss";

/**
 * A pg-boss instance on `url`. `worker` instances supervise (maintenance, expiry) and run cron
 * schedules; a sender-only instance (route handlers, CLIs) does neither and just inserts jobs.
 */
export function createBoss(url: string, options: { worker: boolean; max?: number }): PgBoss {
  const boss = new PgBoss({
    connectionString: url,
    schema: SCHEMA,
    application_name: options.worker ? "atlas-worker" : "atlas-jobs",
    max: options.max ?? (options.worker ? 4 : 2),
    supervise: options.worker,
    schedule: options.worker,
    // The schema is installed by installJobQueues (npm start, the worker, tests' template), not by every sender
    migrate: options.worker,
  });
  // One line: pg-boss reports each lost connection (a database restart, the end of a test) with the whole client attached
  boss.on("error", (error) => console.error(`[jobs] ${error instanceof Error ? error.message : String(error)}`));
  return boss;
}

/** Creates pg-boss's schema (its own migrations) and every queue; safe to run again. */
export async function installJobQueues(boss: PgBoss): Promise<void> {
  const existing = new Set((await boss.getQueues()).map((q) => q.name));
  for (const name of Object.values(QUEUES)) {
    if (existing.has(name)) continue;
    // "short" keeps at most one detect and one scan job queued: a burst of kicks collapses into one run
    const policy = name === QUEUES.detect || name === QUEUES.scanDates ? "short" : "standard";
    await boss.createQueue(name, { name, policy, retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds: 15 * 60 });
  }
}

const SENDER = Symbol.for("atlas.jobSender");
type SenderHolder = { [SENDER]?: { url: string; boss: Promise<PgBoss> } };

/** The process's sender-only instance for `url`, started on first use. */
export function jobSender(url: string): Promise<PgBoss> {
  const holder = globalThis as SenderHolder;
  if (holder[SENDER]?.url !== url) {
    const boss = createBoss(url, { worker: false });
    holder[SENDER] = { url, boss: boss.start().then(() => boss) };
  }
  return holder[SENDER]!.boss;
}

/** Stops the process's sender (tests, CLIs that exit). */
export async function stopJobSender(): Promise<void> {
  const holder = globalThis as SenderHolder;
  const sender = holder[SENDER];
  delete holder[SENDER];
  if (sender) await (await sender.boss).stop({ graceful: false, wait: true });
}

/** Asks a worker to run detection soon (collapses with a run already queued). */
export async function kickDetection(url: string): Promise<void> {
  await (await jobSender(url)).send(QUEUES.detect, {}, { singletonKey: "detect" });
}

/** Installs the queue on the database at `url` and lets go (npm start before the app, the tests' template). */
export async function installJobQueuesAt(url: string): Promise<void> {
  const boss = new PgBoss({ connectionString: url, schema: SCHEMA, max: 1, supervise: false, schedule: false, migrate: true });
  await boss.start();
  try {
    await installJobQueues(boss);
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}
