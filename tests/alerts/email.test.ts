// Alert emails through a real SMTP server on loopback: instant ones once per subscriber whatever the
// number of workers, daily digests grouping a day's events per user and team, nothing for a removed
// member or another team, a failed send retried, and the signed one-click unsubscribe.
// Events and notifications are inserted directly: detection (lib/alerts/detect.ts) is tested on its own.
import type { ParsedMail } from "mailparser";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { digestPeriod, sendDigests, sendInstantEmail } from "@/lib/alerts/email";
import { unsubscribeToken, verifyUnsubscribeToken } from "@/lib/alerts/unsubscribe";
import { isPublicPath } from "@/lib/auth/public-routes";
import { QUEUES } from "@/lib/jobs/boss";
import { startWorker } from "@/lib/jobs/worker";
import { proxy } from "@/proxy";
import { GET as unsubscribeGet, POST as unsubscribePost } from "@/app/unsubscribe/route";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startLoopbackSmtp, type LoopbackSmtp } from "../support/smtp";

const APP_URL = "https://atlas.test.example";

let t: TestDatabase;
let smtp: LoopbackSmtp;
let body: { code: string; name: string };
const saved = { SMTP_URL: process.env.SMTP_URL, NEXTAUTH_URL: process.env.NEXTAUTH_URL };

type Person = { id: string; email: string };
const teams: Record<string, string> = {};
let sequence = 0;

async function person(email: string, ...teamNames: string[]): Promise<Person> {
  const user = await t.db.user.create({ data: { email, name: email.split("@")[0]!, passwordHash: "x" } });
  for (const name of teamNames) {
    teams[name] ??= (await t.db.team.create({ data: { name } })).id;
    await t.db.membership.create({ data: { userId: user.id, teamId: teams[name]!, role: "analyst" } });
  }
  return { id: user.id, email };
}

async function event(team: string, input: { kind?: string; title: string; occurredAt?: Date; summary?: string; sourceUrl?: string }) {
  return t.db.alertEvent.create({
    data: {
      teamId: teams[team]!,
      kind: input.kind ?? "notice.published",
      key: `test:${++sequence}`,
      organisationCode: body.code,
      title: input.title,
      summary: input.summary ?? null,
      link: `/contracts/${sequence}`,
      source: "Find a Tender OCDS release",
      sourceUrl: input.sourceUrl ?? null,
      occurredAt: input.occurredAt ?? new Date(),
    },
  });
}

async function notify(eventRow: { id: bigint; teamId: string; kind: string }, user: Person, email: "off" | "instant" | "daily" | "weekly") {
  return t.db.notification.create({ data: { eventId: eventRow.id, teamId: eventRow.teamId, userId: user.id, kind: eventRow.kind, email } });
}

const to = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to[0]?.text : mail.to?.text);
const mailsTo = (user: Person) => smtp.messages.filter((m) => to(m) === user.email);
/** A header as sent, unfolded. */
const header = (mail: ParsedMail, name: string) => mail.headerLines.find((h) => h.key === name.toLowerCase())?.line.replace(/\r?\n[ \t]+/g, " ").replace(/^[^:]+:\s*/, "");
const unsubscribeLink = (mail: ParsedMail) => new URL(header(mail, "List-Unsubscribe")!.match(/<(https:[^>]+)>/)![1]!);
const preference = (user: Person, kind: string) => t.db.notificationPreference.findUnique({ where: { userId_kind: { userId: user.id, kind } } });

async function until<T>(read: () => Promise<T> | T, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  t = await createTestDatabase();
  t.useAsAppDatabase();
  smtp = await startLoopbackSmtp();
  process.env.SMTP_URL = smtp.url;
  process.env.NEXTAUTH_URL = APP_URL;
  const [first] = await t.db.$queryRaw<{ code: string; name: string }[]>`SELECT code, name FROM organisation WHERE code_system <> 'atlas' ORDER BY code LIMIT 1`;
  body = first!;
});

afterAll(async () => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  await smtp.close();
  await t.drop();
});

