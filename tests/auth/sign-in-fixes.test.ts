// Item 6 of issue 13 (sign-in and invitations): each test here failed before its fix.
import http from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { acceptInvitation, createInvitation } from "@/lib/auth/invitations";
import { authenticateCookies, clientIp, type AuthContext } from "@/lib/auth/context";
import { authOptions } from "@/lib/auth/next-auth";
import { safeCallbackPath } from "@/lib/auth/redirect";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { SIGN_IN_EMAIL_MAX_FAILURES, SIGN_IN_MAX_FAILURES, signInThrottle } from "@/lib/auth/throttle";
import { PEER_ADDRESS_HEADER } from "@/lib/auth/client-ip";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { PASSWORD, signedInUser } from "../support/auth";

const hostile = ["/\\evil.example", "/%09/evil.example", "/\t/evil.example", "//evil.example", "https://evil.example/", "http://localhost:3000.evil.example/", "javascript:alert(1)", " /x", "/\\/evil.example", ""];

describe("redirect after sign-in", () => {
  it("keeps same-origin paths and sends everything else to /", () => {
    for (const value of hostile) expect(safeCallbackPath(value), JSON.stringify(value)).toBe("/");
    expect(safeCallbackPath(null)).toBe("/");
    expect(safeCallbackPath("/lists/abc?tab=notes#top")).toBe("/lists/abc?tab=notes#top");
    expect(safeCallbackPath("http://localhost:3000/lists", "http://localhost:3000")).toBe("/lists");
  });

  it("next-auth's redirect callback lands hostile targets on the site's root", async () => {
    const redirect = authOptions.callbacks!.redirect!;
    const baseUrl = "http://localhost:3000";
    for (const url of hostile) expect(await redirect({ url, baseUrl }), JSON.stringify(url)).toBe(`${baseUrl}/`);
    expect(await redirect({ url: "/lists?x=1", baseUrl })).toBe(`${baseUrl}/lists?x=1`);
  });
});

describe("the client's address", () => {
  afterEach(() => {
    delete process.env.TRUST_PROXY_HOPS;
  });

  it("ignores X-Forwarded-For unless TRUST_PROXY_HOPS is set, and uses the socket address", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6" }))).toBe("unknown");
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6", [PEER_ADDRESS_HEADER]: "192.0.2.7" }))).toBe("192.0.2.7");
    expect(clientIp(new Headers({ "x-real-ip": "6.6.6.6" }))).toBe("unknown");
  });

  it("counts TRUST_PROXY_HOPS from the right of X-Forwarded-For", () => {
    process.env.TRUST_PROXY_HOPS = "1";
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 198.51.100.4" }))).toBe("198.51.100.4");
    process.env.TRUST_PROXY_HOPS = "2";
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 198.51.100.4, 10.0.0.2" }))).toBe("198.51.100.4");
    expect(clientIp({ "x-forwarded-for": "6.6.6.6,198.51.100.4 , 10.0.0.2" })).toBe("198.51.100.4");
    process.env.TRUST_PROXY_HOPS = "lots";
    expect(() => clientIp(new Headers({ "x-forwarded-for": "6.6.6.6" }))).toThrow(/TRUST_PROXY_HOPS/);
  });

  it("the server preload stamps the socket address over anything the client sent", async () => {
    await import("../../scripts/peer-address.mjs");
    const server = http.createServer((req, res) => res.end(String(req.headers[PEER_ADDRESS_HEADER])));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    const response = await fetch(`http://127.0.0.1:${port}/`, { headers: { [PEER_ADDRESS_HEADER]: "6.6.6.6", "x-forwarded-for": "6.6.6.6" } });
    expect(await response.text()).toBe("127.0.0.1");
    await new Promise((resolve) => server.close(resolve));
  });
});

describe("sign-in throttle and audit", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase({ empty: false });
    t.useAsAppDatabase();
    await signedInUser(t.db, "target@a.example", "Team A", "analyst");
    await signedInUser(t.db, "target@a.example", "Team B", "viewer");
    await signedInUser(t.db, "solo@a.example", "Team C", "analyst");
  });
  afterAll(() => t.drop());

  it("an attacker's failures from one address do not lock the owner of the email out from theirs", async () => {
    for (let attempt = 1; attempt <= SIGN_IN_MAX_FAILURES; attempt++) {
      await signInWithPassword(t.db, { email: "solo@a.example", password: "wrong", ip: "203.0.113.66" });
    }
    expect(await signInWithPassword(t.db, { email: "solo@a.example", password: PASSWORD, ip: "203.0.113.66" })).toMatchObject({ reason: "throttled" });
    expect(await signInWithPassword(t.db, { email: "solo@a.example", password: PASSWORD, ip: "198.51.100.10" })).toMatchObject({ ok: true });
  });

  it("has a higher limit per email alone, across addresses", async () => {
    await t.db.signInFailure.deleteMany({});
    for (let attempt = 1; attempt <= SIGN_IN_EMAIL_MAX_FAILURES; attempt++) {
      await signInWithPassword(t.db, { email: "solo@a.example", password: "wrong", ip: `10.1.${Math.floor(attempt / 200)}.${attempt % 200}` });
    }
    expect(await signInThrottle(t.db, "solo@a.example", "198.51.100.11")).toMatchObject({ throttled: true });
  });

  it("records a failed sign-in in the audit log of every team of the account", async () => {
    const user = await t.db.user.findUniqueOrThrow({ where: { email: "target@a.example" }, select: { id: true, memberships: { select: { teamId: true } } } });
    await signInWithPassword(t.db, { email: "target@a.example", password: "wrong", ip: "198.51.100.20" });
    const events = await t.db.auditEvent.findMany({ where: { action: "sign-in.failed", userId: user.id }, select: { teamId: true } });
    expect(events.map((e) => e.teamId).sort()).toEqual(user.memberships.map((m) => m.teamId).sort());
  });

  it("stores nothing typed as the email when no such account exists", async () => {
    const typed = "Not-An-Account-7f3a@nowhere.example";
    await signInWithPassword(t.db, { email: typed, password: "my secret", ip: "198.51.100.21" });
    await signInWithPassword(t.db, { email: "hunter2-pasted-into-the-email-box", password: "x", ip: "198.51.100.21" });
    const json = (rows: unknown) => JSON.stringify(rows, (_key, value) => (typeof value === "bigint" ? String(value) : value));
    const audit = json(await t.db.auditEvent.findMany({ where: { action: "sign-in.failed" } }));
    const failures = json(await t.db.signInFailure.findMany());
    for (const stored of [audit, failures]) {
      expect(stored.toLowerCase()).not.toContain("not-an-account-7f3a");
      expect(stored).not.toContain("hunter2");
    }
    // ...and the throttle still counts those attempts
    expect(await t.db.signInFailure.count({ where: { ip: "198.51.100.21" } })).toBe(2);
  });
});

