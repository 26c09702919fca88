// Session or API token -> user, team, role. The single place that decides who a request is.
import { decode } from "next-auth/jwt";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { clientIp } from "./client-ip";
import { hashToken } from "./crypto";
import { isRole, type Role } from "./roles";
import { sessionIsLive } from "./sessions";

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

type UserRow = AuthContext["user"] & { mfaEnabledAt: Date | null };
type TeamRow = AuthContext["team"] & { requireMfa: boolean };

function withMfaRequirement({ mfaEnabledAt, ...user }: UserRow, { requireMfa, ...team }: TeamRow) {
  return { user, team, mustEnrolMfa: requireMfa && !mfaEnabledAt };
}

async function contextForSession(db: PrismaClient, sessionId: string, ip: string | null): Promise<AuthContext | null> {
  const session = await db.session.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      createdAt: true,
      expiresAt: true,
      revokedAt: true,
      lastSeenAt: true,
      user: { select: { id: true, email: true, name: true, mfaEnabledAt: true } },
      activeTeam: { select: { id: true, name: true, requireMfa: true } },
      activeTeamId: true,
      userId: true,
    },
  });
  // Revoked, past the absolute lifetime (SESSION_MAX_DAYS) or idle too long (SESSION_IDLE_HOURS)
  if (!session || !sessionIsLive(session)) return null;
  // Read the role on every request, so a role change or removal takes effect at once
  const membership = await db.membership.findUnique({ where: { userId_teamId: { userId: session.userId, teamId: session.activeTeamId } }, select: { role: true } });
  if (!membership || !isRole(membership.role)) return null;
  if (Date.now() - session.lastSeenAt.getTime() > 5 * 60_000) {
    await db.session.update({ where: { id: session.id }, data: { lastSeenAt: new Date() } });
  }
  const { user, team, mustEnrolMfa } = withMfaRequirement(session.user, session.activeTeam);
  return { user, team, role: membership.role, via: "session", sessionId: session.id, tokenId: null, ip, mustEnrolMfa };
}

async function contextForApiToken(db: PrismaClient, token: string, ip: string | null): Promise<AuthContext | null> {
  const record = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, revokedAt: true, expiresAt: true, userId: true, teamId: true, user: { select: { id: true, email: true, name: true, mfaEnabledAt: true } }, team: { select: { id: true, name: true, requireMfa: true } } },
  });
  if (!record || record.revokedAt || record.expiresAt <= new Date()) return null;
  const membership = await db.membership.findUnique({ where: { userId_teamId: { userId: record.userId, teamId: record.teamId } }, select: { role: true } });
  if (!membership || !isRole(membership.role)) return null;
  await db.apiToken.update({ where: { id: record.id }, data: { lastUsedAt: new Date() } });
  const { user, team, mustEnrolMfa } = withMfaRequirement(record.user, record.team);
  return { user, team, role: membership.role, via: "token", sessionId: null, tokenId: record.id, ip, mustEnrolMfa };
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
