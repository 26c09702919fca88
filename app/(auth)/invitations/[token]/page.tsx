import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db/client";
import { describeInvitation } from "@/lib/auth/invitations";
import { ROLE_LABELS, isRole } from "@/lib/auth/roles";
import { AcceptInvitationForm } from "@/components/auth/accept-invitation-form";

export const metadata: Metadata = { title: "Join a team", referrer: "no-referrer" };

const REFUSED = {
  unknown: "This invitation link is not valid.",
  used: "This invitation has already been used.",
  revoked: "This invitation was withdrawn.",
  expired: "This invitation has expired.",
} as const;

// Public page: the token in the link is the credential (single use, 7 days).
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const status = await describeInvitation(getDb(), token);
  if (status.state !== "valid") {
    return (
      <>
        <h1 className="mb-2 text-xl font-semibold">{REFUSED[status.state]}</h1>
        <p className="text-sm text-slate-600">Ask a team owner or admin for a new invitation. If you already joined, sign in.</p>
        <Link href="/sign-in" className="mt-6 inline-block text-sm font-medium text-brand-700 underline">Go to sign in</Link>
      </>
    );
  }
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Join {status.teamName}</h1>
      <p className="mb-6 text-sm text-slate-600">You are invited as {isRole(status.role) ? ROLE_LABELS[status.role].toLowerCase() : status.role}.</p>
      <AcceptInvitationForm token={token} email={status.email} existingUser={status.existingUser} />
    </>
  );
}