describe("accepting invitations", () => {
  let t: TestDatabase;
  let ownerB: AuthContext;
  beforeAll(async () => {
    t = await createTestDatabase();
    await signedInUser(t.db, "victim@a.example", "Team A", "analyst");
    const owner = await signedInUser(t.db, "owner@b.example", "Team B", "owner");
    ownerB = (await authenticateCookies(t.db, owner.cookie, null))!;
  });
  afterAll(() => t.drop());

  it("throttles and audits wrong passwords of an existing account like sign-in: the 11th answers 429", async () => {
    const invitation = await createInvitation(t.db, ownerB, { email: "victim@a.example", role: "viewer" });
    for (let attempt = 1; attempt <= SIGN_IN_MAX_FAILURES; attempt++) {
      await expect(acceptInvitation(t.db, { token: invitation.token, password: `guess ${attempt}` }, "203.0.113.50")).rejects.toMatchObject({ code: "invalid" });
    }
    const eleventh = acceptInvitation(t.db, { token: invitation.token, password: PASSWORD }, "203.0.113.50");
    await expect(eleventh).rejects.toMatchObject({ code: "throttled", status: 429 });
    const victim = await t.db.user.findUniqueOrThrow({ where: { email: "victim@a.example" }, select: { id: true } });
    expect(await t.db.auditEvent.count({ where: { action: "sign-in.failed", userId: victim.id } })).toBe(SIGN_IN_MAX_FAILURES);
    expect(await t.db.membership.count({ where: { userId: victim.id } })).toBe(1);
  });

  it("never changes the role of someone who is already a member", async () => {
    const early = await createInvitation(t.db, ownerB, { email: "later@b.example", role: "owner" });
    await signedInUser(t.db, "later@b.example", "Team B", "viewer"); // joined by another way after the invitation was sent
    await expect(acceptInvitation(t.db, { token: early.token, password: PASSWORD }, "198.51.100.30")).rejects.toThrow(/already a member/);
    expect(await t.db.membership.findFirstOrThrow({ where: { teamId: ownerB.team.id, user: { email: "later@b.example" } }, select: { role: true } })).toEqual({ role: "viewer" });
  });

  it("voids invitations whose inviter has been removed or demoted below admin", async () => {
    const adminUser = await signedInUser(t.db, "admin@b.example", "Team B", "admin");
    const admin = (await authenticateCookies(t.db, adminUser.cookie, null))!;
    const demotedInvite = await createInvitation(t.db, admin, { email: "first@b.example", role: "analyst" });
    await t.db.membership.update({ where: { userId_teamId: { userId: admin.user.id, teamId: admin.team.id } }, data: { role: "analyst" } });
    await expect(acceptInvitation(t.db, { token: demotedInvite.token, name: "First", password: PASSWORD }, "198.51.100.31")).rejects.toThrow(/no longer allowed to invite/);

    await t.db.membership.update({ where: { userId_teamId: { userId: admin.user.id, teamId: admin.team.id } }, data: { role: "admin" } });
    const removedInvite = await createInvitation(t.db, admin, { email: "second@b.example", role: "analyst" });
    await t.db.membership.delete({ where: { userId_teamId: { userId: admin.user.id, teamId: admin.team.id } } });
    await expect(acceptInvitation(t.db, { token: removedInvite.token, name: "Second", password: PASSWORD }, "198.51.100.31")).rejects.toThrow(/no longer allowed to invite/);
    expect(await t.db.user.count({ where: { email: { in: ["first@b.example", "second@b.example"] } } })).toBe(0);
  });

  it("voids an owner invitation whose inviter is no longer an owner", async () => {
    const second = await signedInUser(t.db, "second-owner@b.example", "Team B", "owner");
    const secondCtx = (await authenticateCookies(t.db, second.cookie, null))!;
    const invitation = await createInvitation(t.db, secondCtx, { email: "boss@b.example", role: "owner" });
    await t.db.membership.update({ where: { userId_teamId: { userId: second.userId, teamId: second.teamId } }, data: { role: "admin" } });
    await expect(acceptInvitation(t.db, { token: invitation.token, name: "Boss", password: PASSWORD }, "198.51.100.32")).rejects.toThrow(/no longer allowed to invite/);
  });
});
