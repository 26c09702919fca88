// The idle timeout and the absolute lifetime, checked on each request by lib/auth/context.ts. The
// sessions are real rows whose times are moved back, as if the hours had passed.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { authenticateCookies } from "@/lib/auth/context";
import { sessionLimits } from "@/lib/auth/sessions";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { signedInUser } from "../support/auth";

const HOUR = 60 * 60 * 1000;
const ago = (ms: number) => new Date(Date.now() - ms);

describe("session limits", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterEach(() => {
    delete process.env.SESSION_IDLE_HOURS;
    delete process.env.SESSION_MAX_DAYS;
  });
  afterAll(() => t.drop());

  it("ends a session after 12 hours without a request, and keeps one used 11 hours ago", async () => {
    const idle = await signedInUser(t.db, "idle@a.example", "Team A", "analyst");
    await t.db.session.update({ where: { id: idle.sessionId }, data: { createdAt: ago(13 * HOUR), lastSeenAt: ago(12 * HOUR + 60_000) } });
    expect(await authenticateCookies(t.db, idle.cookie, null)).toBeNull();

    const recent = await signedInUser(t.db, "recent@a.example", "Team A", "analyst");
    await t.db.session.update({ where: { id: recent.sessionId }, data: { createdAt: ago(13 * HOUR), lastSeenAt: ago(11 * HOUR) } });
    expect(await authenticateCookies(t.db, recent.cookie, null)).toMatchObject({ sessionId: recent.sessionId });
    // A request counts as activity: last seen moves to now
    expect((await t.db.session.findUniqueOrThrow({ where: { id: recent.sessionId } })).lastSeenAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it("ends a session 30 days after sign-in even if it was used a minute ago", async () => {
    const old = await signedInUser(t.db, "old@a.example", "Team A", "analyst");
    await t.db.session.update({ where: { id: old.sessionId }, data: { createdAt: ago(30 * 24 * HOUR + 60_000), lastSeenAt: ago(60_000) } });
    expect(await authenticateCookies(t.db, old.cookie, null)).toBeNull();
  });

  it("reads both limits from SESSION_IDLE_HOURS and SESSION_MAX_DAYS", async () => {
    process.env.SESSION_IDLE_HOURS = "1";
    process.env.SESSION_MAX_DAYS = "2";
    expect(sessionLimits()).toEqual({ idleMs: HOUR, maxAgeMs: 48 * HOUR });
    const idle = await signedInUser(t.db, "idle1h@a.example", "Team A", "analyst");
    await t.db.session.update({ where: { id: idle.sessionId }, data: { lastSeenAt: ago(HOUR + 60_000) } });
    expect(await authenticateCookies(t.db, idle.cookie, null)).toBeNull();
    const old = await signedInUser(t.db, "old2d@a.example", "Team A", "analyst");
    await t.db.session.update({ where: { id: old.sessionId }, data: { createdAt: ago(48 * HOUR + 60_000), lastSeenAt: ago(60_000) } });
    expect(await authenticateCookies(t.db, old.cookie, null)).toBeNull();
    // A session made under these limits expires at their end
    const made = await signedInUser(t.db, "new2d@a.example", "Team A", "analyst");
    const fresh = await t.db.session.findUniqueOrThrow({ where: { id: made.sessionId } });
    expect(fresh.expiresAt.getTime() - fresh.createdAt.getTime()).toBeLessThanOrEqual(48 * HOUR + 1000);
  });

  it("refuses a limit that is not a positive number", () => {
    process.env.SESSION_IDLE_HOURS = "twelve";
    expect(() => sessionLimits()).toThrow(/SESSION_IDLE_HOURS must be a positive number/);
  });
});
