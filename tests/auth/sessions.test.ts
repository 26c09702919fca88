// Each user's list of active sessions, revoking one, signing out everywhere, and re-entering the
// password for a sensitive action: on real PostgreSQL, through the route handlers and server actions.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("../support/next-request-scope").then((m) => m.nextHeaders));
vi.mock("next/cache", () => import("../support/next-request-scope").then((m) => m.nextCache));

import { createApiTokenAction, reauthenticateAction, revokeSessionAction, signOutEverywhereAction } from "@/lib/auth/actions";
import { authenticateCookies } from "@/lib/auth/context";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { browserLabel } from "@/lib/auth/user-agent";
import { SIGN_IN_MAX_FAILURES } from "@/lib/auth/throttle";
import { sessionHandle } from "@/lib/auth/sessions";
import { GET as listSessions } from "@/app/api/v1/sessions/route";
import { DELETE as deleteSession } from "@/app/api/v1/sessions/[id]/route";
import { actAs, actWithHeaders, deletedCookies } from "../support/next-request-scope";
import { PEER_ADDRESS_HEADER } from "@/lib/auth/client-ip";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { apiRequest, params, PASSWORD, signedInUser, type TestUser } from "../support/auth";
import { encode } from "next-auth/jwt";

const FIREFOX_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:133.0) Gecko/20100101 Firefox/133.0";
const CHROME_ANDROID = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";

/** A second sign-in of the same account, as from another browser, with its own cookie. */
async function signInAgain(t: TestDatabase, user: TestUser, userAgent: string) {
  const result = await signInWithPassword(t.db, { email: user.email, password: PASSWORD, ip: "198.51.100.7", userAgent });
  if (!result.ok) throw new Error(`sign-in failed: ${result.reason}`);
  const jwt = await encode({ token: { sid: result.sessionId, sub: user.userId }, secret: process.env.NEXTAUTH_SECRET! });
  return { sessionId: result.sessionId, cookie: `next-auth.session-token=${jwt}` };
}

