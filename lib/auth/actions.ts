"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { authorizedAction, publicAction } from "@/lib/auth/guards";
import { acceptInvitation, acceptInvitationSchema, createInvitation, createInvitationSchema, revokeInvitation, revokeInvitationSchema } from "@/lib/auth/invitations";
import { signUpFirstUser, signUpSchema, switchTeam, switchTeamSchema } from "@/lib/auth/accounts";
import { SESSION_COOKIE_NAMES } from "@/lib/auth/context";
import { endSession } from "@/lib/auth/sessions";
import { createApiToken, createApiTokenSchema, revokeApiToken, revokeApiTokenSchema } from "@/lib/auth/api-tokens";
import { changeRole, changeRoleSchema, removeMember, removeMemberSchema } from "@/lib/auth/members";
import { requireRecentAuthentication } from "@/lib/auth/reauth";

// Public: only works while the atlas has no users at all (checked inside, under a lock).
export const signUpAction = publicAction(signUpSchema, async (input, { ip }) => {
  await signUpFirstUser(getDb(), input, ip);
  return { email: input.email };
});

// Public: the invitation token is the credential; it is single-use and expires.
export const acceptInvitationAction = publicAction(acceptInvitationSchema, async (input, { ip }) => {
  const accepted = await acceptInvitation(getDb(), input, ip);
  return { email: accepted.email };
});

export const switchTeamAction = authorizedAction("read", switchTeamSchema, async (ctx, input) => {
  await switchTeam(getDb(), ctx, input.teamId);
  revalidatePath("/", "layout");
});

export const inviteAction = authorizedAction("manage", createInvitationSchema, async (ctx, input) => {
  const invitation = await createInvitation(getDb(), ctx, input);
  revalidatePath("/settings/team");
  return { email: invitation.email, role: invitation.role, path: `/invitations/${invitation.token}`, expiresAt: invitation.expiresAt.toISOString() };
});

export const revokeInvitationAction = authorizedAction("manage", revokeInvitationSchema, async (ctx, input) => {
  await revokeInvitation(getDb(), ctx, input.invitationId);
  revalidatePath("/settings/team");
});

export const changeRoleAction = authorizedAction("manage", changeRoleSchema, async (ctx, input) => {
  const result = await changeRole(getDb(), ctx, input);
  revalidatePath("/settings/team");
  return result;
});

// Removing someone else (admin), or leaving (any member: the domain tells them apart)
export const removeMemberAction = authorizedAction("read", removeMemberSchema, async (ctx, input) => {
  await removeMember(getDb(), ctx, input.userId);
  revalidatePath("/", "layout");
  return { left: input.userId === ctx.user.id };
});

export const createApiTokenAction = authorizedAction("read", createApiTokenSchema, async (ctx, input) => {
  await requireRecentAuthentication(getDb(), ctx);
  const created = await createApiToken(getDb(), { userId: ctx.user.id, teamId: ctx.team.id, ip: ctx.ip }, input.name, input.expiresInDays);
  revalidatePath("/settings");
  return { name: created.name, token: created.token, expiresAt: created.expiresAt.toISOString() };
});

export const revokeApiTokenAction = authorizedAction("read", revokeApiTokenSchema, async (ctx, input) => {
  await revokeApiToken(getDb(), ctx, input.tokenId);
  revalidatePath("/settings");
});

// Signing out without next-auth's client library (kept out of every page's JavaScript): the session
// is revoked in PostgreSQL, so the cookie is dead everywhere even if a copy of it survives.
export const signOutAction = authorizedAction("read", z.object({}), async (ctx) => {
  if (ctx.sessionId) await endSession(getDb(), ctx.sessionId);
  const jar = await cookies();
  for (const name of SESSION_COOKIE_NAMES) jar.delete(name);
});
