"use client";

import { useRef, useState, useTransition } from "react";
import { createApiTokenAction, revokeApiTokenAction } from "@/lib/auth/actions";
import { formatDate } from "@/lib/format";
import { Field, FormMessage, SubmitButton, useActionForm } from "@/components/ui/form";
import { Button } from "@/components/ui/button";
import { useReauthentication } from "@/components/auth/reauthentication";
import { Select } from "@/components/ui/input";
import type { apiTokenToJson } from "@/lib/auth/api-tokens";
import { useWithActiveTeam } from "@/components/ui/active-team";

/** As the API gives it (GET /api/v1/tokens). */
export type Token = ReturnType<typeof apiTokenToJson>;

// 90 days is the default (API_TOKEN_DEFAULT_DAYS); the domain accepts any whole number from 1 to 365
const EXPIRY_CHOICES = [7, 30, 90, 180, 365] as const;

export function ApiTokens({ tokens }: { tokens: Token[] }) {
  const form = useRef<HTMLFormElement>(null);
  const [created, setCreated] = useState<{ name: string; token: string; expiresAt: string } | null>(null);
  // Creating a token needs the password entered in the last 10 minutes: the dialog asks, then retries
  const reauth = useReauthentication();
  const [result, formAction, pending] = useActionForm(reauth.guard(createApiTokenAction), (data) => {
    setCreated(data);
    form.current?.reset();
  });
  return (
    <div className="space-y-6">
      {reauth.dialog}
      <form ref={form} action={formAction} className="flex flex-wrap items-end gap-3">
        <div className="min-w-56 flex-1"><Field label="Token name" name="name" required maxLength={120} placeholder="e.g. CRM sync" result={result} /></div>
        <Field label="Expires after" name="expiresInDays" result={result}>
          <Select name="expiresInDays" defaultValue="90" full={false}>
            {EXPIRY_CHOICES.map((days) => <option key={days} value={days}>{days} days</option>)}
          </Select>
        </Field>
        <SubmitButton pending={pending}>Create token</SubmitButton>
      </form>
      <FormMessage result={result} />
      {created && (
        <div role="status" className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm">
          <p className="font-medium text-amber-900">Copy the token &quot;{created.name}&quot; now: it will not be shown again. It works until {formatDate(created.expiresAt)}.</p>
          <code className="mt-2 block break-all rounded bg-white px-2 py-1 font-mono text-xs" data-testid="new-api-token">{created.token}</code>
        </div>
      )}
      <TokenTable tokens={tokens} caption="Your API tokens" empty="You have no tokens for this team." />
    </div>
  );
}

/** Tokens with their use and expiry, each revocable; `showOwner` adds whose token it is (the team's list, for admins). */
export function TokenTable({ tokens, caption, empty, showOwner = false }: { tokens: Token[]; caption: string; empty: string; showOwner?: boolean }) {
  const withTeam = useWithActiveTeam();
  const [revoking, startRevoke] = useTransition();
  const [revokeError, setRevokeError] = useState<string | null>(null);
  if (tokens.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <>
      {revokeError && <p role="alert" className="mb-2 text-sm text-rose-700">{revokeError}</p>}
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
            <th scope="col" className="py-2">Name</th>
            {showOwner && <th scope="col">Member</th>}
            <th scope="col">Starts with</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col" title="The token stops working on this day">Expires</th>
            <th scope="col"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {tokens.map((token) => (
            <tr key={token.id}>
              <td className="py-2">{token.name}</td>
              {showOwner && <td>{token.user.name}<div className="text-xs text-slate-500">{token.user.email}</div></td>}
              <td className="font-mono text-xs">{token.prefix}…</td>
              <td>{formatDate(token.created_at)}</td>
              <td>{token.last_used_at ? formatDate(token.last_used_at) : "Never"}</td>
              <td>{formatDate(token.expires_at)}</td>
              <td className="text-right">
                {token.revoked_at ? (
                  <span className="text-xs text-slate-500">Revoked {formatDate(token.revoked_at)}</span>
                ) : (
                  <Button
                    variant="danger"
                    size="xs"
                    disabled={revoking}
                    onClick={() =>
                      startRevoke(async () => {
                        const outcome = await withTeam(revokeApiTokenAction)({ tokenId: token.id });
                        setRevokeError(outcome.ok ? null : outcome.message);
                      })
                    }
                  >
                    Revoke<span className="sr-only"> {token.name}</span>
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
