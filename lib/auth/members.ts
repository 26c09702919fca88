// Members of a team: who they are, when they were last seen, changing roles, removing and leaving.
// A team always keeps an owner: every change that could take away the last one first locks the team's
// owner memberships (SELECT ... FOR UPDATE), so two owners demoting each other at once cannot both win.
import { z } from "zod";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit";
import { queryRows } from "@/lib/db/query";
import { sql } from "@/lib/db/sql";
import { AppError, notFound } from "@/lib/errors";
import type { AuthContext } from "./context";
import { requireRecentAuthentication } from "./reauth";
import { can, type Role } from "./roles";
import { idSchema, roleSchema } from "./validation";

export type TeamMember = { id: string; name: string; email: string; role: Role; joinedAt: Date; lastSeenAt: Date | null };

/** Every member with their role, when they joined, and their latest session or API-token use in this team. */
export async function listTeamMembers(db: PrismaClient, teamId: string, onlyUserId?: string): Promise<TeamMember[]> {
  const rows = await queryRows<{ id: string; name: string; email: string; role: Role; joined_at: Date; last_seen_at: Date | null }>(
    db,
    sql`
      SELECT u.id, u.name, u.email, m.role, m.created_at AS joined_at,
             GREATEST(
               (SELECT max(s.last_seen_at) FROM session s WHERE s.user_id = u.id AND s.active_team_id = m.team_id),
               (SELECT max(t.last_used_at) FROM api_token t WHERE t.user_id = u.id AND t.team_id = m.team_id)
             ) AS last_seen_at
      FROM membership m JOIN user_account u ON u.id = m.user_id
      WHERE m.team_id = ${teamId} ${onlyUserId === undefined ? sql`` : sql`AND m.user_id = ${onlyUserId}`}
      ORDER BY u.name, u.email`,
  );
  return rows.map((r) => ({ id: r.id, name: r.name, email: r.email, role: r.role, joinedAt: r.joined_at, lastSeenAt: r.last_seen_at }));
}

export function memberToJson(member: TeamMember) {
  return {
    user: { id: member.id, name: member.name, email: member.email },
    role: member.role,
    joined_at: member.joinedAt.toISOString(),
    last_seen_at: member.lastSeenAt?.toISOString() ?? null,
  };
}

/** Locks the team's owner memberships for the rest of the transaction and returns the owners' ids. */
async function lockOwners(tx: Prisma.TransactionClient, teamId: string): Promise<string[]> {
  const rows = await queryRows<{ user_id: string }>(tx, sql`SELECT user_id FROM membership WHERE team_id = ${teamId} AND role = 'owner' FOR UPDATE`);
  return rows.map((r) => r.user_id);
}

const LAST_OWNER = "A team needs at least one owner: make someone else an owner first.";

export const changeRoleSchema = z.object({ userId: idSchema, role: roleSchema });

/** Admins change roles below owner; only owners make or unmake owners; a team always keeps an owner. */
export async function changeRole(db: PrismaClient, ctx: AuthContext, input: z.output<typeof changeRoleSchema>) {
  await requireRecentAuthentication(db, ctx);
  return db.$transaction(async (tx) => {
    const owners = await lockOwners(tx, ctx.team.id);
    const membership = await tx.membership.findUnique({ where: { userId_teamId: { userId: input.userId, teamId: ctx.team.id } } });
    if (!membership) throw notFound("That member");
    const from = membership.role as Role;
    if ((from === "owner" || input.role === "owner") && !can(ctx, "own")) {
      throw new AppError("forbidden", "Only an owner can make someone an owner or change an owner's role.");
    }
    if (from === input.role) return { changed: false };
    if (from === "owner" && owners.length <= 1) throw new AppError("conflict", LAST_OWNER);
    await tx.membership.update({ where: { userId_teamId: { userId: input.userId, teamId: ctx.team.id } }, data: { role: input.role } });
    await recordAudit(tx, { action: "member.role-changed", teamId: ctx.team.id, userId: ctx.user.id, ip: ctx.ip, target: `user:${input.userId}`, before: { role: from }, after: { role: input.role } });
    return { changed: true };
  });
}

export const removeMemberSchema = z.object({ userId: idSchema });

/**
 * Removes a member (admins; owners only by an owner), or lets a user leave (userId is their own).
 * The membership goes, and with it every session and API token of that user for this team, at once:
 * lib/auth/context.ts also reads the membership on each request. Their lists, entries and notes stay.
 */
export async function removeMember(db: PrismaClient, ctx: AuthContext, userId: string) {
  const leaving = userId === ctx.user.id;
  if (!leaving && !can(ctx, "manage")) throw new AppError("forbidden", "Only an owner or admin can remove a member.");
  if (!leaving) await requireRecentAuthentication(db, ctx);
  await db.$transaction(async (tx) => {
    const owners = await lockOwners(tx, ctx.team.id);
    const membership = await tx.membership.findUnique({ where: { userId_teamId: { userId, teamId: ctx.team.id } }, select: { role: true } });
    if (!membership) throw notFound("That member");
    if (membership.role === "owner" && !leaving && !can(ctx, "own")) throw new AppError("forbidden", "Only an owner can remove an owner.");
    if (membership.role === "owner" && owners.length <= 1) {
      throw new AppError("conflict", leaving ? "You are the team's only owner: make someone else an owner before you leave." : LAST_OWNER);
    }
    const now = new Date();
    await tx.membership.delete({ where: { userId_teamId: { userId, teamId: ctx.team.id } } });
    const tokens = await tx.apiToken.updateMany({ where: { userId, teamId: ctx.team.id, revokedAt: null }, data: { revokedAt: now } });
    const sessions = await tx.session.updateMany({ where: { userId, activeTeamId: ctx.team.id, revokedAt: null }, data: { revokedAt: now } });
    await recordAudit(tx, {
      action: leaving ? "member.left" : "member.removed",
      teamId: ctx.team.id,
      userId: ctx.user.id,
      ip: ctx.ip,
      target: `user:${userId}`,
      before: { role: membership.role },
      after: { sessionsEnded: sessions.count, tokensRevoked: tokens.count },
    });
  });
}
