// Session or API token -> user, team, role. The single place that decides who a request is.
import { decode } from "next-auth/jwt";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { queryRows } from "@/lib/db/query";
import { sql, type Sql } from "@/lib/db/sql";
import { clientIp } from "./client-ip";
import { hashToken } from "./crypto";
import { isRole, type Role } from "./roles";
import { liveSessionCondition } from "./sessions";

export type AuthContext = {
  user: { id: string; email: string; name: string };
  team: { id: string; name: string };
  role: Role;
  via: "session" | "token";
  sessionId: string | null;
  tokenId: string | null;
  ip: string | null;
  /** The team requires MFA and this user has not enrolled: only enrolment and sign-out are open */
  mustEnrolMfa?: boolean;
};

export { clientIp };

export const SESSION_COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;

export function authSecret(): string {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set: start the app with `npm start`, which generates one into .env.local.");
  return secret;
}

export function readCookie(cookieHeader: string | null, names: readonly string[]): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const index = part.indexOf("=");
    const name = part.slice(0, index).trim();
    if (names.includes(name)) return decodeURIComponent(part.slice(index + 1).trim());
  }
  return null;
}

/** The session id inside next-auth's signed, encrypted JWT cookie, or null if it is missing or forged. */
export async function sessionIdFromJwt(jwt: string | null): Promise<string | null> {
  if (!jwt) return null;
  try {
    const token = await decode({ token: jwt, secret: authSecret() });
    return typeof token?.sid === "string" ? token.sid : null;
  } catch {
    return null;
  }
}

// A session notes its last request at most every 5 minutes, a token its last use at most once a
// minute: a write (row lock, WAL) on every request would serialise one busy integration's calls.
const SESSION_SEEN_EVERY_MS = 5 * 60_000;
const TOKEN_USE_NOTED_EVERY_MS = 60_000;

type PrincipalRow = { credential_id: string; user_id: string; email: string; user_name: string; team_id: string; team_name: string; role: string; must_enrol_mfa: boolean };

/**
 * Who a credential is, in one statement (one round trip): `credential` yields the still-valid session
 * or token as (id, user_id, team_id); its membership, read on every request so a role change or a
 * removal applies at once, joins the user and team. `noteUse` runs in the same statement and writes
 * only when the last note is old enough, so the common request takes no row lock and writes nothing.
 */
async function readPrincipal(db: PrismaClient, credential: Sql, noteUse: Sql): Promise<(PrincipalRow & { role: Role }) | null> {
  const [row] = await queryRows<PrincipalRow>(db, sql`
    WITH credential AS (${credential}),
    principal AS (
      SELECT c.id AS credential_id, u.id AS user_id, u.email, u.name AS user_name, t.id AS team_id, t.name AS team_name, m.role,
             t.require_mfa AND u.mfa_enabled_at IS NULL AS must_enrol_mfa
      FROM credential c
      JOIN membership m ON m.user_id = c.user_id AND m.team_id = c.team_id
      JOIN user_account u ON u.id = c.user_id
      JOIN team t ON t.id = c.team_id
    ),
    noted AS (${noteUse})
    SELECT * FROM principal`);
  return row && isRole(row.role) ? { ...row, role: row.role } : null;
}

function contextFrom(row: PrincipalRow & { role: Role }, via: AuthContext["via"], ip: string | null): AuthContext {
  return {
    user: { id: row.user_id, email: row.email, name: row.user_name },
    team: { id: row.team_id, name: row.team_name },
    role: row.role,
    via,
    sessionId: via === "session" ? row.credential_id : null,
    tokenId: via === "token" ? row.credential_id : null,
    ip,
    mustEnrolMfa: row.must_enrol_mfa,
  };
}

async function contextForSession(db: PrismaClient, sessionId: string, ip: string | null): Promise<AuthContext | null> {
  const now = new Date();
  const row = await readPrincipal(
    db,
    // Revoked, past the absolute lifetime (SESSION_MAX_DAYS) or idle too long (SESSION_IDLE_HOURS): no row
    sql`SELECT id, user_id, active_team_id AS team_id FROM session WHERE id = ${sessionId} AND ${liveSessionCondition(now)}`,
    sql`UPDATE session SET last_seen_at = ${now} WHERE id = (SELECT credential_id FROM principal) AND last_seen_at < ${new Date(now.getTime() - SESSION_SEEN_EVERY_MS)}`,
  );
  return row ? contextFrom(row, "session", ip) : null;
}

async function contextForApiToken(db: PrismaClient, token: string, ip: string | null): Promise<AuthContext | null> {
  const now = new Date();
  const row = await readPrincipal(
    db,
    sql`SELECT id, user_id, team_id FROM api_token WHERE token_hash = ${hashToken(token)} AND revoked_at IS NULL AND expires_at > ${now}`,
    sql`UPDATE api_token SET last_used_at = ${now} WHERE id = (SELECT credential_id FROM principal) AND (last_used_at IS NULL OR last_used_at < ${new Date(now.getTime() - TOKEN_USE_NOTED_EVERY_MS)})`,
  );
  return row ? contextFrom(row, "token", ip) : null;
}

/** Authenticates a request by `Authorization: Bearer <token>` or by the session cookie. */
export async function authenticateRequest(db: PrismaClient, request: Request): Promise<AuthContext | null> {
  const ip = clientIp(request.headers);
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const match = authorization.match(/^Bearer\s+(\S+)$/i);
    return match ? contextForApiToken(db, match[1]!, ip) : null;
  }
  return authenticateCookies(db, request.headers.get("cookie"), ip);
}

export async function authenticateCookies(db: PrismaClient, cookieHeader: string | null, ip: string | null): Promise<AuthContext | null> {
  const sessionId = await sessionIdFromJwt(readCookie(cookieHeader, SESSION_COOKIE_NAMES));
  return sessionId ? contextForSession(db, sessionId, ip) : null;
}
