import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit";

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export async function createSession(db: PrismaClient, input: { userId: string; teamId: string; ip: string | null }) {
  return db.session.create({
    data: {
      id: randomBytes(32).toString("base64url"),
      userId: input.userId,
      activeTeamId: input.teamId,
      ip: input.ip,
      expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000),
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
