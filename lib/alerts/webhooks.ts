// Webhooks: a team's URLs that receive signed JSON POSTs for chosen event kinds (docs/alerts.md
// "Webhooks"). Team admins manage them; the detection job writes webhook_delivery rows (payload =
// the body) and queues one QUEUES.webhook job per delivery; deliverWebhook makes one attempt per job
// and queues the next one itself, with exponential backoff, for WEBHOOK_RETRY_WINDOW_HOURS.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import type pg from "pg";
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { AuthContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/roles";
import { openSecret, sealSecret } from "@/lib/auth/secret-box";
import { recordAudit } from "@/lib/audit";
import { clientExecute, clientRows, execute, inPoolTransaction, queryRows } from "@/lib/db/query";
import { sql } from "@/lib/db/sql";
import { AppError, notFound } from "@/lib/errors";
import { appUrl } from "@/lib/email/transport";
import { jobSender, QUEUES } from "@/lib/jobs/boss";
import type { JobHandler } from "@/lib/jobs/worker";
import { EVENT_KINDS, type EventKind, type WebhookDeliveryState } from "./vocabulary";

const SECRET_PURPOSE = "webhook";
export const SIGNATURE_HEADER = "X-Atlas-Signature";
export const USER_AGENT = "CommissioningAtlas-Webhooks/1";
/** A receiver has this long to answer an attempt */
const ATTEMPT_TIMEOUT_MS = 10_000;
/** A claimed attempt holds its delivery this long, so a duplicate job cannot make a second, parallel attempt */
const ATTEMPT_LEASE_MS = 2 * 60_000;
const MAX_BACKOFF_SECONDS = 3600;

/** A positive number from the environment, or its default when unset; a value that is set but makes no sense is an error naming it. */
function positiveNumberFromEnv(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text.trim() === "") return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not "${text}"`);
  return value;
}
/** Seconds before the second attempt; each further wait doubles, up to an hour */
export const retryBaseSeconds = () => positiveNumberFromEnv("WEBHOOK_RETRY_BASE_SECONDS", 30);
/** How long after its first attempt a delivery keeps being retried before it is marked failed */
export const retryWindowHours = () => positiveNumberFromEnv("WEBHOOK_RETRY_WINDOW_HOURS", 24);

/** Checks the webhook settings at start (npm start, npm run worker), so a mistyped one stops there and not at the first retry. */
export function checkWebhookSettings(): void {
  retryBaseSeconds();
  retryWindowHours();
  const allowHttp = process.env.WEBHOOK_ALLOW_HTTP;
  if (allowHttp !== undefined && !["", "0", "1"].includes(allowHttp)) throw new Error(`WEBHOOK_ALLOW_HTTP must be 1 (allow http:// webhook URLs) or 0, not "${allowHttp}"`);
}

/** The wait after the `failures`-th failed attempt of a round: base, 2 base, 4 base ... capped at 1 h. */
export function backoffSeconds(failures: number, base = retryBaseSeconds()): number {
  return Math.min(base * 2 ** Math.max(0, failures - 1), MAX_BACKOFF_SECONDS);
}

// ---------- URLs: the SSRF stance (docs/security.md) ----------

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);
const isLoopbackHost = (host: string) => LOOPBACK_HOSTS.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host) || host.endsWith(".localhost");

/**
 * Addresses a webhook may never reach: unspecified, link-local (cloud metadata endpoints such as
 * 169.254.169.254 live there) and their IPv6 forms. Private networks stay allowed on purpose: a
 * team's CRM may sit on its own network. Operators who need more fence the worker's egress.
 */
export function isForbiddenAddress(address: string): boolean {
  const ip = address.replace(/^\[|\]$/g, "").toLowerCase();
  const v4 = ip.startsWith("::ffff:") ? ip.slice(7) : ip;
  if (isIP(v4) === 4) return v4.startsWith("169.254.") || v4.startsWith("0.");
  if (isIP(ip) === 6) return ip === "::" || /^fe[89ab]/.test(ip);
  return false;
}

