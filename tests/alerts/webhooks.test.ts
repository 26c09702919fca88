// Webhooks end to end on real PostgreSQL and a real HTTP receiver on loopback: signed POSTs that the
// receiver verifies with the secret from the create answer, retries with backoff through a real
// pg-boss worker, the retry window, redelivery, the test button, and who may manage them.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { apiRequest, params, signedInUser, type TestUser } from "../support/auth";
import { startWorker, type RunningWorker } from "../../lib/jobs/worker";
import { jobSender, QUEUES, stopJobSender } from "../../lib/jobs/boss";
import { backoffSeconds, checkWebhookSettings, deliverWebhook, signPayload, verifySignature, webhookEventPayload } from "../../lib/alerts/webhooks";
import { jobProblems, queueCounts } from "../../lib/jobs/status";
import * as collection from "../../app/api/v1/webhooks/route";
import * as single from "../../app/api/v1/webhooks/[id]/route";
import * as deliveries from "../../app/api/v1/webhooks/[id]/deliveries/route";
import * as redeliverRoute from "../../app/api/v1/webhooks/[id]/deliveries/[deliveryId]/redeliver/route";
import * as testRoute from "../../app/api/v1/webhooks/[id]/test/route";

// Small, so the retries of the test come within a second or two (the default is 30 s)
process.env.WEBHOOK_RETRY_BASE_SECONDS = "0.2";

type Received = { headers: IncomingHttpHeaders; body: string };

