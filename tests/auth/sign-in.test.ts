import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { signInThrottleResponse } from "@/lib/auth/next-auth";
import { SIGN_IN_IP_MAX_FAILURES, SIGN_IN_MAX_FAILURES, signInEmailKey } from "@/lib/auth/throttle";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { PASSWORD, signedInUser } from "../support/auth";

function credentialsPost(email: string, ip: string) {
  return new Request("http://localhost:3000/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": ip },
    body: new URLSearchParams({ email, password: "wrong", csrfToken: "x", json: "true" }),
  });
}

describe("signing in with email and password", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    // The requests below come through one proxy that appends the client's address to X-Forwarded-For
    process.env.TRUST_PROXY_HOPS = "1";
    t = await createTestDatabase({ empty: false });
    t.useAsAppDatabase();
    await signedInUser(t.db, "analyst@a.example", "Team A", "analyst");
    await signedInUser(t.db, "other@a.example", "Team A", "analyst");
  });
  afterAll(async () => {
    delete process.env.TRUST_PROXY_HOPS;
    await t.drop();
  });

  it("signs in with the right password and records a server-side session and an audit entry", async () => {
    const result = await signInWithPassword(t.db, { email: "Analyst@A.example ", password: PASSWORD, ip: "198.51.100.1" });
    expect(result).toMatchObject({ ok: true, user: { email: "analyst@a.example" } });
    if (!result.ok) return;
    expect(await t.db.session.findUnique({ where: { id: result.sessionId } })).not.toBeNull();
    expect(await t.db.auditEvent.count({ where: { action: "sign-in", userId: result.user.id } })).toBe(1);
  });

  it("gives the same answer for an unknown email as for a wrong password", async () => {
    const unknown = await signInWithPassword(t.db, { email: "nobody@a.example", password: PASSWORD, ip: "198.51.100.2" });
    const wrong = await signInWithPassword(t.db, { email: "analyst@a.example", password: "not the password", ip: "198.51.100.2" });
    expect(unknown).toEqual({ ok: false, reason: "invalid" });
    expect(wrong).toEqual(unknown);
    expect(await t.db.auditEvent.count({ where: { action: "sign-in.failed" } })).toBeGreaterThanOrEqual(2);
  });

  it("answers the 11th bad password for one email from one address with 429, even with the right password, until the window passes", async () => {
    for (let attempt = 1; attempt <= SIGN_IN_MAX_FAILURES; attempt++) {
      expect(await signInThrottleResponse(credentialsPost("other@a.example", "192.0.2.99"))).toBeNull();
      const result = await signInWithPassword(t.db, { email: "other@a.example", password: "wrong password", ip: "192.0.2.99" });
      expect(result).toMatchObject({ ok: false, reason: "invalid" });
    }
    const eleventh = await signInThrottleResponse(credentialsPost("other@a.example", "192.0.2.99"));
    expect(eleventh?.status).toBe(429);
    expect(Number(eleventh?.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await eleventh!.json()).message).toMatch(/Too many sign-in attempts/);
    expect(await signInWithPassword(t.db, { email: "other@a.example", password: PASSWORD, ip: "192.0.2.99" })).toMatchObject({ ok: false, reason: "throttled" });

    // Once the failures are older than the window, the account opens again
    await t.db.signInFailure.updateMany({ where: { email: signInEmailKey("other@a.example") }, data: { createdAt: new Date(Date.now() - 16 * 60_000) } });
    expect(await signInWithPassword(t.db, { email: "other@a.example", password: PASSWORD, ip: "192.0.2.99" })).toMatchObject({ ok: true });
  });

  it("throttles one IP trying many emails", async () => {
    for (let attempt = 1; attempt <= SIGN_IN_IP_MAX_FAILURES; attempt++) {
      await signInWithPassword(t.db, { email: `guess${attempt}@a.example`, password: "x", ip: "203.0.113.200" });
    }
    expect((await signInThrottleResponse(credentialsPost("analyst@a.example", "203.0.113.200")))?.status).toBe(429);
    expect(await signInThrottleResponse(credentialsPost("analyst@a.example", "203.0.113.201"))).toBeNull();
  });

  it("stores passwords as argon2id hashes", async () => {
    const user = await t.db.user.findUniqueOrThrow({ where: { email: "analyst@a.example" } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(user.passwordHash).not.toContain(PASSWORD);
  });
});