export const webhookUrlSchema = z
  .string()
  .trim()
  .max(2000, "At most 2,000 characters")
  .superRefine((value, issue) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return issue.addIssue({ code: "custom", message: "Not a URL" });
    }
    const httpAllowed = process.env.WEBHOOK_ALLOW_HTTP === "1" || isLoopbackHost(url.hostname);
    if (url.protocol !== "https:" && !(url.protocol === "http:" && httpAllowed)) issue.addIssue({ code: "custom", message: "Use an https:// URL (http:// only for localhost, or when WEBHOOK_ALLOW_HTTP=1)" });
    if (url.username || url.password) issue.addIssue({ code: "custom", message: "Put no user name or password in the URL: the signature authenticates the sender" });
    if (isForbiddenAddress(url.hostname)) issue.addIssue({ code: "custom", message: "That address is link-local or unspecified, which webhooks may not reach" });
  });

const eventsSchema = z
  .array(z.enum(EVENT_KINDS, { message: `One of ${EVENT_KINDS.join(", ")}` }))
  .min(1, "Choose at least one kind of event")
  .transform((events) => EVENT_KINDS.filter((kind) => events.includes(kind)));
const descriptionSchema = z.string().trim().max(500, "At most 500 characters").nullable().optional();

export const createWebhookSchema = z.object({
  url: webhookUrlSchema.describe("https:// (http:// only for localhost, or when the installation sets WEBHOOK_ALLOW_HTTP=1)"),
  events: eventsSchema.describe(`The kinds of event to send: ${EVENT_KINDS.join(", ")}`),
  description: descriptionSchema.describe("What it is for, e.g. Slack #bids"),
});

export const updateWebhookSchema = z.object({
  version: z.coerce.number().int().positive().describe("The version you edited: a stale one answers 409 with the webhook as it is"),
  url: webhookUrlSchema.optional(),
  events: eventsSchema.optional(),
  active: z.boolean().optional().describe("false pauses deliveries: pending ones are not attempted while it is off"),
  description: descriptionSchema,
});

function requireManage(ctx: AuthContext) {
  if (!can(ctx, "manage")) throw new AppError("forbidden", "Only the team's admins and owners manage webhooks.");
}

const webhookSelect = { id: true, url: true, events: true, active: true, description: true, version: true, createdAt: true, updatedAt: true, createdBy: { select: { id: true, name: true } } } as const;
type WebhookRecord = { id: string; url: string; events: string[]; active: boolean; description: string | null; version: number; createdAt: Date; updatedAt: Date; createdBy: { id: string; name: string } };

export function webhookToJson(webhook: WebhookRecord) {
  return {
    id: webhook.id,
    url: webhook.url,
    events: webhook.events as EventKind[],
    active: webhook.active,
    description: webhook.description,
    version: webhook.version,
    created_at: webhook.createdAt.toISOString(),
    updated_at: webhook.updatedAt.toISOString(),
    created_by: webhook.createdBy,
  };
}
export type WebhookJson = ReturnType<typeof webhookToJson>;

export async function listWebhooks(db: PrismaClient, ctx: AuthContext): Promise<WebhookRecord[]> {
  requireManage(ctx);
  return db.webhookEndpoint.findMany({ where: { teamId: ctx.team.id }, select: webhookSelect, orderBy: { createdAt: "asc" } });
}

export async function getWebhook(db: PrismaClient, ctx: AuthContext, id: string): Promise<WebhookRecord> {
  requireManage(ctx);
  const webhook = await db.webhookEndpoint.findFirst({ where: { id, teamId: ctx.team.id }, select: webhookSelect });
  if (!webhook) throw notFound("That webhook");
  return webhook;
}

/** A new signing secret: 32 random bytes, hex, with a prefix that says what it is. */
const newSecret = () => `whsec_${randomBytes(32).toString("hex")}`;

