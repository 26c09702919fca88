// Who npm run bench:http calls as: one user in atlas_bench, a member of "Bench team 1" (the team
// npm run bench's list=any case uses, with five target lists) and of EXPORT_TEAMS teams of its own,
// so the CSV export can be loaded past one team's EXPORT_CONCURRENCY_PER_TEAM. Made through the
// app's own functions (createUserByOperator, createApiToken, createSession); tokens and sessions
// of earlier runs are revoked first.
import { encode } from "next-auth/jwt";
import { createUserByOperator } from "../../lib/auth/accounts";
import { createApiToken } from "../../lib/auth/api-tokens";
import { clearSignInFailures } from "../../lib/auth/throttle";
import { createSession } from "../../lib/auth/sessions";
import type { Db } from "../../lib/db/client";

export const BENCH_EMAIL = "bench-http@bench.invalid";
/** Signs in and is throttled across instances (scripts/bench-http/instances.ts) */
export const THROTTLE_EMAIL = "bench-http-throttle@bench.invalid";
export const BENCH_PASSWORD = "bench http correct horse battery";
const TOKEN_NAME = "npm run bench:http";
/** 32 teams of 2 export slots each: 64 exports can stream at once, one per connection of the largest load */
export const EXPORT_TEAMS = 32;

export type BenchCaller = { userId: string; token: string; exportTokens: string[]; cookie: string };

export async function benchCaller(db: Db, secret: string): Promise<BenchCaller> {
  const { userId, teamId } = await createUserByOperator(db, { email: BENCH_EMAIL, password: BENCH_PASSWORD, team: "Bench team 1", role: "analyst" });
  await endBenchCaller(db, userId);
  const token = (await createApiToken(db, { userId, teamId }, TOKEN_NAME, 1)).token;
  const exportTokens: string[] = [];
  for (let i = 1; i <= EXPORT_TEAMS; i++) {
    const member = await createUserByOperator(db, { email: BENCH_EMAIL, password: BENCH_PASSWORD, team: `Bench HTTP export team ${i}`, role: "analyst" });
    exportTokens.push((await createApiToken(db, member, TOKEN_NAME, 1)).token);
  }
  // The session cookie as next-auth makes it (tests/support/auth.ts does the same)
  const session = await createSession(db, { userId, teamId, ip: "127.0.0.1", userAgent: "npm run bench:http" });
  const jwt = await encode({ token: { sid: session.id, sub: userId }, secret });
  await createUserByOperator(db, { email: THROTTLE_EMAIL, password: BENCH_PASSWORD, team: "Bench team 1", role: "viewer" });
  return { userId, token, exportTokens, cookie: `next-auth.session-token=${jwt}` };
}

/** Tokens and sessions end with the run; the throttle check's failures are cleared so a rerun starts clean. */
export async function endBenchCaller(db: Db, userId: string) {
  await db.apiToken.updateMany({ where: { userId, name: TOKEN_NAME, revokedAt: null }, data: { revokedAt: new Date() } });
  await db.session.updateMany({ where: { user: { email: { in: [BENCH_EMAIL, THROTTLE_EMAIL] } }, revokedAt: null }, data: { revokedAt: new Date() } });
  await clearSignInFailures(db, THROTTLE_EMAIL);
}
