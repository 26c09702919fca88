import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit";
import { notFound } from "@/lib/errors";
import type { AuthContext } from "./context";
import { hashToken, randomToken } from "./crypto";
import { idSchema, nameSchema } from "./validation";

export const createApiTokenSchema = z.object({ name: nameSchema });
export const revokeApiTokenSchema = z.object({ tokenId: idSchema });

/** How long a token works unless its creator chooses otherwise. */
export const API_TOKEN_DEFAULT_DAYS = 90;

/** The token is returned once, here; only its hash and first characters are kept. */
export async function createApiToken(db: PrismaClient, owner: { userId: string; teamId: string; ip?: string | null }, name: string) {
  const token = randomToken("atlas");
  const record = await db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: { userId: owner.userId, teamId: owner.teamId, name, prefix: token.slice(0, 12), tokenHash: hashToken(token), expiresAt: new Date(Date.now() + API_TOKEN_DEFAULT_DAYS * 86_400_000) },
      select: { id: true, name: true, prefix: true, createdAt: true },
    });
    await recordAudit(tx, { action: "api-token.created", teamId: owner.teamId, userId: owner.userId, ip: owner.ip ?? null, target: `api-token:${created.id}`, after: { name } });
    return created;
  });
  return { ...record, token };
}

/** A user sees and revokes only their own tokens for the active team. */
export async function listApiTokens(db: PrismaClient, ctx: AuthContext) {
  return db.apiToken.findMany({
    where: { userId: ctx.user.id, teamId: ctx.team.id },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
}

export async function revokeApiToken(db: PrismaClient, ctx: AuthContext, tokenId: string) {
  await db.$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({ where: { id: tokenId, userId: ctx.user.id, teamId: ctx.team.id, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count === 0) throw notFound("That token");
    await recordAudit(tx, { action: "api-token.revoked", teamId: ctx.team.id, userId: ctx.user.id, ip: ctx.ip, target: `api-token:${tokenId}` });
  });
}