/** Creates a webhook; the answer is the only time its secret is shown. */
export async function createWebhook(db: PrismaClient, ctx: AuthContext, input: z.output<typeof createWebhookSchema>): Promise<{ webhook: WebhookRecord; secret: string }> {
  requireManage(ctx);
  const secret = newSecret();
  const webhook = await db.$transaction(async (tx) => {
    const created = await tx.webhookEndpoint.create({
      data: { teamId: ctx.team.id, url: input.url, events: input.events, description: input.description ?? null, secretSealed: sealSecret(secret, SECRET_PURPOSE), createdById: ctx.user.id },
      select: webhookSelect,
    });
    await recordAudit(tx, { action: "webhook.created", teamId: ctx.team.id, userId: ctx.user.id, ip: ctx.ip, target: `webhook:${created.id}`, after: { url: created.url, events: created.events } });
    return created;
  });
  return { webhook, secret };
}

/** Changes url, events, active or description; a stale version answers 409 with the webhook as it is. */
export async function updateWebhook(db: PrismaClient, ctx: AuthContext, id: string, input: z.output<typeof updateWebhookSchema>): Promise<WebhookRecord> {
  requireManage(ctx);
  return db.$transaction(async (tx) => {
    const before = await tx.webhookEndpoint.findFirst({ where: { id, teamId: ctx.team.id }, select: webhookSelect });
    if (!before) throw notFound("That webhook");
    const { count } = await tx.webhookEndpoint.updateMany({
      where: { id, teamId: ctx.team.id, version: input.version },
      data: { url: input.url, events: input.events, active: input.active, description: input.description, version: { increment: 1 } },
    });
    if (count === 0) throw new AppError("conflict", "Someone changed this webhook since you opened it; reload and edit again.", {}, undefined, webhookToJson(before));
    const after = await tx.webhookEndpoint.findUniqueOrThrow({ where: { id }, select: webhookSelect });
    await recordAudit(tx, { action: "webhook.updated", teamId: ctx.team.id, userId: ctx.user.id, ip: ctx.ip, target: `webhook:${id}`, before: { url: before.url, events: before.events, active: before.active }, after: { url: after.url, events: after.events, active: after.active } });
    return after;
  });
}

/** Deletes a webhook and its delivery log; queued jobs for it find nothing and stop. */
export async function deleteWebhook(db: PrismaClient, ctx: AuthContext, id: string): Promise<void> {
  requireManage(ctx);
  await db.$transaction(async (tx) => {
    const before = await tx.webhookEndpoint.findFirst({ where: { id, teamId: ctx.team.id }, select: webhookSelect });
    if (!before) throw notFound("That webhook");
    await tx.webhookEndpoint.delete({ where: { id } });
    await recordAudit(tx, { action: "webhook.deleted", teamId: ctx.team.id, userId: ctx.user.id, ip: ctx.ip, target: `webhook:${id}`, before: { url: before.url, events: before.events } });
  });
}

// ---------- the payload ----------

type EventForPayload = {
  id: bigint | null;
  kind: string;
  title: string;
  summary: string | null;
  link: string;
  source: string;
  sourceUrl: string | null;
  organisationCode: string | null;
  payload: unknown;
  occurredAt: Date;
  createdAt: Date;
};

/**
 * The JSON body of a delivery (README "Webhooks"). The detection job writes it into
 * webhook_delivery.payload; the test button builds one from real data with `test: true`.
 */
export function webhookEventPayload(event: EventForPayload, team: { id: string; name: string }, organisation: { code: string; name: string } | null, options: { test?: boolean } = {}) {
  return {
    id: event.id === null ? null : String(event.id),
    event: event.kind,
    test: options.test === true,
    team,
    occurred_at: event.occurredAt.toISOString(),
    created_at: event.createdAt.toISOString(),
    organisation,
    title: event.title,
    summary: event.summary,
    link: event.link.startsWith("/") ? `${appUrl()}${event.link}` : event.link,
    source: event.source,
    source_url: event.sourceUrl,
    data: event.payload ?? {},
  };
}

// ---------- signing ----------

/** The X-Atlas-Signature value for `body` sent at `t` (unix seconds): HMAC-SHA256 of "<t>.<body>" keyed with the secret. */
export function signPayload(secret: string, body: string, t: number): string {
  return `t=${t},v1=${signatureOf(secret, body, t)}`;
}

const signatureOf = (secret: string, body: string, t: number) => createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");

