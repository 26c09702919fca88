"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { after } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { authorizedAction, publicAction } from "@/lib/auth/guards";
import { acceptInvitation, acceptInvitationSchema, createInvitation, createInvitationSchema, revokeInvitation, revokeInvitationSchema } from "@/lib/auth/invitations";
import { signUpFirstUser, signUpSchema, switchTeam, switchTeamSchema } from "@/lib/auth/accounts";
import { SESSION_COOKIE_NAMES } from "@/lib/auth/context";
import { endSession, revokeAllSessions, revokeOwnSession, revokeSessionSchema, signOutEverywhereSchema } from "@/lib/auth/sessions";
import { reauthenticate, requireRecentAuthentication } from "@/lib/auth/reauth";
import { emailInvitation, invitationPath } from "@/lib/auth/invitation-email";
import { changePassword, changePasswordSchema } from "@/lib/auth/password-change";
import { RESET_REQUESTED_MESSAGE, requestPasswordReset, requestPasswordResetSchema, resetPassword, resetPasswordSchema } from "@/lib/auth/password-reset";
import { createApiToken, createApiTokenSchema, revokeApiToken, revokeApiTokenSchema } from "@/lib/auth/api-tokens";
import { confirmMfaEnrolment, disableMfa, disableMfaSchema, mfaCodeSchema, requireMfaSchema, setTeamRequireMfa, startMfaEnrolment } from "@/lib/auth/mfa";
import { changeRole, changeRoleSchema, removeMember, removeMemberSchema } from "@/lib/auth/members";

// Open to a member whose team requires MFA and who has not enrolled yet: enrolling is the one thing
// they must do first, and they may still switch team or sign out.
const beforeEnrolment = { openBeforeMfaEnrolment: true };

// Callable from a page rendered for another team than the active one (lib/auth/active-team.ts):
// the action is about the user or this browser session, not the team's data, so a stale page
// writes nothing into the wrong team. Every other action here changes the active team's members,
// invitations, tokens or settings, and refuses such a page.
const fromAnyTeamPage = { fromAnyTeamPage: true };

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

export const switchTeamAction = authorizedAction(
  "read",
  switchTeamSchema,
  async (ctx, input) => {
    await switchTeam(getDb(), ctx, input.teamId);
    revalidatePath("/", "layout");
  },
  // The team to switch to is named in the call, so a stale page may switch too
  { ...beforeEnrolment, ...fromAnyTeamPage },
);

export const inviteAction = authorizedAction("manage", createInvitationSchema, async (ctx, input) => {
  const invitation = await createInvitation(getDb(), ctx, input);
  const delivery = await emailInvitation(ctx, invitation);
  revalidatePath("/settings/team");
  return { email: invitation.email, role: invitation.role, path: invitationPath(invitation.token), expiresAt: invitation.expiresAt.toISOString(), delivery };
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

// The password dialog of components/auth/reauthentication.tsx calls this, then retries the refused action
export const reauthenticateAction = authorizedAction(
  "read",
  z.object({ password: z.string().min(1, "Enter your password").max(200) }),
  async (ctx, input) => {
    await reauthenticate(getDb(), ctx, input.password);
  },
  // Confirms this session's password; the action retried after it is checked on its own
  { ...beforeEnrolment, ...fromAnyTeamPage },
);

// The user's own sessions, whatever team each is in
export const revokeSessionAction = authorizedAction(
  "read",
  revokeSessionSchema,
  async (ctx, input) => {
    await revokeOwnSession(getDb(), ctx, input.sessionId);
    revalidatePath("/settings");
  },
  fromAnyTeamPage,
);

// keep "none" ends this session too, so its cookies go as with signing out
export const signOutEverywhereAction = authorizedAction(
  "read",
  signOutEverywhereSchema,
  async (ctx, input) => {
    const ended = await revokeAllSessions(getDb(), ctx, input.keep);
    if (input.keep === "none") await deleteSessionCookies();
    else revalidatePath("/settings");
    return { ended };
  },
  fromAnyTeamPage,
);

async function deleteSessionCookies() {
  const jar = await cookies();
  for (const name of SESSION_COOKIE_NAMES) jar.delete(name);
}

// Signing out without next-auth's client library (kept out of every page's JavaScript): the session
// is revoked in PostgreSQL, so the cookie is dead everywhere even if a copy of it survives.
export const signOutAction = authorizedAction(
  "read",
  z.object({}),
  async (ctx) => {
    if (ctx.sessionId) await endSession(getDb(), ctx.sessionId);
    await deleteSessionCookies();
  },
  // Signing out must work from any page
  { ...beforeEnrolment, ...fromAnyTeamPage },
);

// The user's password, the same in every team
export const changePasswordAction = authorizedAction("read", changePasswordSchema, async (ctx, input) => changePassword(getDb(), ctx, input), fromAnyTeamPage);

// Public: answers the same for every email; the message is sent after the answer, so its timing
// does not tell whether the email has an account.
export const requestPasswordResetAction = publicAction(requestPasswordResetSchema, async (input, { ip }) => {
  const { send } = await requestPasswordReset(getDb(), input, ip);
  if (send) after(() => send().catch((error: unknown) => console.error("Sending a password reset email failed:", error)));
  return { message: RESET_REQUESTED_MESSAGE };
});

// Public: the emailed token is the credential; it is single use and lasts an hour.
export const resetPasswordAction = publicAction(resetPasswordSchema, async (input, { ip }) => {
  const { email } = await resetPassword(getDb(), input, ip);
  return { email };
});

// The user's second factor (enrolling, confirming, turning it off) is the same in every team
export const startMfaEnrolmentAction = authorizedAction("read", z.object({}), async (ctx) => startMfaEnrolment(getDb(), ctx), { ...beforeEnrolment, ...fromAnyTeamPage });

export const confirmMfaEnrolmentAction = authorizedAction(
  "read",
  mfaCodeSchema,
  async (ctx, input) => {
    const recoveryCodes = await confirmMfaEnrolment(getDb(), ctx, input.code);
    revalidatePath("/", "layout");
    return { recoveryCodes };
  },
  { ...beforeEnrolment, ...fromAnyTeamPage },
);

export const disableMfaAction = authorizedAction(
  "read",
  disableMfaSchema,
  async (ctx, input) => {
    await disableMfa(getDb(), ctx, input);
    revalidatePath("/settings/security");
  },
  fromAnyTeamPage,
);

export const setTeamRequireMfaAction = authorizedAction("manage", requireMfaSchema, async (ctx, input) => {
  await setTeamRequireMfa(getDb(), ctx, input.required);
  revalidatePath("/settings/team");
});
