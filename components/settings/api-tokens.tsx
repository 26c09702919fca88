"use client";

import { useRef, useState, useTransition } from "react";
import { createApiTokenAction, revokeApiTokenAction } from "@/lib/auth/actions";
import { formatDate } from "@/lib/format";
import { Field, FormMessage, SubmitButton, useActionForm } from "@/components/ui/form";
import { Button } from "@/components/ui/button";
import { useReauthentication } from "@/components/auth/reauthentication";

type Token = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };

export function ApiTokens({ tokens }: { tokens: Token[] }) {
  const form = useRef<HTMLFormElement>(null);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  // Creating a token needs the password entered in the last 10 minutes: the dialog asks, then retries
  const reauth = useReauthentication();
  const [result, formAction, pending] = useActionForm(reauth.guard(createApiTokenAction), (data) => {
    setCreated(data);
    form.current?.reset();
  });
  const [revoking, startRevoke] = useTransition();
  const [revokeError, setRevokeError] = useState<string | null>(null);
  return (
    <div className="space-y-6">
      {reauth.dialog}
      <form ref={form} action={formAction} className="flex flex-wrap items-end gap-3">
        <div className="min-w-56 flex-1"><Field label="Token name" name="name" required maxLength={120} placeholder="e.g. CRM sync" result={result} /></div>
        <SubmitButton pending={pending}>Create token</SubmitButton>
      </form>
      <FormMessage result={result} />
      {created && (
        <div role="status" className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm">
          <p className="font-medium text-amber-900">Copy the token &quot;{created.name}&quot; now: it will not be shown again.</p>
          <code className="mt-2 block break-all rounded bg-white px-2 py-1 font-mono text-xs" data-testid="new-api-token">{created.token}</code>
        </div>
      )}
      {revokeError && <p role="alert" className="text-sm text-rose-700">{revokeError}</p>}
      {tokens.length === 0 ? (
        <p className="text-sm text-slate-600">You have no tokens for this team.</p>
      ) : (
        <table className="w-full text-sm">
          <caption className="sr-only">Your API tokens</caption>
          <thead><tr className="text-left text-xs uppercase tracking-wide text-slate-500"><th scope="col" className="py-2">Name</th><th scope="col">Starts with</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
          <tbody className="divide-y divide-slate-100">
            {tokens.map((token) => (
              <tr key={token.id}>
                <td className="py-2">{token.name}</td>
                <td className="font-mono text-xs">{token.prefix}…</td>
                <td>{formatDate(token.createdAt)}</td>
                <td>{token.lastUsedAt ? formatDate(token.lastUsedAt) : "Never"}</td>
                <td className="text-right">
                  {token.revokedAt ? (
                    <span className="text-xs text-slate-500">Revoked {formatDate(token.revokedAt)}</span>
                  ) : (
                    <Button
                      variant="danger"
                      size="xs"
                      disabled={revoking}
                      onClick={() =>
                        startRevoke(async () => {
                          const outcome = await revokeApiTokenAction({ tokenId: token.id });
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
      )}
    </div>
  );
}
