// The inbox on a real database: events and notifications are inserted directly (detection is its own
// module), then listed, paged, counted and marked read through the API, only ever the caller's own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as notificationsRoute from "@/app/api/v1/notifications/route";
import * as readRoute from "@/app/api/v1/notifications/read/route";
import { unreadCount } from "@/lib/alerts/notifications";
import { preferencesFor, setPreference } from "@/lib/alerts/preferences";
import { DEFAULT_PREFERENCE, EVENT_KINDS } from "@/lib/alerts/vocabulary";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { apiRequest, signedInUser, type TestUser } from "../support/auth";

type Page = { data: { id: string; kind: string; title: string; organisation: { code: string; name: string } | null; source: string; link: string; read_at: string | null }[]; next_before: string | null; unread: number };

describe("the notification inbox", () => {
  let t: TestDatabase;
  let ann: TestUser, bob: TestUser, annInB: TestUser;
  let icb: { code: string; name: string };
  const ids: { ann: string[]; bob: string[]; annInB: string[] } = { ann: [], bob: [], annInB: [] };

  const get = async (user: TestUser, query = "") => {
    const response = await notificationsRoute.GET(apiRequest(`/api/v1/notifications${query ? `?${query}` : ""}`, { cookie: user.cookie }));
    return { status: response.status, body: (await response.json()) as Page };
  };
  const read = (user: TestUser, body: unknown) => readRoute.POST(apiRequest("/api/v1/notifications/read", { method: "POST", cookie: user.cookie, body }));

  async function notify(teamId: string, users: { user: TestUser; into: string[] }[], n: number, kind = "notice.published") {
    const event = await t.db.alertEvent.create({
      data: { teamId, kind, key: `test:${teamId}:${n}`, organisationCode: icb.code, title: `Tender ${n}`, summary: `Summary ${n}`, link: `/contracts/${n}`, source: "Find a Tender OCDS release", sourceUrl: `https://www.find-tender.service.gov.uk/${n}`, occurredAt: new Date(Date.UTC(2026, 11, 1, 0, n)) },
    });
    for (const { user, into } of users) into.push(String((await t.db.notification.create({ data: { eventId: event.id, teamId, userId: user.userId, kind } })).id));
  }

  beforeAll(async () => {
    t = await createTestDatabase();
    t.useAsAppDatabase();
    ann = await signedInUser(t.db, "ann@a.example", "Team A", "viewer");
    bob = await signedInUser(t.db, "bob@a.example", "Team A", "analyst");
    annInB = await signedInUser(t.db, "ann@a.example", "Team B", "owner");
    expect(annInB.userId).toBe(ann.userId);
    icb = await t.db.organisation.findFirstOrThrow({ where: { kind: "icb", status: "open" }, select: { code: true, name: true } });
    for (let n = 1; n <= 7; n++) await notify(ann.teamId, [{ user: ann, into: ids.ann }, { user: bob, into: ids.bob }], n);
    await notify(annInB.teamId, [{ user: annInB, into: ids.annInB }], 99, "structure.changed");
  });
  afterAll(() => t.drop());

  it("lists the caller's notifications in the active team, newest first, with the body, source and link", async () => {
    const { status, body } = await get(ann);
    expect(status).toBe(200);
    expect(body.unread).toBe(7);
    expect(body.next_before).toBeNull();
    expect(body.data.map((n) => n.id)).toEqual([...ids.ann].reverse());
    expect(body.data[0]).toMatchObject({ kind: "notice.published", title: "Tender 7", organisation: icb, source: "Find a Tender OCDS release", link: "/contracts/7", read_at: null });
    // The same user in team B sees team B's only
    const inB = await get(annInB);
    expect(inB.body.data.map((n) => n.id)).toEqual(ids.annInB);
    expect(inB.body.unread).toBe(1);
  });

  it("pages with before, newest first, to the end", async () => {
    const seen: string[] = [];
    let query = "limit=3";
    for (let pages = 0; pages < 5; pages++) {
      const { body } = await get(ann, query);
      seen.push(...body.data.map((n) => n.id));
      if (!body.next_before) break;
      query = `limit=3&before=${body.next_before}`;
    }
    expect(seen).toEqual([...ids.ann].reverse());
    expect((await get(ann, "before=abc")).status).toBe(400);
    expect((await get(ann, "limit=0")).status).toBe(400);
    expect((await get(ann, "unread=maybe")).status).toBe(400);
  });

  it("marks the caller's own notifications read; another user's ids are ignored and stay unread", async () => {
    const response = await read(ann, { ids: [ids.ann[0], ids.ann[1], ids.bob[2], ids.annInB[0]] });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ marked: 2, unread: 5 });
    expect(await t.db.notification.count({ where: { userId: bob.userId, readAt: { not: null } } })).toBe(0);
    expect(await t.db.notification.findUniqueOrThrow({ where: { id: BigInt(ids.annInB[0]!) } })).toMatchObject({ readAt: null });
    const unread = await get(ann, "unread=1");
    expect(unread.body.data.map((n) => n.id)).toEqual(ids.ann.slice(2).reverse());
    expect(unread.body.unread).toBe(5);
    // Marking again changes nothing
    expect(await (await read(ann, { ids: [ids.ann[0]] })).json()).toEqual({ marked: 0, unread: 5 });
  });

  it("marks all read in the active team only, and refuses a bad body", async () => {
    for (const body of [{}, { ids: [] }, { all: false }, { ids: ["x"] }, { all: true, ids: [ids.ann[0]] }, { all: true, sneaky: 1 }]) expect((await read(ann, body)).status, JSON.stringify(body)).toBe(400);
    expect(await (await read(ann, { all: true })).json()).toEqual({ marked: 5, unread: 0 });
    expect((await get(bob)).body.unread).toBe(7);
    expect((await get(annInB)).body.unread).toBe(1);
  });

  it("counts unread with the notification_unread partial index", async () => {
    const ctx = { user: { id: bob.userId, email: bob.email, name: "Bob" }, team: { id: bob.teamId, name: "Team A" }, role: bob.role, via: "session" as const, sessionId: null, tokenId: null, ip: null };
    expect(await unreadCount(t.db, ctx)).toBe(7);
    // A few rows would be read by a sequential scan anyway: turn that off, on the one connection of a transaction
    const plan = await t.db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN SELECT count(*) FROM notification WHERE user_id = '${bob.userId}' AND team_id = '${bob.teamId}' AND read_at IS NULL`);
    });
    expect(plan.map((row) => row["QUERY PLAN"]).join("\n")).toContain("notification_unread");
  });

  it("answers nothing to a member removed from the team: the session is refused", async () => {
    await t.db.notification.updateMany({ where: { userId: bob.userId }, data: { email: "daily" } });
    await t.db.membership.deleteMany({ where: { userId: bob.userId, teamId: bob.teamId } });
    // Nothing more goes to them by email either: what was waiting for a digest is off (migration 20261204110000_alerts_follow)
    expect(await t.db.notification.count({ where: { userId: bob.userId, email: { not: "off" } } })).toBe(0);
    expect((await get(bob)).status).toBe(401);
    expect((await read(bob, { all: true })).status).toBe(401);
    expect(await t.db.notification.count({ where: { userId: bob.userId, readAt: null } })).toBe(7);
  });

  it("gives every kind a preference, the defaults where none is saved", async () => {
    const defaults = await preferencesFor(t.db, ann.userId);
    expect(defaults.map((p) => p.kind)).toEqual([...EVENT_KINDS]);
    expect(defaults.every((p) => p.inApp === DEFAULT_PREFERENCE.inApp && p.email === DEFAULT_PREFERENCE.email)).toBe(true);
    await setPreference(t.db, ann.userId, { kind: "contract.ending", inApp: false, email: "weekly" });
    await setPreference(t.db, ann.userId, { kind: "contract.ending", inApp: true, email: "instant" });
    const saved = await preferencesFor(t.db, ann.userId);
    expect(saved.find((p) => p.kind === "contract.ending")).toEqual({ kind: "contract.ending", inApp: true, email: "instant" });
    expect(saved.filter((p) => p.kind !== "contract.ending").every((p) => p.email === DEFAULT_PREFERENCE.email)).toBe(true);
    expect((await preferencesFor(t.db, bob.userId)).find((p) => p.kind === "contract.ending")!.email).toBe(DEFAULT_PREFERENCE.email);
  });
});