/**
 * What a receiver does (README): true when the header carries a v1 signature of `body` under the
 * secret, made no more than `toleranceSeconds` from `nowSeconds` (a replay is refused after that).
 */
export function verifySignature(secret: string, header: string | null | undefined, body: string, toleranceSeconds = 300, nowSeconds = Math.floor(Date.now() / 1000)): boolean {
  if (!header) return false;
  const parts = header.split(",").map((part) => part.trim().split("=", 2) as [string, string?]);
  const t = Number(parts.find(([key]) => key === "t")?.[1]);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(signatureOf(secret, body, t));
  return parts.some(([key, value]) => key === "v1" && value !== undefined && value.length === expected.length && timingSafeEqual(Buffer.from(value), expected));
}

// ---------- delivering ----------

type Claimed = { id: string; webhook_id: string; event_kind: string; payload: unknown; attempts: number; first_attempt_ms: number; url: string; secret_sealed: string };

export type AttemptOutcome = { state: "skipped"; reason: string } | { state: WebhookDeliveryState; statusCode: number | null; error: string | null; nextAttemptAt: Date | null };

/** The first bytes of a response, for the log; never the whole of a large answer. */
async function excerpt(response: Response, limit = 300): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return "";
  let text = "";
  const decoder = new TextDecoder();
  while (text.length < limit) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel().catch(() => {});
  return text.slice(0, limit).replace(/\s+/g, " ").trim();
}

async function refuseForbiddenHost(url: URL): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  if (addresses.some(isForbiddenAddress)) throw new Error(`${host} resolves to a link-local or unspecified address, which webhooks may not reach`);
}

/** One POST of `body`, signed now; the status code, or the error that stopped it. */
async function post(target: Claimed, body: string, deliveryId: bigint, now: Date): Promise<{ statusCode: number | null; error: string | null }> {
  try {
    const url = new URL(target.url);
    await refuseForbiddenHost(url);
    const secret = openSecret(target.secret_sealed, SECRET_PURPOSE);
    const response = await fetch(url, {
      method: "POST",
      body,
      // A redirect is an answer, not an instruction: following it could lead the worker anywhere
      redirect: "manual",
      signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
      headers: {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        [SIGNATURE_HEADER]: signPayload(secret, body, Math.floor(now.getTime() / 1000)),
        "X-Atlas-Event": target.event_kind,
        "X-Atlas-Delivery": String(deliveryId),
      },
    });
    if (response.status >= 200 && response.status < 300) {
      await response.body?.cancel().catch(() => {});
      return { statusCode: response.status, error: null };
    }
    const text = await excerpt(response).catch(() => "");
    return { statusCode: response.status, error: `HTTP ${response.status}${text ? `: ${text}` : ""}`.slice(0, 500) };
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
    const message = error instanceof Error ? (error.name === "TimeoutError" ? `No answer within ${ATTEMPT_TIMEOUT_MS / 1000} s` : `${error.message}${cause}`) : String(error);
    return { statusCode: null, error: message.slice(0, 500) };
  }
}


/** Queues an attempt at a delivery, inside the caller's transaction. */
async function queueAttempt(client: pg.PoolClient, url: string, deliveryId: bigint, startAfter?: Date): Promise<void> {
  const boss = await jobSender(url);
  await boss.send(QUEUES.webhook, { deliveryId: String(deliveryId) }, { ...(startAfter ? { startAfter } : {}), db: { executeSql: (text: string, values: unknown[]) => client.query(text, values) } });
}

const databaseUrl = (url?: string) => {
  const value = url ?? process.env.DATABASE_URL;
  if (!value) throw new Error("DATABASE_URL is not set: webhook retries cannot be queued");
  return value;
};

/**
 * One attempt at one delivery (a QUEUES.webhook job). Claims it first (pending, due, its webhook
 * active), so two jobs for the same delivery never post in parallel; posts the stored payload;
 * records the attempt; then marks it succeeded, schedules the next attempt with backoff, or marks it
 * failed once the retry window since its first attempt has passed. `retry: false` (the test
 * button) makes one attempt only.
 */
