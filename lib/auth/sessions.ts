import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit";
import { sql, type Sql } from "@/lib/db/sql";
import { notFound } from "@/lib/errors";
import type { AuthContext } from "./context";
import { hashToken } from "./crypto";
import { browserLabel } from "./user-agent";
import { idSchema } from "./validation";

const HOUR_MS = 60 * 60 * 1000;

function positiveNumber(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not "${raw}".`);
  return value;
}

/**
 * How long a session lives: `SESSION_IDLE_HOURS` without a request (default 12) and `SESSION_MAX_DAYS`
 * from sign-in whatever happens (default 30). Read on each request, so a change applies to existing
 * sessions at the next restart.
 */
export function sessionLimits() {
  return { idleMs: positiveNumber("SESSION_IDLE_HOURS", 12) * HOUR_MS, maxAgeMs: positiveNumber("SESSION_MAX_DAYS", 30) * 24 * HOUR_MS };
}

/**
 * The bounds a session that still works at `now` is within: not revoked, not past its absolute
 * lifetime (SESSION_MAX_DAYS) nor its expiry, not idle for longer than SESSION_IDLE_HOURS.
 */
function liveSessionBounds(now: Date) {
  const { idleMs, maxAgeMs } = sessionLimits();
  return { expiresAfter: now, createdAfter: new Date(now.getTime() - maxAgeMs), seenAfter: new Date(now.getTime() - idleMs) };
}

/** The live sessions as a condition on the `session` table, for the statement that authenticates each request (lib/auth/context.ts). */
export function liveSessionCondition(now: Date): Sql {
  const live = liveSessionBounds(now);
  return sql`revoked_at IS NULL AND expires_at > ${live.expiresAfter} AND created_at > ${live.createdAfter} AND last_seen_at > ${live.seenAfter}`;
}

/** The same bounds as a Prisma filter. */
function liveSessionWhere(now: Date) {
  const live = liveSessionBounds(now);
  return { revokedAt: null, expiresAt: { gt: live.expiresAfter }, createdAt: { gt: live.createdAfter }, lastSeenAt: { gt: live.seenAfter } };
}

export async function createSession(db: PrismaClient, input: { userId: string; teamId: string; ip: string | null; userAgent?: string | null }) {
  return db.session.create({
    data: {
      id: randomBytes(32).toString("base64url"),
      userId: input.userId,
      activeTeamId: input.teamId,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 512) || null,
      expiresAt: new Date(Date.now() + sessionLimits().maxAgeMs),
    },
  });
}

export async function revokeSession(db: PrismaClient, sessionId: string) {
  return db.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}

/** Signing out: the session stops working at once, on every app instance, and the audit log says so. */
export async function endSession(db: PrismaClient, sessionId: string) {
  const session = await db.session.findUnique({ where: { id: sessionId }, select: { userId: true, activeTeamId: true } });
  await revokeSession(db, sessionId);
  if (session) await recordAudit(db, { action: "sign-out", teamId: session.activeTeamId, userId: session.userId });
}

export const revokeSessionSchema = z.object({ sessionId: idSchema });
export const signOutEverywhereSchema = z.object({ keep: z.enum(["this", "none"]).describe("this: end every other session; none: this one too") });

/**
 * The id a session is shown and revoked by: a hash of its real id, which is the secret inside the
 * session cookie and so never leaves the server.
 */
export const sessionHandle = (sessionId: string) => hashToken(sessionId).slice(0, 32);

export type ActiveSession = { id: string; browser: string; ip: string | null; signedInAt: Date; lastSeenAt: Date; current: boolean };

/** The user's sessions that still work, newest activity first; `current` marks the one asking. */
export async function listActiveSessions(db: PrismaClient, ctx: AuthContext, now = new Date()): Promise<ActiveSession[]> {
  const sessions = await db.session.findMany({
    where: { userId: ctx.user.id, ...liveSessionWhere(now) },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true, userAgent: true, ip: true, createdAt: true, lastSeenAt: true },
  });
  return sessions.map((session) => ({ id: sessionHandle(session.id), browser: browserLabel(session.userAgent), ip: session.ip, signedInAt: session.createdAt, lastSeenAt: session.lastSeenAt, current: session.id === ctx.sessionId }));
}

/** Ends one of the caller's own sessions by its handle; another user's, or one already ended, is not found. */
export async function revokeOwnSession(db: PrismaClient, ctx: AuthContext, handle: string) {
  await db.$transaction(async (tx) => {
    const open = await tx.session.findMany({ where: { userId: ctx.user.id, revokedAt: null }, select: { id: true } });
    const session = open.find((candidate) => sessionHandle(candidate.id) === handle);
    const { count } = session ? await tx.session.updateMany({ where: { id: session.id, revokedAt: null }, data: { revokedAt: new Date() } }) : { count: 0 };
    if (count === 0) throw notFound("That session");
    await recordAudit(tx, { action: "session.revoked", teamId: ctx.team.id, userId: ctx.user.id, ip: ctx.ip, target: `session:${handle}` });
  });
}

/** "Sign out everywhere": every session of the caller ends, except this one when `keep` is "this". */
export async function revokeAllSessions(db: PrismaClient, ctx: AuthContext, keep: "this" | "none"): Promise<number> {
  return db.$transaction(async (tx) => {
    const except = keep === "this" && ctx.sessionId ? { id: { not: ctx.sessionId } } : {};
    const { count } = await tx.session.updateMany({ where: { userId: ctx.user.id, revokedAt: null, ...except }, data: { revokedAt: new Date() } });
    await recordAudit(tx, { action: "session.revoked-all", teamId: ctx.team.id, userId: ctx.user.id, ip: ctx.ip, after: { keptThisSession: keep === "this", ended: count } });
    return count;
  });
}

export function sessionToJson(session: ActiveSession) {
  return { id: session.id, browser: session.browser, ip: session.ip, signed_in_at: session.signedInAt.toISOString(), last_seen_at: session.lastSeenAt.toISOString(), current: session.current };
}