/** A receiver on loopback that answers each POST with the next status of `plan` (then 200), and records it. */
class Receiver {
  server!: Server;
  received: Received[] = [];
  plan: number[] = [];
  async start() {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        this.received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
        const status = this.plan.shift() ?? 200;
        response.writeHead(status, { "content-type": "text/plain" }).end(status === 200 ? "ok" : "receiver is down");
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return this;
  }
  url(path = "/hook") {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }
  stop() {
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Polls `read` until `done` holds, or fails after the deadline (never a blind sleep). */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, deadlineMs = 30_000): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`Not reached before the deadline: ${JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let t: TestDatabase;
let admin: TestUser, viewer: TestUser, outsider: TestUser;
let receiver: Receiver;
let worker: RunningWorker;

beforeAll(async () => {
  t = await createTestDatabase();
  t.useAsAppDatabase();
  admin = await signedInUser(t.db, "ada@hooks.example", "Hooks team", "admin");
  viewer = await signedInUser(t.db, "vic@hooks.example", "Hooks team", "viewer");
  outsider = await signedInUser(t.db, "oz@other.example", "Other team", "owner");
  receiver = await new Receiver().start();
  worker = await startWorker({ url: t.url, db: t.db, pollingIntervalSeconds: 0.5, schedules: false });
});
afterAll(async () => {
  await worker?.stop();
  await stopJobSender();
  await receiver?.stop();
  await t?.drop();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each route types its own params
type AnyRoute = (request: Request, context: { params: Promise<any> }) => Promise<Response>;
const call = (route: AnyRoute, path: string, user: TestUser, options: { method?: string; body?: unknown; params?: Record<string, string> } = {}) =>
  route(apiRequest(path, { method: options.method, cookie: user.cookie, body: options.body }), params(options.params ?? {}));

async function createHook(body: Record<string, unknown>, user = admin) {
  const response = await call(collection.POST, "/api/v1/webhooks", user, { method: "POST", body });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as { id: string; secret: string; version: number; events: string[]; url: string };
}

/** A real event of the team and its delivery row, as the detection job writes them, and its job. */
async function queueDelivery(webhookId: string, key: string, options: { enqueue?: boolean; firstAttemptAt?: Date } = {}) {
  const event = await t.db.alertEvent.create({
    data: { teamId: admin.teamId, kind: "notice.published", key, organisationCode: "QYG", title: "Digital pathology managed service", link: "/contracts/1", source: "Find a Tender OCDS release", occurredAt: new Date("2026-11-30T09:00:00Z"), payload: { notice_id: 1, buyer: "QYG" } },
  });
  const organisation = await t.db.organisation.findUniqueOrThrow({ where: { code: "QYG" }, select: { code: true, name: true } });
  const payload = webhookEventPayload(event, { id: admin.teamId, name: "Hooks team" }, organisation);
  const delivery = await t.db.webhookDelivery.create({ data: { webhookId, teamId: admin.teamId, eventId: event.id, eventKind: event.kind, payload, firstAttemptAt: options.firstAttemptAt, attempts: options.firstAttemptAt ? 5 : 0 } });
  if (options.enqueue !== false) await (await jobSender(t.url)).send(QUEUES.webhook, { deliveryId: String(delivery.id) });
  return { delivery, payload };
}

const readDelivery = (id: bigint) => t.db.webhookDelivery.findUniqueOrThrow({ where: { id }, include: { attemptLog: { orderBy: { attempt: "asc" } } } });

describe("signing", () => {
  it("signs t.body with HMAC-SHA256 and verifies only the same body, secret and a recent t", () => {
    const body = '{"event":"notice.published"}';
    const now = 1_800_000_000;
    const header = signPayload("whsec_x", body, now);
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature("whsec_x", header, body, 300, now + 10)).toBe(true);
    expect(verifySignature("whsec_x", header, `${body} `, 300, now)).toBe(false);
    expect(verifySignature("whsec_y", header, body, 300, now)).toBe(false);
    expect(verifySignature("whsec_x", header, body, 300, now + 301)).toBe(false);
    expect(verifySignature("whsec_x", "t=abc,v1=00", body, 300, now)).toBe(false);
    expect(verifySignature("whsec_x", null, body)).toBe(false);
  });

  it("stops at start on a mistyped setting, naming it", () => {
    expect(() => checkWebhookSettings()).not.toThrow();
    for (const [name, value] of [["WEBHOOK_RETRY_BASE_SECONDS", "30s"], ["WEBHOOK_RETRY_WINDOW_HOURS", "-1"], ["WEBHOOK_ALLOW_HTTP", "yes"]] as const) {
      const kept = process.env[name];
      process.env[name] = value;
      try {
        expect(() => checkWebhookSettings()).toThrow(name);
      } finally {
        if (kept === undefined) delete process.env[name];
        else process.env[name] = kept;
      }
    }
  });

  it("backs off from the base, doubling, capped at an hour", () => {
    expect([1, 2, 3, 4].map((n) => backoffSeconds(n, 30))).toEqual([30, 60, 120, 240]);
    expect(backoffSeconds(20, 30)).toBe(3600);
  });
});

describe("delivering", () => {
  it("posts the payload signed with the secret of the create answer, with the event and delivery headers", async () => {
    const hook = await createHook({ url: receiver.url("/signed"), events: ["notice.published", "contract.ending"], description: "CRM" });
    expect(hook.secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    const { delivery, payload } = await queueDelivery(hook.id, "release:signed");
    const done = await eventually(() => readDelivery(delivery.id), (d) => d.status !== "pending");
    expect(done).toMatchObject({ status: "succeeded", attempts: 1, lastStatus: 200, lastError: null });
    expect(done.deliveredAt).not.toBeNull();
    const request = receiver.received.find((r) => r.headers["x-atlas-delivery"] === String(delivery.id))!;
    expect(request.headers).toMatchObject({ "content-type": "application/json", "user-agent": "CommissioningAtlas-Webhooks/1", "x-atlas-event": "notice.published" });
    expect(verifySignature(hook.secret, request.headers["x-atlas-signature"] as string, request.body)).toBe(true);
    expect(verifySignature(hook.secret, request.headers["x-atlas-signature"] as string, request.body.replace("QYG", "QYH"))).toBe(false);
    expect(JSON.parse(request.body)).toEqual(JSON.parse(JSON.stringify(payload)));
    expect(JSON.parse(request.body)).toMatchObject({ event: "notice.published", test: false, organisation: { code: "QYG" }, link: expect.stringMatching(/^https?:\/\/.+\/contracts\/1$/) });
    expect(done.attemptLog).toEqual([expect.objectContaining({ attempt: 1, statusCode: 200, error: null })]);
  });

  it("retries a failing receiver with backoff (500, 500, then 200) and then succeeds, with the same body each time", async () => {
    const hook = await createHook({ url: receiver.url("/flaky"), events: ["notice.published"] });
    receiver.plan = [500, 500];
    const { delivery } = await queueDelivery(hook.id, "release:flaky");
    // While it is retried the delivery is pending with its next attempt scheduled
    const retrying = await eventually(() => readDelivery(delivery.id), (d) => d.attempts >= 1);
    expect(retrying.status === "pending" || retrying.status === "succeeded").toBe(true);
    const done = await eventually(() => readDelivery(delivery.id), (d) => d.status !== "pending");
    expect(done).toMatchObject({ status: "succeeded", attempts: 3, lastStatus: 200, nextAttemptAt: null });
    expect(done.attemptLog.map((a) => [a.attempt, a.statusCode])).toEqual([[1, 500], [2, 500], [3, 200]]);
    expect(done.attemptLog[0]!.error).toContain("HTTP 500: receiver is down");
    const bodies = receiver.received.filter((r) => r.headers["x-atlas-delivery"] === String(delivery.id)).map((r) => r.body);
    expect(bodies).toHaveLength(3);
    expect(new Set(bodies).size).toBe(1);
    // Each retry was a job of its own on the queue, scheduled after the one before
    const jobs = await t.db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM (SELECT data FROM pgboss.job UNION ALL SELECT data FROM pgboss.archive) j WHERE data->>'deliveryId' = $1`, String(delivery.id));
    expect(jobs[0]!.n).toBe(3);
  });

  it("marks a delivery failed when an attempt fails past the retry window, and queues nothing more", async () => {
    const hook = await createHook({ url: receiver.url("/late"), events: ["notice.published"] });
    const { delivery } = await queueDelivery(hook.id, "release:late", { enqueue: false, firstAttemptAt: new Date(Date.now() - 25 * 3_600_000) });
    receiver.plan = [503];
    const outcome = await deliverWebhook(t.db, delivery.id, new Date(), { url: t.url });
    expect(outcome).toMatchObject({ state: "failed", statusCode: 503 });
    expect(await readDelivery(delivery.id)).toMatchObject({ status: "failed", attempts: 6, lastStatus: 503, nextAttemptAt: null });
    // A job that comes late for it does nothing
    expect(await deliverWebhook(t.db, delivery.id, new Date(), { url: t.url })).toEqual({ state: "skipped", reason: "already failed" });
  });

  it("refuses at delivery a URL that reaches a link-local address, even one written past the API", async () => {
    const hook = await createHook({ url: receiver.url("/moved"), events: ["notice.published"] });
    await t.db.webhookEndpoint.update({ where: { id: hook.id }, data: { url: "http://169.254.169.254/latest/meta-data/" } });
    const { delivery } = await queueDelivery(hook.id, "release:metadata", { enqueue: false, firstAttemptAt: new Date(Date.now() - 25 * 3_600_000) });
    expect(await deliverWebhook(t.db, delivery.id, new Date(), { url: t.url })).toMatchObject({ state: "failed", statusCode: null, error: expect.stringContaining("link-local") });
  });

  it("skips a paused webhook's deliveries", async () => {
    const hook = await createHook({ url: receiver.url("/paused"), events: ["notice.published"] });
    const paused = await call(single.PATCH, `/api/v1/webhooks/${hook.id}`, admin, { method: "PATCH", body: { active: false, version: 1 }, params: { id: hook.id } });
    expect(paused.status).toBe(200);
    const { delivery } = await queueDelivery(hook.id, "release:paused", { enqueue: false });
    expect(await deliverWebhook(t.db, delivery.id, new Date(), { url: t.url })).toEqual({ state: "skipped", reason: "the webhook is paused" });
    expect(receiver.received.some((r) => r.headers["x-atlas-delivery"] === String(delivery.id))).toBe(false);
  });

  it("redelivers a failed delivery on request, and refuses one still pending", async () => {
    const hook = await createHook({ url: receiver.url("/again"), events: ["notice.published"] });
    const { delivery } = await queueDelivery(hook.id, "release:again", { enqueue: false, firstAttemptAt: new Date(Date.now() - 25 * 3_600_000) });
    receiver.plan = [500];
    await deliverWebhook(t.db, delivery.id, new Date(), { url: t.url });
    const path = `/api/v1/webhooks/${hook.id}/deliveries/${delivery.id}/redeliver`;
    const response = await call(redeliverRoute.POST, path, admin, { method: "POST", params: { id: hook.id, deliveryId: String(delivery.id) } });
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ id: String(delivery.id), status: "pending", first_attempt_at: null });
    const done = await eventually(() => readDelivery(delivery.id), (d) => d.status !== "pending");
    expect(done).toMatchObject({ status: "succeeded", lastStatus: 200 });
    expect(done.attemptLog.map((a) => a.statusCode)).toEqual([500, 200]);

    const { delivery: waiting } = await queueDelivery(hook.id, "release:waiting", { enqueue: false });
    const refused = await call(redeliverRoute.POST, path, admin, { method: "POST", params: { id: hook.id, deliveryId: String(waiting.id) } });
    expect(refused.status).toBe(409);
    expect((await call(redeliverRoute.POST, path, outsider, { method: "POST", params: { id: hook.id, deliveryId: String(delivery.id) } })).status).toBe(404);
    expect((await call(redeliverRoute.POST, path, admin, { method: "POST", params: { id: hook.id, deliveryId: "999999" } })).status).toBe(404);
  });

  it("sends a sample event at once with the test button, marked test, about a real body", async () => {
    const hook = await createHook({ url: receiver.url("/test"), events: ["structure.changed", "entry.due"] });
    const response = await call(testRoute.POST, `/api/v1/webhooks/${hook.id}/test`, admin, { method: "POST", params: { id: hook.id } });
    expect(response.status).toBe(201);
    const answer = (await response.json()) as { id: string; status: string; event: string; test: boolean };
    expect(answer).toMatchObject({ status: "succeeded", event: "structure.changed", test: true, event_id: null, last_status: 200 });
    const request = receiver.received.find((r) => r.headers["x-atlas-delivery"] === answer.id)!;
    expect(verifySignature(hook.secret, request.headers["x-atlas-signature"] as string, request.body)).toBe(true);
    expect(JSON.parse(request.body)).toMatchObject({ id: null, event: "structure.changed", test: true, organisation: { code: "QYG", name: expect.stringContaining("Cheshire and Merseyside") } });

    receiver.plan = [500];
    const failed = await call(testRoute.POST, `/api/v1/webhooks/${hook.id}/test`, admin, { method: "POST", params: { id: hook.id } });
    expect(await failed.json()).toMatchObject({ status: "failed", last_status: 500, attempts: 1, next_attempt_at: null });

    const log = await call(deliveries.GET, `/api/v1/webhooks/${hook.id}/deliveries?limit=1`, admin, { params: { id: hook.id } });
    const page = (await log.json()) as { data: { test: boolean; status: string; attempt_log: unknown[] }[]; next_before: string };
    expect(page.data).toEqual([expect.objectContaining({ test: true, status: "failed", attempt_log: [expect.objectContaining({ attempt: 1, status_code: 500 })] })]);
    const older = await call(deliveries.GET, `/api/v1/webhooks/${hook.id}/deliveries?limit=5&before=${page.next_before}`, admin, { params: { id: hook.id } });
    expect(((await older.json()) as { data: { status: string }[] }).data.map((d) => d.status)).toEqual(["succeeded"]);
  });

  it("counts the webhook queue's jobs by state for the jobs page", async () => {
    const counts = await queueCounts(t.db);
    expect(counts.map((c) => c.queue)).toEqual(Object.values(QUEUES));
    const before = counts.find((c) => c.queue === QUEUES.webhook)!.counts.failed;
    // A failed job shows with its error: one that would not run for an hour and has no retries, failed by hand as pg-boss would
    const boss = await jobSender(t.url);
    const id = (await boss.send(QUEUES.webhook, { deliveryId: "0" }, { startAfter: new Date(Date.now() + 3_600_000), retryLimit: 0 }))!;
    await boss.fail(QUEUES.webhook, id, { message: "receiver exploded" });
    const problems = await jobProblems(t.db);
    expect(problems.find((p) => p.id === id), JSON.stringify(problems)).toMatchObject({ queue: QUEUES.webhook, state: "failed", output: { message: "receiver exploded" } });
    expect((await queueCounts(t.db)).find((c) => c.queue === QUEUES.webhook)!.counts.failed).toBe(before + 1);
  });
});