export async function deliverWebhook(db: PrismaClient, deliveryId: bigint | string, now: Date = new Date(), options: { url?: string; retry?: boolean } = {}): Promise<AttemptOutcome> {
  const id = BigInt(deliveryId);
  // Timestamps are UTC in timestamp columns: the builder sends Dates as ISO text; epoch out, whatever the session's time zone
  const rows = await queryRows<Claimed>(db, sql`UPDATE webhook_delivery d
        SET attempts = d.attempts + 1, first_attempt_at = COALESCE(d.first_attempt_at, ${now}::timestamp), next_attempt_at = ${new Date(now.getTime() + ATTEMPT_LEASE_MS)}::timestamp
       FROM webhook_endpoint w
      WHERE d.id = ${id} AND w.id = d.webhook_id AND w.active AND d.status = 'pending'
        AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= ${now}::timestamp + interval '2 seconds')
  RETURNING d.id::text, d.webhook_id, d.event_kind, d.payload, d.attempts, (extract(epoch FROM d.first_attempt_at) * 1000)::float8 AS first_attempt_ms, w.url, w.secret_sealed`);
  const claimed = rows[0];
  if (!claimed) {
    const row = await db.webhookDelivery.findUnique({ where: { id }, select: { status: true, webhook: { select: { active: true } } } });
    return { state: "skipped", reason: !row ? "no such delivery (its webhook was deleted?)" : row.status !== "pending" ? `already ${row.status}` : !row.webhook.active ? "the webhook is paused" : "an attempt is in progress or not yet due" };
  }
  // jsonb gives the same text every time: the same bytes on every attempt
  const body = JSON.stringify(claimed.payload);
  const started = performance.now();
  const result = await post(claimed, body, id, now);
  const durationMs = Math.round(performance.now() - started);
  const succeeded = result.error === null;
  return recordAttempt(claimed).catch(async (error: unknown) => {
    // Recording failed after the POST (the database went away): give the claim back, best effort, so
    // pg-boss's retry of this job can attempt again (at least once; receivers drop repeats by X-Atlas-Delivery)
    await execute(db, sql`UPDATE webhook_delivery SET next_attempt_at = NULL WHERE id = ${id} AND status = 'pending'`).catch(() => {});
    throw error;
  });

  function recordAttempt(claimed: Claimed) {
    return inPoolTransaction(db, async (client) => {
      await clientExecute(client, sql`INSERT INTO webhook_delivery_attempt (delivery_id, attempt, at, status_code, error, duration_ms) VALUES (${id}, ${claimed.attempts}, ${now}::timestamp, ${result.statusCode}, ${result.error}, ${durationMs})`);
      if (succeeded) {
        await clientExecute(client, sql`UPDATE webhook_delivery SET status = 'succeeded', delivered_at = ${now}::timestamp, last_status = ${result.statusCode}, last_error = NULL, next_attempt_at = NULL WHERE id = ${id}`);
        return { state: "succeeded" as const, ...result, nextAttemptAt: null };
      }
      const windowEnd = claimed.first_attempt_ms + retryWindowHours() * 3_600_000;
      if (options.retry === false || now.getTime() >= windowEnd) {
        await clientExecute(client, sql`UPDATE webhook_delivery SET status = 'failed', last_status = ${result.statusCode}, last_error = ${result.error}, next_attempt_at = NULL WHERE id = ${id}`);
        return { state: "failed" as const, ...result, nextAttemptAt: null };
      }
      // The failures of this round (since the first attempt, or the redelivery that restarted it)
      const counted = await clientRows<{ failures: number }>(client, sql`SELECT count(*)::int AS failures FROM webhook_delivery_attempt WHERE delivery_id = ${id} AND at >= ${new Date(claimed.first_attempt_ms)}::timestamp AND error IS NOT NULL`);
      const nextAttemptAt = new Date(now.getTime() + backoffSeconds(counted[0]?.failures ?? 1) * 1000);
      await clientExecute(client, sql`UPDATE webhook_delivery SET last_status = ${result.statusCode}, last_error = ${result.error}, next_attempt_at = ${nextAttemptAt}::timestamp WHERE id = ${id}`);
      await queueAttempt(client, databaseUrl(options.url), id, nextAttemptAt);
      return { state: "pending" as const, ...result, nextAttemptAt };
    });
  }
}

