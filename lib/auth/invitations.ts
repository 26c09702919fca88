import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit";
import { AppError, invalid, notFound } from "@/lib/errors";
import type { AuthContext } from "./context";
import { hashToken, randomToken } from "./crypto";
import { hashPassword, passwordSchema } from "./password";
import { attemptPassword } from "./password-attempt";
import { can, isRole } from "./roles";
import { THROTTLED_MESSAGE } from "./throttle";
import { emailSchema, idSchema, nameSchema, roleSchema } from "./validation";

export const INVITATION_DAYS = 7;

export const createInvitationSchema = z.object({ email: emailSchema, role: roleSchema });

/** Returns the one-time token for the link; only its hash is stored. */
export async function createInvitation(db: PrismaClient, ctx: AuthContext, input: z.output<typeof createInvitationSchema>) {
  if (input.role === "owner" && !can(ctx, "own")) throw new AppError("forbidden", "Only an owner can invite another owner.");
  const member = await db.membership.findFirst({ where: { teamId: ctx.team.id, user: { email: input.email } } });
  if (member) throw new AppError("conflict", `${input.email} is already a member of this team.`, { email: ["Already a member"] });
  const token = randomToken("inv");
  const invitation = await db.$transaction(async (tx) => {
    const created = await tx.invitation.create({
      data: {
        teamId: ctx.team.id,
        email: input.email,
        role: input.role,
        tokenHash: hashToken(token),
        invitedById: ctx.user.id,
        expiresAt: new Date(Date.now() + INVITATION_DAYS * 24 * 60 * 60_000),
      },
      select: { id: true, email: true, role: true, expiresAt: true },
    });
    await recordAudit(tx, { action: "invitation.created", teamId: ctx.team.id, userId: ctx.user.id, ip: ctx.ip, target: `invitation:${created.id}`, after: { email: created.email, role: created.role } });
    return created;
  });
  return { ...invitation, token };
}

export async function listPendingInvitations(db: PrismaClient, ctx: AuthContext) {
  return db.invitation.findMany({
    where: { teamId: ctx.team.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { id: true, email: true, role: true, createdAt: true, expiresAt: true, invitedBy: { select: { name: true } } },
  });
}

export function invitationToJson(invitation: Awaited<ReturnType<typeof listPendingInvitations>>[number]) {
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    invited_by: invitation.invitedBy.name,
    created_at: invitation.createdAt.toISOString(),
    expires_at: invitation.expiresAt.toISOString(),
  };
}

export const revokeInvitationSchema = z.object({ invitationId: idSchema });

export async function revokeInvitation(db: PrismaClient, ctx: AuthContext, invitationId: string) {
  await db.$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({ where: { id: invitationId, teamId: ctx.team.id, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count === 0) throw notFound("That invitation");
    await recordAudit(tx, { action: "invitation.revoked", teamId: ctx.team.id, userId: ctx.user.id, ip: ctx.ip, target: `invitation:${invitationId}` });
  });
}

export type InvitationStatus =
  | { state: "valid"; email: string; role: string; teamName: string; existingUser: boolean }
  | { state: "expired" | "used" | "revoked" | "unknown" };

export async function describeInvitation(db: PrismaClient, token: string): Promise<InvitationStatus> {
  const invitation = await db.invitation.findUnique({ where: { tokenHash: hashToken(token) }, include: { team: { select: { name: true } } } });
  if (!invitation) return { state: "unknown" };
  if (invitation.acceptedAt) return { state: "used" };
  if (invitation.revokedAt) return { state: "revoked" };
  if (invitation.expiresAt <= new Date()) return { state: "expired" };
  const existingUser = (await db.user.count({ where: { email: invitation.email } })) > 0;
  return { state: "valid", email: invitation.email, role: invitation.role, teamName: invitation.team.name, existingUser };
}

export const acceptInvitationSchema = z.object({
  token: z.string().min(10).max(200),
  name: nameSchema.optional(),
  password: z.string().min(1, "Enter a password").max(200),
});

