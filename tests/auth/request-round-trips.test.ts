// The authentication fast path (lib/auth/context.ts): one statement per request, counted on the
// connections themselves, for tokens and sessions alike; the use noted at most once a minute (token)
// or every 5 minutes (session), so most requests write nothing; and every refusal still on the very
// next request.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/auth/api-tokens";
import { authenticateRequest } from "@/lib/auth/context";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { queryRows } from "@/lib/db/query";
import { raw, sql } from "@/lib/db/sql";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { apiRequest, signedInUser, type TestUser } from "../support/auth";
import { statementCountingClient } from "../support/counting-client";

const MINUTE = 60_000;
const ago = (ms: number) => new Date(Date.now() - ms);

describe("authentication per request: one round trip", () => {
  let t: TestDatabase;
  let counted: PrismaClient;
  const statements: string[] = [];
  let analyst: TestUser;

  /** Authenticates through the counting client and returns the context with the statements it sent. */
  const authenticate = async (auth: { cookie?: string; token?: string }) => {
    statements.length = 0;
    const ctx = await authenticateRequest(counted, apiRequest("/api/v1/me", auth));
    return { ctx, sent: [...statements] };
  };
  // A new row version (xmin) is what any write leaves behind, even one that changes no value
  const rowVersion = async (table: "api_token" | "session", id: string) =>
    (await queryRows<{ version: string }>(t.db, sql`SELECT xmin::text AS version FROM ${raw(table)} WHERE id = ${id}`))[0]!.version;

  beforeAll(async () => {
    t = await createTestDatabase();
    counted = statementCountingClient(t.url, statements);
    analyst = await signedInUser(t.db, "ann@a.example", "Team A", "analyst");
  });
  afterAll(async () => {
    await counted.$disconnect();
    await t.drop();
  });

  it("authenticates a token with its user, membership, role and MFA state in one statement, and notes its use at most once a minute", async () => {
    const { token, id } = await createApiToken(t.db, { userId: analyst.userId, teamId: analyst.teamId }, "Integration");

    const first = await authenticate({ token });
    expect(first.sent).toHaveLength(1);
    expect(first.ctx).toMatchObject({ user: { id: analyst.userId, email: "ann@a.example" }, team: { id: analyst.teamId, name: "Team A" }, role: "analyst", via: "token", tokenId: id, sessionId: null, mustEnrolMfa: false });
    const usedAt = (await t.db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt;
    expect(usedAt, "the first use is noted").not.toBeNull();
    const version = await rowVersion("api_token", id);

    for (let i = 0; i < 3; i++) {
      const again = await authenticate({ token });
      expect(again.sent).toHaveLength(1);
      expect(again.ctx?.tokenId).toBe(id);
    }
    expect((await t.db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt, "not rewritten within the minute").toEqual(usedAt);
    expect(await rowVersion("api_token", id), "no write at all within the minute").toBe(version);

    await t.db.apiToken.update({ where: { id }, data: { lastUsedAt: ago(MINUTE + 1000) } });
    const later = await authenticate({ token });
    expect(later.sent, "noting the use travels in the same statement").toHaveLength(1);
    expect((await t.db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt!.getTime()).toBeGreaterThan(Date.now() - MINUTE);
  });

  it("authenticates a session with its active team and role in one statement, and notes it at most every 5 minutes", async () => {
    const session = await signedInUser(t.db, "sam@a.example", "Team A", "viewer");
    const version = await rowVersion("session", session.sessionId);
    const first = await authenticate({ cookie: session.cookie });
    expect(first.sent).toHaveLength(1);
    expect(first.ctx).toMatchObject({ user: { id: session.userId }, team: { id: session.teamId, name: "Team A" }, role: "viewer", via: "session", sessionId: session.sessionId, tokenId: null });
    expect(await rowVersion("session", session.sessionId), "seen at sign-in a moment ago: nothing written").toBe(version);

    await t.db.session.update({ where: { id: session.sessionId }, data: { lastSeenAt: ago(5 * MINUTE + 1000) } });
    expect((await authenticate({ cookie: session.cookie })).sent).toHaveLength(1);
    expect((await t.db.session.findUniqueOrThrow({ where: { id: session.sessionId } })).lastSeenAt.getTime()).toBeGreaterThan(Date.now() - MINUTE);
  });

  it("refuses a revoked token, an expired token and a removed member's token and session on their very next request, in one statement, noting no use", async () => {
    const revoked = await createApiToken(t.db, { userId: analyst.userId, teamId: analyst.teamId }, "Revoked");
    expect((await authenticate({ token: revoked.token })).ctx).not.toBeNull();
    await t.db.apiToken.update({ where: { id: revoked.id }, data: { revokedAt: new Date(), lastUsedAt: ago(2 * MINUTE) } });
    const version = await rowVersion("api_token", revoked.id);
    expect(await authenticate({ token: revoked.token })).toEqual({ ctx: null, sent: [expect.any(String)] });
    expect(await rowVersion("api_token", revoked.id), "a refused token's use is not noted").toBe(version);

    const expired = await createApiToken(t.db, { userId: analyst.userId, teamId: analyst.teamId }, "Expired");
    expect((await authenticate({ token: expired.token })).ctx).not.toBeNull();
    await t.db.apiToken.update({ where: { id: expired.id }, data: { expiresAt: ago(1000) } });
    expect(await authenticate({ token: expired.token })).toEqual({ ctx: null, sent: [expect.any(String)] });

    // The membership alone is deleted (removeMember also revokes sessions and tokens): the join refuses
    const leaver = await signedInUser(t.db, "lee@a.example", "Team A", "analyst");
    const leaverToken = await createApiToken(t.db, { userId: leaver.userId, teamId: leaver.teamId }, "Leaver");
    expect((await authenticate({ token: leaverToken.token })).ctx).not.toBeNull();
    expect((await authenticate({ cookie: leaver.cookie })).ctx).not.toBeNull();
    await t.db.membership.delete({ where: { userId_teamId: { userId: leaver.userId, teamId: leaver.teamId } } });
    expect(await authenticate({ token: leaverToken.token })).toEqual({ ctx: null, sent: [expect.any(String)] });
    expect(await authenticate({ cookie: leaver.cookie })).toEqual({ ctx: null, sent: [expect.any(String)] });
  });

  it("refuses a revoked, idle or expired session on its next request, and an idle one is not revived by being noted", async () => {
    const revoked = await signedInUser(t.db, "rev@a.example", "Team A", "analyst");
    await t.db.session.update({ where: { id: revoked.sessionId }, data: { revokedAt: new Date() } });
    expect(await authenticate({ cookie: revoked.cookie })).toEqual({ ctx: null, sent: [expect.any(String)] });

    const idle = await signedInUser(t.db, "idle@a.example", "Team A", "analyst");
    const idleSince = ago(12 * 60 * MINUTE + MINUTE);
    await t.db.session.update({ where: { id: idle.sessionId }, data: { lastSeenAt: idleSince } });
    expect(await authenticate({ cookie: idle.cookie })).toEqual({ ctx: null, sent: [expect.any(String)] });
    expect((await t.db.session.findUniqueOrThrow({ where: { id: idle.sessionId } })).lastSeenAt).toEqual(idleSince);
    expect((await authenticate({ cookie: idle.cookie })).ctx, "still refused on the request after").toBeNull();

    const expired = await signedInUser(t.db, "exp@a.example", "Team A", "analyst");
    await t.db.session.update({ where: { id: expired.sessionId }, data: { expiresAt: ago(1000) } });
    expect(await authenticate({ cookie: expired.cookie })).toEqual({ ctx: null, sent: [expect.any(String)] });
  });
});