describe("instant alert emails", () => {
  it("sends one email per instant subscriber even when two workers send the same notification at once", async () => {
    const ann = await person("ann@a.example", "Team A");
    const bea = await person("bea@a.example", "Team A");
    const daily = await person("dai@a.example", "Team A");
    const e = await event("Team A", { title: "Community services <tender> & more", summary: "Value £1.2m; closes 3 Jan", sourceUrl: "https://www.find-tender.service.gov.uk/Notice/1" });
    const [forAnn, forBea, forDaily] = [await notify(e, ann, "instant"), await notify(e, bea, "instant"), await notify(e, daily, "daily")];

    const outcomes = await Promise.all([sendInstantEmail(t.db, forAnn.id), sendInstantEmail(t.db, forAnn.id), sendInstantEmail(t.db, forBea.id), sendInstantEmail(t.db, forBea.id)]);
    expect(outcomes.sort()).toEqual(["sent", "sent", "skipped", "skipped"]);
    expect(await sendInstantEmail(t.db, forAnn.id)).toBe("skipped");
    expect(await sendInstantEmail(t.db, forDaily.id)).toBe("skipped");
    expect(mailsTo(ann)).toHaveLength(1);
    expect(mailsTo(bea)).toHaveLength(1);
    expect(mailsTo(daily)).toHaveLength(0);

    const mail = mailsTo(ann)[0]!;
    expect(mail.subject).toBe("New tender or award: Community services <tender> & more");
    expect(mail.text).toContain(`Body: ${body.name} (${body.code})`);
    expect(mail.text).toContain("Source: Find a Tender OCDS release (https://www.find-tender.service.gov.uk/Notice/1)");
    expect(mail.text).toContain(`Open: ${APP_URL}/contracts/`);
    expect(mail.text).toContain(`${APP_URL}/settings/notifications`);
    // Everything from the data is escaped in the HTML part
    expect(mail.html).toContain("Community services &#60;tender&#62; &#38; more");
    expect(mail.html).not.toContain("<tender>");
    // RFC 8058 one-click unsubscribe, for this kind, also in the body
    expect(header(mail, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    const link = unsubscribeLink(mail);
    expect(link.origin + link.pathname).toBe(`${APP_URL}/unsubscribe`);
    expect(verifyUnsubscribeToken(link.searchParams.get("token"))).toEqual({ userId: ann.id, scope: "notice.published" });
    expect(mail.text).toContain(link.toString());

    const delivery = await t.db.emailDelivery.findUniqueOrThrow({ where: { key: `instant:${forAnn.id}` } });
    expect(delivery).toMatchObject({ status: "sent", frequency: "instant", userId: ann.id, attempts: 1, subject: mail.subject });
    expect(delivery.messageId).toBe(mail.messageId);
    const after = await t.db.notification.findUniqueOrThrow({ where: { id: forAnn.id } });
    expect(after.emailedAt).not.toBeNull();
    expect(after.emailDeliveryId).toBe(delivery.id);
  });

  it("sends nothing to a removed member, nor to a member of another team", async () => {
    const gone = await person("gone@a.example", "Team A");
    const other = await person("otto@b.example", "Team B");
    const e = await event("Team A", { title: "Removed member's tender" });
    const instant = await notify(e, gone, "instant");
    const digest = await notify(await event("Team A", { title: "Removed member's digest item" }), gone, "daily");
    await t.db.membership.delete({ where: { userId_teamId: { userId: gone.id, teamId: teams["Team A"]! } } });

    // A notification of Team A's event for someone only in Team B (which detection never writes) is refused too
    const stray = await notify(e, other, "instant");
    const strayDigest = await notify(await event("Team A", { title: "Removed member's stray digest item" }), other, "daily");

    expect(await sendInstantEmail(t.db, instant.id)).toBe("skipped");
    expect(await sendInstantEmail(t.db, stray.id)).toBe("skipped");
    await sendDigests(t.db, "daily", new Date());
    expect((await t.db.notification.findUniqueOrThrow({ where: { id: strayDigest.id } })).emailedAt).toBeNull();
    expect(mailsTo(gone)).toHaveLength(0);
    expect(await t.db.emailDelivery.count({ where: { userId: { in: [gone.id, other.id] } } })).toBe(0);
    expect((await t.db.notification.findUniqueOrThrow({ where: { id: digest.id } })).emailedAt).toBeNull();
    expect(smtp.messages.filter((m) => m.text?.includes("Removed member"))).toHaveLength(0);
    expect(mailsTo(other)).toHaveLength(0);
  });

  it("leaves a delivery failed when the SMTP server refuses it, and a retry sends it once", async () => {
    const fay = await person("fay@a.example", "Team A");
    const n = await notify(await event("Team A", { title: "Retried tender" }), fay, "instant");
    const good = smtp.url;
    process.env.SMTP_URL = good.replace("mail-secret", "wrong-password");
    try {
      await expect(sendInstantEmail(t.db, n.id)).rejects.toThrow(/Invalid login|Invalid username|535/i);
    } finally {
      process.env.SMTP_URL = good;
    }
    const failed = await t.db.emailDelivery.findUniqueOrThrow({ where: { key: `instant:${n.id}` } });
    expect(failed).toMatchObject({ status: "failed", attempts: 1 });
    expect(failed.error).toBeTruthy();
    expect((await t.db.notification.findUniqueOrThrow({ where: { id: n.id } })).emailedAt).toBeNull();
    expect(mailsTo(fay)).toHaveLength(0);

    expect(await sendInstantEmail(t.db, n.id)).toBe("sent");
    expect(await sendInstantEmail(t.db, n.id)).toBe("skipped");
    expect(mailsTo(fay)).toHaveLength(1);
    expect(await t.db.emailDelivery.findUniqueOrThrow({ where: { key: `instant:${n.id}` } })).toMatchObject({ status: "sent", attempts: 2, error: null });
  });

  it("runs as the alerts-email-instant job of a worker", async () => {
    const gil = await person("gil@a.example", "Team A");
    const n = await notify(await event("Team A", { title: "Queued tender" }), gil, "instant");
    const worker = await startWorker({ url: t.url, db: t.db, pollingIntervalSeconds: 0.5, schedules: false });
    try {
      await worker.boss.send(QUEUES.emailInstant, { notificationId: n.id.toString() });
      await until(() => t.db.notification.findUniqueOrThrow({ where: { id: n.id } }), (row) => row.emailedAt !== null, "the worker's email");
    } finally {
      await worker.stop();
    }
    expect(mailsTo(gil).map((m) => m.subject)).toEqual(["New tender or award: Queued tender"]);
  });

  it("sends nothing and keeps the notification in the inbox when email is not configured", async () => {
    const hal = await person("hal@a.example", "Team A");
    const n = await notify(await event("Team A", { title: "Unconfigured" }), hal, "instant");
    delete process.env.SMTP_URL;
    try {
      expect(await sendInstantEmail(t.db, n.id)).toBe("not-configured");
      expect(await sendDigests(t.db, "daily", new Date())).toEqual({ sent: 0, skipped: 0, failed: 0 });
    } finally {
      process.env.SMTP_URL = smtp.url;
    }
    expect(await t.db.emailDelivery.count({ where: { userId: hal.id } })).toBe(0);
    expect((await t.db.notification.findUniqueOrThrow({ where: { id: n.id } })).emailedAt).toBeNull();
  });
});

describe("digests", () => {
  it("groups a day's events into one email per user and team, by kind then day, newest first, and sends it once", async () => {
    const ivy = await person("ivy@ab.example", "Team A", "Team B");
    const jon = await person("jon@b.example", "Team B");
    const early = await event("Team A", { title: "Early tender", occurredAt: new Date("2026-12-01T09:00:00Z") });
    const late = await event("Team A", { title: "Late tender", occurredAt: new Date("2026-12-01T16:00:00Z") });
    const before = await event("Team A", { title: "Older tender", occurredAt: new Date("2026-11-30T12:00:00Z") });
    const merged = await event("Team A", { kind: "structure.changed", title: "Trust merged", occurredAt: new Date("2026-12-01T10:00:00Z") });
    const teamB = await event("Team B", { title: "Team B's own tender", occurredAt: new Date("2026-12-01T11:00:00Z") });
    const rows = [await notify(early, ivy, "daily"), await notify(late, ivy, "daily"), await notify(before, ivy, "daily"), await notify(merged, ivy, "daily"), await notify(teamB, ivy, "daily"), await notify(teamB, jon, "daily")];
    const instantOnly = await notify(await event("Team A", { title: "Instant, not in a digest" }), ivy, "instant");
    const weekly = await notify(await event("Team A", { title: "Weekly, not in a daily digest" }), ivy, "weekly");

    // The run's clock is now: notifications created later wait for the next digest
    const now = new Date();
    const reports = await Promise.all([sendDigests(t.db, "daily", now), sendDigests(t.db, "daily", now)]);
    expect(reports.reduce((sum, r) => sum + r.sent, 0)).toBe(3);
    const ivys = mailsTo(ivy);
    expect(ivys).toHaveLength(2);
    const a = ivys.find((m) => m.subject?.includes("Team A"))!;
    const b = ivys.find((m) => m.subject?.includes("Team B"))!;
    expect(a.subject).toBe("Your daily alerts for Team A: 4 events");
    // Each team's digest holds only that team's events
    expect(a.text).not.toContain("Team B's own tender");
    expect(b.text).toContain("Team B's own tender");
    expect(b.text).not.toContain("Late tender");
    expect(mailsTo(jon).map((m) => m.subject)).toEqual(["Your daily alerts for Team B: 1 event"]);
    expect(a.text).not.toContain("Instant, not in a digest");
    expect(a.text).not.toContain("Weekly, not in a daily digest");

    // By kind, then by day (newest first), newest event first within a day
    const order = ["== New tender or award (3) ==", "Tuesday, 1 December 2026", "Late tender", "Early tender", "Monday, 30 November 2026", "Older tender", "== Structure change (1) ==", "Trust merged"];
    const positions = order.map((s) => a.text!.indexOf(s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
    // Several kinds: the one-click header stops all alert email, the body offers each kind too
    expect(verifyUnsubscribeToken(unsubscribeLink(a).searchParams.get("token"))).toEqual({ userId: ivy.id, scope: "all" });
    expect(a.text).toContain("Stop emails about “Structure change”");
    expect(header(a, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");

    const delivery = await t.db.emailDelivery.findUniqueOrThrow({ where: { key: `daily:${ivy.id}:${teams["Team A"]}:${digestPeriod("daily", now)}` } });
    expect(delivery.status).toBe("sent");
    const carried = await t.db.notification.findMany({ where: { id: { in: rows.slice(0, 4).map((r) => r.id) } } });
    expect(carried.every((n) => n.emailDeliveryId === delivery.id && n.emailedAt)).toBe(true);
    expect((await t.db.notification.findUniqueOrThrow({ where: { id: instantOnly.id } })).emailedAt).toBeNull();
    expect((await t.db.notification.findUniqueOrThrow({ where: { id: weekly.id } })).emailedAt).toBeNull();

    // The same day again: nothing more; the weekly digest takes the weekly one
    expect(await sendDigests(t.db, "daily", now)).toMatchObject({ sent: 0 });
    expect(mailsTo(ivy)).toHaveLength(2);
    expect(await sendDigests(t.db, "weekly", now)).toMatchObject({ sent: 1 });
    expect(mailsTo(ivy).at(-1)!.subject).toBe("Your weekly alerts for Team A: 1 event");
    expect(await t.db.emailDelivery.count({ where: { key: `weekly:${ivy.id}:${teams["Team A"]}:${digestPeriod("weekly", now)}` } })).toBe(1);
  });

  it("names the period in the UK: the day, and the ISO week", () => {
    expect(digestPeriod("daily", new Date("2026-06-30T23:30:00Z"))).toBe("2026-07-01");
    expect(digestPeriod("weekly", new Date("2026-12-01T12:00:00Z"))).toBe("2026-W49");
    expect(digestPeriod("weekly", new Date("2027-01-01T12:00:00Z"))).toBe("2026-W53");
    expect(digestPeriod("weekly", new Date("2025-12-29T12:00:00Z"))).toBe("2026-W01");
  });
});

describe("one-click unsubscribe", () => {
  const request = (url: URL | string, method = "GET") =>
    new Request(url.toString().replace(APP_URL, "http://localhost:3000"), method === "POST" ? { method, headers: { "content-type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" } : { method });

  it("works without signing in, only for its own user and kind, and stops what was still waiting", async () => {
    const kim = await person("kim@a.example", "Team A");
    const lea = await person("lea@a.example", "Team A");
    await t.db.notificationPreference.create({ data: { userId: kim.id, kind: "notice.published", inApp: false, email: "instant" } });
    const first = await notify(await event("Team A", { title: "Kim's first tender" }), kim, "instant");
    await sendInstantEmail(t.db, first.id);
    const link = unsubscribeLink(mailsTo(kim)[0]!);
    const waiting = await notify(await event("Team A", { title: "Kim's second tender" }), kim, "instant");
    const otherKind = await notify(await event("Team A", { kind: "contract.ending", title: "Kim's contract" }), kim, "daily");
    const leas = await notify(await event("Team A", { title: "Lea's tender" }), lea, "instant");

    // The page is public (the proxy lets it through) and a GET changes nothing: link scanners fetch it
    expect(isPublicPath("/unsubscribe")).toBe(true);
    expect(proxy(new NextRequest(request(link))).headers.get("location")).toBeNull();
    const page = await unsubscribeGet(request(link));
    expect(page.status).toBe(200);
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    const html = await page.text();
    expect(html).toContain("kim@a.example will get no more emails about “New tender or award”");
    expect(html).toMatch(/<form method="post" action="\/unsubscribe\?token=[^"]+"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button/);
    expect((await preference(kim, "notice.published"))!.email).toBe("instant");

    // The mail client's one-click POST, with no cookie
    const done = await unsubscribePost(request(link, "POST"));
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("You are unsubscribed");
    expect(await preference(kim, "notice.published")).toMatchObject({ email: "off", inApp: false });
    expect(await preference(kim, "contract.ending")).toBeNull();
    expect(await t.db.notificationPreference.count({ where: { userId: lea.id } })).toBe(0);
    // What was waiting for an email of that kind is not sent; other kinds and other users still are
    expect((await t.db.notification.findUniqueOrThrow({ where: { id: waiting.id } })).email).toBe("off");
    expect(await sendInstantEmail(t.db, waiting.id)).toBe("skipped");
    expect((await t.db.notification.findUniqueOrThrow({ where: { id: otherKind.id } })).email).toBe("daily");
    expect(await sendInstantEmail(t.db, leas.id)).toBe("sent");
    // Again: idempotent
    expect((await unsubscribePost(request(link, "POST"))).status).toBe(200);
    expect(await (await unsubscribeGet(request(link))).text()).toContain("You are already unsubscribed");
  });

  it("refuses a tampered token, or one edited to another user or kind, with 400 and changes nothing", async () => {
    const max = await person("max@a.example", "Team A");
    const ned = await person("ned@a.example", "Team A");
    const genuine = unsubscribeToken(max.id, "entry.due");
    const [version, , scope, mac] = genuine.split(".");
    const b64 = (s: string) => Buffer.from(s).toString("base64url");
    const forged = [
      [version, b64(ned.id), scope, mac].join("."), // Max's signature on Ned's id
      [version, b64(max.id), b64("all"), mac].join("."), // widened to every kind
      [version, b64(max.id), scope, `${mac!.slice(0, -2)}AA`].join("."),
      ["u0", b64(max.id), scope, mac].join("."),
      `${genuine}.extra`,
      "",
    ];
    for (const token of forged) {
      const url = `${APP_URL}/unsubscribe?token=${encodeURIComponent(token)}`;
      expect((await unsubscribePost(request(url, "POST"))).status, token).toBe(400);
      expect((await unsubscribeGet(request(url))).status, token).toBe(400);
    }
    expect((await unsubscribePost(request(`${APP_URL}/unsubscribe`, "POST"))).status).toBe(400);
    expect(await t.db.notificationPreference.count({ where: { userId: { in: [max.id, ned.id] } } })).toBe(0);

    // The genuine one stops Max's entry.due emails and nothing else
    expect((await unsubscribePost(request(`${APP_URL}/unsubscribe?token=${encodeURIComponent(genuine)}`, "POST"))).status).toBe(200);
    expect(await t.db.notificationPreference.findMany({ where: { userId: { in: [max.id, ned.id] } }, select: { userId: true, kind: true, email: true, inApp: true } })).toEqual([
      { userId: max.id, kind: "entry.due", email: "off", inApp: true },
    ]);
  });

  it("a token for all kinds turns every kind's email off", async () => {
    const oli = await person("oli@a.example", "Team A");
    const url = `${APP_URL}/unsubscribe?token=${encodeURIComponent(unsubscribeToken(oli.id, "all"))}`;
    expect((await unsubscribePost(request(url, "POST"))).status).toBe(200);
    const rows = await t.db.notificationPreference.findMany({ where: { userId: oli.id } });
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.email === "off" && r.inApp)).toBe(true);
  });
});
