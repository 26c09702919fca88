import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";

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
