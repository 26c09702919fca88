// Users, teams and memberships: first sign-up, operator-created users, switching team, roles.
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit";
import { execute } from "@/lib/db/query";
import { sql } from "@/lib/db/sql";
import { AppError, invalid, notFound } from "@/lib/errors";
import type { AuthContext } from "./context";
import { hashPassword, passwordSchema } from "./password";
import { emailSchema, idSchema, nameSchema, roleSchema } from "./validation";

export const signUpSchema = z.object({
  name: nameSchema,
  email: emailSchema,
  password: passwordSchema,
  teamName: nameSchema,
});

// Held while checking that no user exists yet, so two first sign-ups cannot both succeed
const FIRST_USER_LOCK = 72_707_003;

export async function hasAnyUser(db: PrismaClient): Promise<boolean> {
  return (await db.user.count()) > 0;
}

/** The very first user creates the first team and owns it; after that, people join by invitation. */
export async function signUpFirstUser(db: PrismaClient, input: z.input<typeof signUpSchema>, ip: string) {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues);
  const passwordHash = await hashPassword(parsed.data.password);
  return db.$transaction(async (tx) => {
    await execute(tx, sql`SELECT pg_advisory_xact_lock(${FIRST_USER_LOCK}::bigint)`);
    if ((await tx.user.count()) > 0) {
      throw new AppError("forbidden", "Sign-up is closed: this atlas already has users. Ask a team owner or admin for an invitation.");
    }
    const user = await tx.user.create({ data: { email: parsed.data.email, name: parsed.data.name, passwordHash }, select: { id: true, email: true } });
    const team = await tx.team.create({ data: { name: parsed.data.teamName } });
    await tx.membership.create({ data: { userId: user.id, teamId: team.id, role: "owner" } });
    await recordAudit(tx, { action: "sign-up", teamId: team.id, userId: user.id, ip, after: { email: user.email, team: team.name, role: "owner" } });
    return { userId: user.id, teamId: team.id };
  });
}

export const operatorUserSchema = z.object({ email: emailSchema, password: passwordSchema, name: nameSchema.optional(), team: nameSchema, role: roleSchema });

/**
 * `npm run user:create`: creates the user (or finds them) and gives them the role in the named team,
 * creating the team when it does not exist. An existing user's password is left as it is.
 */
export async function createUserByOperator(db: PrismaClient, input: z.input<typeof operatorUserSchema>) {
  const parsed = operatorUserSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues);
  const { email, password, team: teamName, role } = parsed.data;
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email }, select: { id: true } });
    const user = existing ?? (await tx.user.create({ data: { email, name: parsed.data.name ?? email.split("@")[0]!, passwordHash }, select: { id: true } }));
    const team = (await tx.team.findFirst({ where: { name: teamName }, orderBy: { createdAt: "asc" } })) ?? (await tx.team.create({ data: { name: teamName } }));
    await tx.membership.upsert({ where: { userId_teamId: { userId: user.id, teamId: team.id } }, create: { userId: user.id, teamId: team.id, role }, update: { role } });
    await recordAudit(tx, { action: "member.role-changed", teamId: team.id, userId: null, target: `user:${user.id}`, after: { email, role, by: "operator" } });
    return { userId: user.id, teamId: team.id, created: !existing };
  });
}

export async function listMyTeams(db: PrismaClient, userId: string) {
  return db.membership.findMany({ where: { userId }, orderBy: { team: { name: "asc" } }, select: { role: true, team: { select: { id: true, name: true } } } });
}

export const switchTeamSchema = z.object({ teamId: idSchema });

/** Makes another of the user's teams the active one for this browser session. */
export async function switchTeam(db: PrismaClient, ctx: AuthContext, teamId: string) {
  if (!ctx.sessionId) throw new AppError("invalid", "API tokens belong to one team; create a token in the other team instead.");
  const membership = await db.membership.findUnique({ where: { userId_teamId: { userId: ctx.user.id, teamId } } });
  if (!membership) throw notFound("That team");
  await db.$transaction(async (tx) => {
    await tx.session.update({ where: { id: ctx.sessionId! }, data: { activeTeamId: teamId } });
    await recordAudit(tx, { action: "team.switched", teamId, userId: ctx.user.id, ip: ctx.ip, before: { teamId: ctx.team.id }, after: { teamId } });
  });
}

export async function listMembers(db: PrismaClient, ctx: AuthContext) {
  return db.membership.findMany({
    where: { teamId: ctx.team.id },
    orderBy: { user: { name: "asc" } },
    select: { role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
  });
}
