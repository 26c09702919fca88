import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit";
import { notFound } from "@/lib/errors";
import type { AuthContext } from "./context";
import { hashToken, randomToken } from "./crypto";
import { can } from "./roles";
import { idSchema, nameSchema } from "./validation";

/** How long a token works unless its creator chooses otherwise. */
export const API_TOKEN_DEFAULT_DAYS = 90;
export const API_TOKEN_MAX_DAYS = 365;

export const createApiTokenSchema = z.object({
  name: nameSchema,
  expiresInDays: z.coerce.number().int("Choose a whole number of days").min(1, "At least 1 day").max(API_TOKEN_MAX_DAYS, `At most ${API_TOKEN_MAX_DAYS} days`).default(API_TOKEN_DEFAULT_DAYS),
});
export const revokeApiTokenSchema = z.object({ tokenId: idSchema });

/** The token is returned once, here; only its hash and first characters are kept. */
export async function createApiToken(db: PrismaClient, owner: { userId: string; teamId: string; ip?: string | null }, name: string, expiresInDays = API_TOKEN_DEFAULT_DAYS) {
  const expiresAt = new Date(Date.now() + expiresInDays * 86_400_000);
  const token = randomToken("atlas");
  const record = await db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: { userId: owner.userId, teamId: owner.teamId, name, prefix: token.slice(0, 12), tokenHash: hashToken(token), expiresAt },
      select: { id: true, name: true, prefix: true, createdAt: true, expiresAt: true },
    });
    await recordAudit(tx, { action: "api-token.created", teamId: owner.teamId, userId: owner.userId, ip: owner.ip ?? null, target: `api-token:${created.id}`, after: { name, expiresAt: expiresAt.toISOString() } });
    return created;
  });
  return { ...record, token };
}

const tokenSelect = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
  user: { select: { id: true, name: true, email: true } },
} as const;

type ListedToken = Awaited<ReturnType<typeof listApiTokens>>[number];

export function apiTokenToJson(token: ListedToken) {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    user: token.user,
    created_at: token.createdAt.toISOString(),
    last_used_at: token.lastUsedAt?.toISOString() ?? null,
    expires_at: token.expiresAt.toISOString(),
    revoked_at: token.revokedAt?.toISOString() ?? null,
  };
}

/** A user's own tokens for the active team. */
export async function listApiTokens(db: PrismaClient, ctx: AuthContext) {
  return db.apiToken.findMany({ where: { userId: ctx.user.id, teamId: ctx.team.id }, orderBy: { createdAt: "desc" }, select: tokenSelect });
}

/** Owners and admins see every token of the team, with whose it is; others, their own. */
export async function listTeamApiTokens(db: PrismaClient, ctx: AuthContext) {
  if (!can(ctx, "manage")) return listApiTokens(db, ctx);
  return db.apiToken.findMany({ where: { teamId: ctx.team.id }, orderBy: { createdAt: "desc" }, select: tokenSelect });
}

/** Your own token, or as an owner or admin any of the team's; another team's token is not found. */
export async function revokeApiToken(db: PrismaClient, ctx: AuthContext, tokenId: string) {
  await db.$transaction(async (tx) => {
    const whose = can(ctx, "manage") ? {} : { userId: ctx.user.id };
    const token = await tx.apiToken.findFirst({ where: { id: tokenId, teamId: ctx.team.id, revokedAt: null, ...whose }, select: { userId: true } });
    if (!token) throw notFound("That token");
    await tx.apiToken.update({ where: { id: tokenId }, data: { revokedAt: new Date() } });
    await recordAudit(tx, { action: "api-token.revoked", teamId: ctx.team.id, userId: ctx.user.id, ip: ctx.ip, target: `api-token:${tokenId}`, after: { owner: `user:${token.userId}` } });
  });
}
