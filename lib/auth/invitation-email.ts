import type { AuthContext } from "./context";
import { ROLE_LABELS, isRole } from "./roles";
import { invitationEmail } from "@/lib/email/messages";
import { appUrl, emailConfigured, sendEmail } from "@/lib/email/transport";

/** How an invitation reached (or did not reach) the invitee; when not "sent", the inviter copies the link. */
export type InvitationDelivery = "sent" | "not-configured" | "failed";

export function invitationPath(token: string): string {
  return `/invitations/${token}`;
}

export async function emailInvitation(ctx: AuthContext, invitation: { email: string; role: string; token: string }): Promise<InvitationDelivery> {
  if (!emailConfigured()) return "not-configured";
  const role = isRole(invitation.role) ? ROLE_LABELS[invitation.role].toLowerCase() : invitation.role;
  try {
    await sendEmail(invitationEmail({ to: invitation.email, url: `${appUrl()}${invitationPath(invitation.token)}`, teamName: ctx.team.name, role, invitedBy: ctx.user.name }));
    return "sent";
  } catch (error) {
    console.error("Sending an invitation email failed:", error);
    return "failed";
  }
}