/** The QUEUES.webhook handler: one attempt per job ({deliveryId}). */
export const handleWebhookJobs: JobHandler = async ({ db, url }, jobs) => {
  for (const job of jobs) {
    const deliveryId = (job.data as { deliveryId?: unknown }).deliveryId;
    if (typeof deliveryId !== "string" && typeof deliveryId !== "number") continue;
    if (!/^\d+$/.test(String(deliveryId))) continue;
    await deliverWebhook(db, String(deliveryId), new Date(), { url });
  }
};

// ---------- the delivery log, redelivery, the test button ----------

const deliverySelect = {
  id: true,
  eventId: true,
  eventKind: true,
  payload: true,
  status: true,
  attempts: true,
  nextAttemptAt: true,
  lastStatus: true,
  lastError: true,
  firstAttemptAt: true,
  deliveredAt: true,
  createdAt: true,
  attemptLog: { select: { attempt: true, at: true, statusCode: true, error: true, durationMs: true }, orderBy: { attempt: "desc" as const }, take: 20 },
} as const;
type DeliveryRecord = {
  id: bigint;
  eventId: bigint | null;
  eventKind: string;
  payload: unknown;
  status: string;
  attempts: number;
  nextAttemptAt: Date | null;
  lastStatus: number | null;
  lastError: string | null;
  firstAttemptAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
  attemptLog: { attempt: number; at: Date; statusCode: number | null; error: string | null; durationMs: number }[];
};

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function deliveryToJson(delivery: DeliveryRecord) {
  return {
    id: String(delivery.id),
    event_id: delivery.eventId === null ? null : String(delivery.eventId),
    event: delivery.eventKind as EventKind,
    test: delivery.eventId === null,
    status: delivery.status as WebhookDeliveryState,
    attempts: delivery.attempts,
    next_attempt_at: iso(delivery.nextAttemptAt),
    last_status: delivery.lastStatus,
    last_error: delivery.lastError,
    first_attempt_at: iso(delivery.firstAttemptAt),
    delivered_at: iso(delivery.deliveredAt),
    created_at: delivery.createdAt.toISOString(),
    payload: delivery.payload,
    attempt_log: delivery.attemptLog.map((a) => ({ attempt: a.attempt, at: a.at.toISOString(), status_code: a.statusCode, error: a.error, duration_ms: a.durationMs })),
  };
}
export type DeliveryJson = ReturnType<typeof deliveryToJson>;

export const deliveriesQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20).describe("Deliveries per page (1-100, default 20)"),
  before: z
    .string()
    .regex(/^\d{1,19}$/, "next_before of the previous page")
    .optional()
    .describe("next_before of the previous page"),
});

/** A webhook's deliveries, newest first, with their last 20 attempts each; `nextBefore` pages on. */
export async function listDeliveries(db: PrismaClient, ctx: AuthContext, webhookId: string, query: z.output<typeof deliveriesQuerySchema>): Promise<{ rows: DeliveryRecord[]; nextBefore: string | null }> {
  await getWebhook(db, ctx, webhookId);
  const rows = await db.webhookDelivery.findMany({
    where: { webhookId, teamId: ctx.team.id, ...(query.before ? { id: { lt: BigInt(query.before) } } : {}) },
    select: deliverySelect,
    orderBy: { id: "desc" },
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return { rows: page, nextBefore: rows.length > query.limit ? String(page.at(-1)!.id) : null };
}

async function getDelivery(db: PrismaClient, webhookId: string, deliveryId: bigint): Promise<DeliveryRecord> {
  return db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId, webhookId }, select: deliverySelect });
}

const deliveryIdOf = (value: string) => {
  if (!/^\d{1,19}$/.test(value)) throw notFound("That delivery");
  return BigInt(value);
};