describe("managing webhooks", () => {
  it("shows the secret once, stores it sealed, and lists without it", async () => {
    const hook = await createHook({ url: "https://hooks.example.com/atlas", events: ["note.mentioned"] });
    const row = await t.db.webhookEndpoint.findUniqueOrThrow({ where: { id: hook.id } });
    expect(row.secretSealed).not.toContain(hook.secret.slice(6));
    const list = await call(collection.GET, "/api/v1/webhooks", admin);
    const text = await list.text();
    expect(text).toContain(hook.id);
    expect(text).not.toContain(hook.secret);
    expect(text).not.toContain("secret");
  });

  it("lets only the team's admins manage them: viewer 403, another team 404", async () => {
    const hook = await createHook({ url: "https://hooks.example.com/access", events: ["note.mentioned"] });
    expect((await call(collection.GET, "/api/v1/webhooks", viewer)).status).toBe(403);
    expect((await call(collection.POST, "/api/v1/webhooks", viewer, { method: "POST", body: { url: "https://x.example", events: ["entry.due"] } })).status).toBe(403);
    expect((await call(single.PATCH, `/api/v1/webhooks/${hook.id}`, viewer, { method: "PATCH", body: { active: false, version: 1 }, params: { id: hook.id } })).status).toBe(403);
    expect((await call(single.PATCH, `/api/v1/webhooks/${hook.id}`, outsider, { method: "PATCH", body: { active: false, version: 1 }, params: { id: hook.id } })).status).toBe(404);
    expect((await call(single.DELETE, `/api/v1/webhooks/${hook.id}`, outsider, { method: "DELETE", params: { id: hook.id } })).status).toBe(404);
    expect((await call(deliveries.GET, `/api/v1/webhooks/${hook.id}/deliveries`, outsider, { params: { id: hook.id } })).status).toBe(404);
    expect((await call(testRoute.POST, `/api/v1/webhooks/${hook.id}/test`, outsider, { method: "POST", params: { id: hook.id } })).status).toBe(404);
    const theirs = (await (await call(collection.GET, "/api/v1/webhooks", outsider)).json()) as { data: unknown[] };
    expect(theirs.data).toEqual([]);
    expect(await t.db.webhookEndpoint.findUniqueOrThrow({ where: { id: hook.id } })).toMatchObject({ active: true, version: 1 });
  });

  it("refuses bad bodies with 400 and changes nothing", async () => {
    const bad = async (body: unknown) => (await call(collection.POST, "/api/v1/webhooks", admin, { method: "POST", body })).json() as Promise<{ error: { code: string; fields?: Record<string, string[]> } }>;
    const before = await t.db.webhookEndpoint.count();
    expect(await bad({ url: "https://x.example", events: ["entry.due"], secret: "mine" })).toMatchObject({ error: { code: "invalid", fields: { secret: ["Unknown field"] } } });
    expect(await bad({ url: "http://crm.example.com/hook", events: ["entry.due"] })).toMatchObject({ error: { fields: { url: [expect.stringContaining("https")] } } });
    expect(await bad({ url: "https://169.254.169.254/latest", events: ["entry.due"] })).toMatchObject({ error: { fields: { url: [expect.stringContaining("link-local")] } } });
    expect(await bad({ url: "https://u:p@x.example/", events: ["entry.due"] })).toMatchObject({ error: { code: "invalid" } });
    expect(await bad({ url: "https://x.example", events: [] })).toMatchObject({ error: { fields: { events: expect.any(Array) } } });
    expect(await bad({ url: "https://x.example", events: ["notice.deleted"] })).toMatchObject({ error: { code: "invalid" } });
    expect(await t.db.webhookEndpoint.count()).toBe(before);
  });

  it("updates with the version, answers a stale one 409 with the current, and deletes", async () => {
    const hook = await createHook({ url: "https://hooks.example.com/edit", events: ["note.mentioned"] });
    const patch = (body: unknown) => call(single.PATCH, `/api/v1/webhooks/${hook.id}`, admin, { method: "PATCH", body, params: { id: hook.id } });
    const changed = await patch({ url: "https://hooks.example.com/edited", events: ["entry.due", "note.mentioned"], description: "Teams channel", version: 1 });
    expect(await changed.json()).toMatchObject({ url: "https://hooks.example.com/edited", events: ["note.mentioned", "entry.due"], description: "Teams channel", version: 2 });
    const stale = await patch({ active: false, version: 1 });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ error: { code: "conflict", current: { version: 2, url: "https://hooks.example.com/edited" } } });
    expect((await patch({ events: [], version: 2 })).status).toBe(400);
    expect((await patch({ colour: "red", version: 2 })).status).toBe(400);
    expect((await call(single.DELETE, `/api/v1/webhooks/${hook.id}`, admin, { method: "DELETE", params: { id: hook.id } })).status).toBe(204);
    expect((await call(single.DELETE, `/api/v1/webhooks/${hook.id}`, admin, { method: "DELETE", params: { id: hook.id } })).status).toBe(404);
  });
});
