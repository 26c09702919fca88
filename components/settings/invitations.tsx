"use client";

import { useRef, useState, useTransition } from "react";
import { inviteAction, revokeInvitationAction } from "@/lib/auth/actions";
import { ROLES, ROLE_LABELS, ROLE_DESCRIPTIONS } from "@/lib/auth/roles";
import { formatDate } from "@/lib/format";
import { Field, FormMessage, SubmitButton, useActionForm } from "@/components/ui/form";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import { useWithActiveTeam } from "@/components/ui/active-team";

export function InviteForm({ canInviteOwners }: { canInviteOwners: boolean }) {
  const form = useRef<HTMLFormElement>(null);
  const [link, setLink] = useState<string | null>(null);
  const [result, formAction, pending] = useActionForm(inviteAction, (data) => {
    setLink(data.delivery === "sent" ? null : `${window.location.origin}${data.path}`);
    form.current?.reset();
  });
  const delivery = result?.ok ? result.data.delivery : null;
  return (
    <div className="space-y-3">
      <form ref={form} action={formAction} className="space-y-3">
        <FormMessage result={result} />
        <Field label="Email" name="email" type="email" required result={result} />
        <Field label="Role" name="role" result={result}>
          <Select name="role" defaultValue="analyst">
            {ROLES.filter((r) => canInviteOwners || r !== "owner").map((role) => (
              <option key={role} value={role}>{ROLE_LABELS[role]}: {ROLE_DESCRIPTIONS[role]}</option>
            ))}
          </Select>
        </Field>
        <SubmitButton pending={pending}>Create invitation</SubmitButton>
      </form>
      {delivery === "sent" && result?.ok && <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">Invitation emailed to {result.data.email}.</p>}
      {link && (
        <div role="status" className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm">
          <p className="text-amber-900">{delivery === "failed" ? "Sending the email failed." : "Email is not configured on this atlas (SMTP_URL is not set)."}</p>
          <p className="font-medium text-amber-900">Send this link to them; it is shown only once.</p>
          <code className="mt-2 block break-all rounded bg-white px-2 py-1 font-mono text-xs" data-testid="invitation-link">{link}</code>
        </div>
      )}
    </div>
  );
}

export function PendingInvitations({ invitations }: { invitations: { id: string; email: string; role: string; expiresAt: string; invitedBy: string }[] }) {
  const withTeam = useWithActiveTeam();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  if (invitations.length === 0) return <p className="text-sm text-slate-600">No pending invitations.</p>;
  return (
    <>
      {error && <p role="alert" className="mb-2 text-sm text-rose-700">{error}</p>}
      <ul className="divide-y divide-slate-100 text-sm">
        {invitations.map((invitation) => (
          <li key={invitation.id} className="flex items-start justify-between gap-2 py-2">
            <div>
              <div>{invitation.email}</div>
              <div className="text-xs text-slate-500">{ROLE_LABELS[invitation.role as keyof typeof ROLE_LABELS] ?? invitation.role} · by {invitation.invitedBy} · expires {formatDate(invitation.expiresAt)}</div>
            </div>
            <Button
              variant="danger"
              size="xs"
              disabled={pending}
              onClick={() => start(async () => {
                const result = await withTeam(revokeInvitationAction)({ invitationId: invitation.id });
                setError(result.ok ? null : result.message);
              })}
            >
              Withdraw<span className="sr-only"> the invitation to {invitation.email}</span>
            </Button>
          </li>
        ))}
      </ul>
    </>
  );
}