/** Sends a finished delivery (succeeded or failed) again: pending, a fresh 24 h window, an attempt queued now. */
export async function redeliver(db: PrismaClient, ctx: AuthContext, webhookId: string, deliveryIdText: string, options: { url?: string } = {}): Promise<DeliveryRecord> {
  const webhook = await getWebhook(db, ctx, webhookId);
  const deliveryId = deliveryIdOf(deliveryIdText);
  const existing = await db.webhookDelivery.findFirst({ where: { id: deliveryId, webhookId: webhook.id, teamId: ctx.team.id }, select: { status: true } });
  if (!existing) throw notFound("That delivery");
  if (!webhook.active) throw new AppError("conflict", "The webhook is paused: turn it on to redeliver.");
  const restarted = await inPoolTransaction(db, async (client) => {
    const rowCount = await clientExecute(
      client,
      sql`UPDATE webhook_delivery SET status = 'pending', first_attempt_at = NULL, next_attempt_at = NULL, delivered_at = NULL WHERE id = ${deliveryId} AND webhook_id = ${webhook.id} AND team_id = ${ctx.team.id} AND status IN ('succeeded', 'failed')`,
    );
    if (!rowCount) return false;
    await queueAttempt(client, databaseUrl(options.url), deliveryId);
    return true;
  });
  if (!restarted) throw new AppError("conflict", "That delivery is still being attempted: wait for it to succeed or fail.");
  await recordAudit(db, { action: "webhook.redelivered", teamId: ctx.team.id, userId: ctx.user.id, ip: ctx.ip, target: `webhook:${webhook.id}`, after: { delivery: String(deliveryId) } });
  return getDelivery(db, webhook.id, deliveryId);
}

/** The body the test button posts: the webhook's first kind of event, about a real body of the data (QYG), marked test. */
async function samplePayload(db: PrismaClient, ctx: AuthContext, kind: EventKind) {
  const organisation = (await db.organisation.findUnique({ where: { code: "QYG" }, select: { code: true, name: true } })) ?? (await db.organisation.findFirst({ where: { kind: "icb" }, select: { code: true, name: true }, orderBy: { code: "asc" } }));
  const now = new Date();
  return webhookEventPayload(
    {
      id: null,
      kind,
      title: `Test event from Commissioning Atlas${organisation ? `: ${organisation.name}` : ""}`,
      summary: "A sample sent with the webhook's Test button. Nothing happened to this body.",
      link: organisation ? `/organisations/${organisation.code}` : "/",
      source: "Test button",
      sourceUrl: null,
      organisationCode: organisation?.code ?? null,
      payload: { sample: true },
      occurredAt: now,
      createdAt: now,
    },
    ctx.team,
    organisation,
    { test: true },
  );
}

/** The test button: a sample event delivered at once, one attempt, recorded in the log like any delivery. */
export async function sendTestDelivery(db: PrismaClient, ctx: AuthContext, webhookId: string): Promise<DeliveryRecord> {
  const webhook = await getWebhook(db, ctx, webhookId);
  if (!webhook.active) throw new AppError("conflict", "The webhook is paused: turn it on to send a test.");
  const kind = (webhook.events[0] ?? EVENT_KINDS[0]) as EventKind;
  const delivery = await db.webhookDelivery.create({ data: { webhookId: webhook.id, teamId: ctx.team.id, eventId: null, eventKind: kind, payload: await samplePayload(db, ctx, kind) }, select: { id: true } });
  await deliverWebhook(db, delivery.id, new Date(), { retry: false });
  return getDelivery(db, webhook.id, delivery.id);
}

// ---------- failures a team admin sees on the jobs page ----------

/** The team's deliveries that failed or are being retried, newest first. */
export async function teamDeliveryProblems(db: PrismaClient, ctx: AuthContext, limit = 50) {
  requireManage(ctx);
  return db.webhookDelivery.findMany({
    where: { teamId: ctx.team.id, OR: [{ status: "failed" }, { status: "pending", attempts: { gt: 0 } }] },
    select: { ...deliverySelect, webhook: { select: { id: true, url: true } } },
    orderBy: { id: "desc" },
    take: limit,
  });
}