describe("sessions", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    t.useAsAppDatabase();
  });
  afterAll(() => t.drop());

  it("labels browsers from their User-Agent", () => {
    expect(browserLabel(FIREFOX_MAC)).toBe("Firefox on macOS");
    expect(browserLabel(CHROME_ANDROID)).toBe("Chrome on Android");
    expect(browserLabel("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0")).toBe("Edge on Windows");
    expect(browserLabel("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1")).toBe("Safari on iOS");
    expect(browserLabel("curl/8.5.0")).toBe("curl");
    expect(browserLabel(null)).toBe("Unknown browser");
  });

  it("lists the user's own live sessions with browser, IP and times, marking this one", async () => {
    const ann = await signedInUser(t.db, "ann@a.example", "Team A", "analyst");
    const phone = await signInAgain(t, ann, CHROME_ANDROID);
    const ended = await signInAgain(t, ann, FIREFOX_MAC);
    await t.db.session.update({ where: { id: ended.sessionId }, data: { revokedAt: new Date() } });
    const idle = await signInAgain(t, ann, FIREFOX_MAC);
    await t.db.session.update({ where: { id: idle.sessionId }, data: { lastSeenAt: new Date(Date.now() - 13 * 3_600_000) } });
    await signedInUser(t.db, "bob@b.example", "Team B", "owner");

    const response = await listSessions(apiRequest("/api/v1/sessions", { cookie: ann.cookie }));
    expect(response.status).toBe(200);
    const text = await response.text();
    // The real id is the secret inside the cookie: the list shows a hash of it
    expect(text).not.toContain(ann.sessionId);
    const { data } = JSON.parse(text) as { data: { id: string; browser: string; ip: string; current: boolean; signed_in_at: string; last_seen_at: string }[] };
    expect(data.map((s) => s.id).sort()).toEqual([ann.sessionId, phone.sessionId].map(sessionHandle).sort());
    expect(data.find((s) => s.id === sessionHandle(phone.sessionId))).toMatchObject({ browser: "Chrome on Android", ip: "198.51.100.7", current: false, signed_in_at: expect.any(String), last_seen_at: expect.any(String) });
    expect(data.find((s) => s.id === sessionHandle(ann.sessionId))).toMatchObject({ current: true, ip: "203.0.113.9" });
  });

  it("revokes one of the user's sessions, which stops working at once; another user's session id is 404", async () => {
    const cat = await signedInUser(t.db, "cat@a.example", "Team A", "analyst");
    const laptop = await signInAgain(t, cat, FIREFOX_MAC);
    const dan = await signedInUser(t.db, "dan@a.example", "Team A", "owner");

    const revokeAs = (user: TestUser, id: string) => deleteSession(apiRequest(`/api/v1/sessions/${id}`, { method: "DELETE", cookie: user.cookie }), params({ id }));
    const refused = await revokeAs(cat, sessionHandle(dan.sessionId));
    expect(refused.status).toBe(404);
    expect(await authenticateCookies(t.db, dan.cookie, null)).not.toBeNull();

    // Only the handle the list shows revokes: the raw id, the cookie's secret, is not one
    expect((await revokeAs(cat, laptop.sessionId)).status).toBe(404);
    const revoked = await revokeAs(cat, sessionHandle(laptop.sessionId));
    expect(revoked.status).toBe(204);
    expect(await authenticateCookies(t.db, laptop.cookie, null)).toBeNull();
    expect(await authenticateCookies(t.db, cat.cookie, null)).not.toBeNull();
    expect(await t.db.auditEvent.count({ where: { action: "session.revoked", userId: cat.userId, target: `session:${sessionHandle(laptop.sessionId)}` } })).toBe(1);
    // Already ended: nothing to revoke
    expect((await revokeAs(cat, sessionHandle(laptop.sessionId))).status).toBe(404);

    // The same through the Settings page's action
    const tablet = await signInAgain(t, cat, CHROME_ANDROID);
    actAs(cat.cookie);
    expect(await revokeSessionAction({ sessionId: sessionHandle(tablet.sessionId) })).toEqual({ ok: true, data: undefined });
    expect(await authenticateCookies(t.db, tablet.cookie, null)).toBeNull();
    expect(await revokeSessionAction({ sessionId: sessionHandle(dan.sessionId) })).toMatchObject({ ok: false, code: "not-found" });
  });

  it("signs out everywhere else, keeping this session, or everywhere including this one", async () => {
    const eve = await signedInUser(t.db, "eve@a.example", "Team A", "analyst");
    const others = [await signInAgain(t, eve, FIREFOX_MAC), await signInAgain(t, eve, CHROME_ANDROID)];
    const fay = await signedInUser(t.db, "fay@a.example", "Team A", "analyst");

    actAs(eve.cookie);
    expect(await signOutEverywhereAction({ keep: "this" })).toEqual({ ok: true, data: { ended: 2 } });
    for (const other of others) expect(await authenticateCookies(t.db, other.cookie, null)).toBeNull();
    expect(await authenticateCookies(t.db, eve.cookie, null)).not.toBeNull();
    expect(await authenticateCookies(t.db, fay.cookie, null)).not.toBeNull();

    const again = await signInAgain(t, eve, FIREFOX_MAC);
    deletedCookies.length = 0;
    expect(await signOutEverywhereAction({ keep: "none" })).toEqual({ ok: true, data: { ended: 2 } });
    expect(await authenticateCookies(t.db, eve.cookie, null)).toBeNull();
    expect(await authenticateCookies(t.db, again.cookie, null)).toBeNull();
    expect(deletedCookies).toContain("next-auth.session-token");
    expect(await t.db.auditEvent.count({ where: { action: "session.revoked-all", userId: eve.userId } })).toBe(2);
    actAs(fay.cookie);
    expect(await signOutEverywhereAction({ keep: "everything" })).toMatchObject({ ok: false, code: "invalid" });
    expect(await authenticateCookies(t.db, fay.cookie, null)).not.toBeNull();
  });

  it("asks for the password again to create a token 11 minutes after sign-in; a wrong one is refused and audited, the right one lets it through", async () => {
    const gus = await signedInUser(t.db, "gus@a.example", "Team A", "analyst");
    actAs(gus.cookie);
    // Just signed in: the token is made
    expect(await createApiTokenAction({ name: "CRM sync" })).toMatchObject({ ok: true, data: { name: "CRM sync" } });

    await t.db.session.update({ where: { id: gus.sessionId }, data: { authenticatedAt: new Date(Date.now() - 11 * 60_000) } });
    expect(await createApiTokenAction({ name: "Late" })).toMatchObject({ ok: false, code: "reauthentication-required" });
    expect(await t.db.apiToken.count({ where: { userId: gus.userId, name: "Late" } })).toBe(0);

    expect(await reauthenticateAction({ password: "not my password" })).toMatchObject({ ok: false, code: "invalid", fieldErrors: { password: expect.any(Array) } });
    expect(await t.db.auditEvent.count({ where: { action: "reauthentication.failed", userId: gus.userId } })).toBe(1);
    expect(await createApiTokenAction({ name: "Late" })).toMatchObject({ ok: false, code: "reauthentication-required" });

    expect(await reauthenticateAction({ password: PASSWORD })).toEqual({ ok: true, data: undefined });
    expect(await createApiTokenAction({ name: "Late" })).toMatchObject({ ok: true, data: { name: "Late" } });
  });

  it("counts wrong re-entered passwords in the sign-in throttle: after ten, even the right one waits (failed before: guesses were unlimited)", async () => {
    const ida = await signedInUser(t.db, "ida@a.example", "Team A", "analyst");
    // As the server sees it: the socket's address, stamped by scripts/peer-address.mjs
    actWithHeaders({ cookie: ida.cookie, [PEER_ADDRESS_HEADER]: "203.0.113.41" });
    for (let attempt = 1; attempt <= SIGN_IN_MAX_FAILURES; attempt++) {
      expect(await reauthenticateAction({ password: `guess ${attempt}` })).toMatchObject({ ok: false, code: "invalid" });
    }
    expect(await reauthenticateAction({ password: PASSWORD })).toMatchObject({ ok: false, code: "throttled" });
    expect(await t.db.auditEvent.count({ where: { action: "reauthentication.failed", userId: ida.userId } })).toBe(SIGN_IN_MAX_FAILURES);
  });

  it("does not accept an empty password or re-authentication without a session", async () => {
    const hal = await signedInUser(t.db, "hal@a.example", "Team A", "analyst");
    actAs(hal.cookie);
    expect(await reauthenticateAction({ password: "" })).toMatchObject({ ok: false, code: "invalid" });
    actAs(null);
    expect(await reauthenticateAction({ password: PASSWORD })).toMatchObject({ ok: false, code: "unauthenticated" });
  });
});