const REFUSALS = {
  unknown: "This invitation link is not valid. Ask for a new invitation.",
  used: "This invitation has already been used. Sign in instead, or ask for a new invitation.",
  revoked: "This invitation was withdrawn. Ask a team owner or admin for a new one.",
  expired: `This invitation has expired (invitations last ${INVITATION_DAYS} days). Ask for a new one.`,
} as const;

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/**
 * An invitation is void once its author could no longer make it: removed from the team, or now below
 * admin (below owner, for an owner invitation). Read inside the transaction that claims the invitation.
 */
async function refuseVoidInvitation(tx: Tx, invitation: { teamId: string; invitedById: string; role: string }) {
  const inviter = await tx.membership.findUnique({ where: { userId_teamId: { userId: invitation.invitedById, teamId: invitation.teamId } }, select: { role: true } });
  const needed = invitation.role === "owner" ? "own" : "manage";
  if (!inviter || !isRole(inviter.role) || !can(inviter.role, needed)) {
    throw new AppError("invalid", "This invitation is void: the person who sent it is no longer allowed to invite to this team. Ask a current owner or admin for a new one.");
  }
}

/** Single use, even when two browsers accept the same link at once: the claim is a conditional update. */
export async function acceptInvitation(db: PrismaClient, input: z.input<typeof acceptInvitationSchema>, ip: string) {
  const parsed = acceptInvitationSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues);
  const status = await describeInvitation(db, parsed.data.token);
  if (status.state !== "valid") throw new AppError("invalid", REFUSALS[status.state]);
  const existing = await db.user.findUnique({ where: { email: status.email }, select: { id: true, passwordHash: true } });
  if (existing) {
    // The same throttle and audit as sign-in: an admin of any team can invite any email
    const attempt = await attemptPassword(db, { email: status.email, password: parsed.data.password, ip, user: existing });
    if (!attempt.ok && attempt.reason === "throttled") throw new AppError("throttled", THROTTLED_MESSAGE, {}, attempt.retryAfterSeconds);
    if (!attempt.ok) throw new AppError("invalid", "That password does not match your existing account.", { password: ["Enter the password of your existing account"] });
  } else {
    const checked = passwordSchema.safeParse(parsed.data.password);
    if (!checked.success) throw invalid(checked.error.issues.map((i) => ({ ...i, path: ["password"] })));
    if (!parsed.data.name) throw new AppError("invalid", "Enter your name.", { name: ["Enter your name"] });
  }
  const passwordHash = existing ? null : await hashPassword(parsed.data.password);
  return db.$transaction(async (tx) => {
    const claimed = await tx.invitation.updateMany({
      where: { tokenHash: hashToken(parsed.data.token), acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      data: { acceptedAt: new Date() },
    });
    if (claimed.count !== 1) throw new AppError("invalid", REFUSALS.used);
    const invitation = await tx.invitation.findUniqueOrThrow({ where: { tokenHash: hashToken(parsed.data.token) } });
    await refuseVoidInvitation(tx, invitation);
    const user = existing ?? (await tx.user.create({ data: { email: invitation.email, name: parsed.data.name!, passwordHash: passwordHash! }, select: { id: true, passwordHash: true } }));
    // Never an upsert: an invitation cannot change the role of someone already in the team
    const member = await tx.membership.findUnique({ where: { userId_teamId: { userId: user.id, teamId: invitation.teamId } }, select: { role: true } });
    if (member) throw new AppError("conflict", `You are already a member of this team (as ${member.role}). Ask an owner or admin if your role should change.`);
    await tx.membership.create({ data: { userId: user.id, teamId: invitation.teamId, role: invitation.role } });
    await recordAudit(tx, { action: "invitation.accepted", teamId: invitation.teamId, userId: user.id, ip, target: `invitation:${invitation.id}`, after: { email: invitation.email, role: invitation.role } });
    return { email: invitation.email, teamId: invitation.teamId };
  });
}
