// The whole path of an alert, as issue 17's first "Done when" line states it: follows and a webhook
// made through the API, new OCDS releases imported through the app's importer for a trust below a
// followed ICB, and a real worker (pg-boss) delivering to a real SMTP server and a webhook receiver,
// both on loopback. The new tender reshapes a real release (tests/support/ocds-release.ts).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as followsRoute from "@/app/api/v1/follows/route";
import * as webhooksRoute from "@/app/api/v1/webhooks/route";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { apiRequest, signedInUser, type TestUser } from "../support/auth";
import { startLoopbackSmtp, type LoopbackSmtp } from "../support/smtp";
import { runDetection } from "../../lib/alerts/detect";
import { setPreference } from "../../lib/alerts/preferences";
import { verifySignature } from "../../lib/alerts/webhooks";
import { createBoss, kickDetection, QUEUES, stopJobSender } from "../../lib/jobs/boss";
import { startWorker, type RunningWorker } from "../../lib/jobs/worker";
import { importReshapedTender } from "../support/ocds-release";

type Received = { headers: http.IncomingHttpHeaders; body: string };

let t: TestDatabase;
let smtp: LoopbackSmtp;
let receiver: http.Server;
let hookUrl: string;
const received: Received[] = [];
let worker: RunningWorker;
let ann: TestUser, ben: TestUser, cat: TestUser, dan: TestUser;
let secret: string;

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, deadlineMs = 60_000): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}: last ${JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? String(v) : v))}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Jobs of the alert queues not yet completed (created, retry or active). */
const openJobs = async () =>
  Number((await t.db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM pgboss.job WHERE name = ANY($1) AND state IN ('created', 'retry', 'active')`, Object.values(QUEUES)))[0]!.n);

beforeAll(async () => {
  t = await createTestDatabase();
  t.useAsAppDatabase();
  smtp = await startLoopbackSmtp();
  process.env.SMTP_URL = smtp.url;
  receiver = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/atlas`;

  // The template's outbox holds the whole shipped sample: nobody follows anything yet, so it tells no one
  const boss = createBoss(t.url, { worker: false });
  await boss.start();
  await runDetection(t.db, { boss });
  await boss.stop({ graceful: false, wait: true });

  ann = await signedInUser(t.db, "ann@a.example", "Team A", "owner");
  ben = await signedInUser(t.db, "ben@a.example", "Team A", "analyst");
  cat = await signedInUser(t.db, "cat@a.example", "Team A", "analyst");
  dan = await signedInUser(t.db, "dan@b.example", "Team B", "owner");
  const follow = async (user: TestUser, body: unknown) => expect((await followsRoute.POST(apiRequest("/api/v1/follows", { method: "POST", cookie: user.cookie, body }))).status).toBe(201);
  // ann follows the ICB with everything below it, ben the trust, and team A's watchlist the ICB (so cat too)
  await follow(ann, { target: "organisation", code: "QPM", descendants: true });
  await follow(ben, { target: "organisation", code: "RNQ" });
  await follow(ann, { target: "organisation", code: "QPM", descendants: true, scope: "team" });
  // team B follows the ICB without what is below it, and has a webhook of its own
  await follow(dan, { target: "organisation", code: "QPM" });
  await setPreference(t.db, ben.userId, { kind: "notice.published", inApp: true, email: "instant" });
  const created = await webhooksRoute.POST(apiRequest("/api/v1/webhooks", { method: "POST", cookie: ann.cookie, body: { url: hookUrl, events: ["notice.published"] } }));
  expect(created.status).toBe(201);
  secret = ((await created.json()) as { secret: string }).secret;
  expect((await webhooksRoute.POST(apiRequest("/api/v1/webhooks", { method: "POST", cookie: dan.cookie, body: { url: `${hookUrl}/b`, events: ["notice.published"] } }))).status).toBe(201);

  worker = await startWorker({ url: t.url, db: t.db, pollingIntervalSeconds: 0.5, schedules: false });
});

afterAll(async () => {
  await worker?.stop();
  await stopJobSender();
  await smtp?.close();
  await new Promise((resolve) => receiver?.close(resolve));
  delete process.env.SMTP_URL;
  await t?.drop();
});

describe("an import of new OCDS releases for a followed ICB's trust", () => {
  it("makes one notification per follower, one email per instant subscriber and one signed webhook delivery, and tells another team nothing", async () => {
    await importReshapedTender(t.db, "Patient monitoring for the wards");
    await kickDetection(t.url);

    // Everything the import leads to, delivered by the worker: then no job is left open
    const notified = await until("three notifications", () => t.db.notification.findMany({ where: { event: { key: { startsWith: "release:" } } }, select: { userId: true, teamId: true, email: true } }), (rows) => rows.length >= 3);
    await until("the instant email", async () => smtp.messages.length, (n) => n >= 1);
    await until("the webhook POST", async () => received.length, (n) => n >= 1);
    await until("no job left open", openJobs, (n) => n === 0);

    expect(notified.map((n) => n.userId).sort()).toEqual([ann.userId, ben.userId, cat.userId].sort());
    expect(new Set(notified.map((n) => n.teamId))).toEqual(new Set([ann.teamId]));
    expect(await t.db.notification.count({ where: { userId: dan.userId } })).toBe(0);
    expect(await t.db.alertEvent.count({ where: { teamId: dan.teamId } })).toBe(0);

    // One email, to the one instant subscriber, with its unsubscribe headers
    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0]!;
    expect(mail.to && "text" in mail.to ? mail.to.text : "").toBe(ben.email);
    expect(mail.text).toContain("Patient monitoring for the wards");
    const header = (name: string) => mail.headerLines.find((h) => h.key === name)?.line.replace(/\r?\n[ \t]+/g, " ").replace(/^[^:]+:\s*/, "");
    expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(header("list-unsubscribe")).toMatch(/\/unsubscribe\?token=/);

    // One webhook delivery, team A's, signed with the secret its creation showed
    expect(received).toHaveLength(1);
    const [hook] = received;
    expect(hook!.headers["x-atlas-event"]).toBe("notice.published");
    expect(verifySignature(secret, String(hook!.headers["x-atlas-signature"]), hook!.body)).toBe(true);
    expect(verifySignature("whsec_not-the-secret", String(hook!.headers["x-atlas-signature"]), hook!.body)).toBe(false);
    expect(JSON.parse(hook!.body)).toMatchObject({ event: "notice.published", team: { id: ann.teamId }, organisation: { code: "RNQ" }, title: expect.stringContaining("Patient monitoring for the wards") });
    expect(await t.db.webhookDelivery.findMany({ select: { status: true, teamId: true } })).toEqual([{ status: "succeeded", teamId: ann.teamId }]);
  });
});
