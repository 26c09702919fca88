"use client";

import { useRef, useState, useTransition } from "react";
import { createContactAction, deleteContactAction } from "@/lib/contacts/actions";
import { Card } from "@/components/ui/card";
import { Field, FormMessage, SubmitButton, useActionForm } from "@/components/ui/form";
import { Button } from "@/components/ui/button";
import { useWithActiveTeam } from "@/components/ui/active-team";

export type ContactView = { id: string; name: string; role: string | null; email: string | null; phone: string | null };

export function ContactsPanel({ organisationCode, contacts, canWrite }: { organisationCode: string; contacts: ContactView[]; canWrite: boolean }) {
  const withTeam = useWithActiveTeam();
  const form = useRef<HTMLFormElement>(null);
  const [result, formAction, pending] = useActionForm(createContactAction, () => form.current?.reset());
  const [removing, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <Card title="Contacts" description="People your team deals with here.">
      {contacts.length === 0 ? (
        <p className="text-sm text-slate-600">No contacts yet.</p>
      ) : (
        <ul className="space-y-3 text-sm">
          {contacts.map((c) => (
            <li key={c.id} className="flex items-start justify-between gap-2">
              <div>
                <div className="font-medium">{c.name}</div>
                {c.role && <div className="text-xs text-slate-600">{c.role}</div>}
                <div className="text-xs text-slate-600">
                  {c.email && <a className="text-brand-700 underline" href={`mailto:${c.email}`}>{c.email}</a>}
                  {c.email && c.phone && " · "}
                  {c.phone}
                </div>
              </div>
              {canWrite && (
                <Button variant="secondary" size="xs" disabled={removing}
                  onClick={() => start(async () => { const r = await withTeam(deleteContactAction)({ id: c.id, organisationCode }); setError(r.ok ? null : r.message); })}>
                  Remove<span className="sr-only"> {c.name}</span>
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {error && <p role="alert" className="mt-2 text-xs text-rose-700">{error}</p>}
      {canWrite && (
        <details className="mt-4">
          <summary className="cursor-pointer text-sm font-medium text-brand-700">Add a contact</summary>
          <form ref={form} action={formAction} className="mt-3 space-y-3">
            <input type="hidden" name="organisationCode" value={organisationCode} />
            <FormMessage result={result} success="Contact saved." />
            <Field label="Name" name="name" required result={result} />
            <Field label="Role" name="role" result={result} />
            <Field label="Email" name="email" type="email" result={result} />
            <Field label="Phone" name="phone" type="tel" result={result} />
            <SubmitButton pending={pending}>Save contact</SubmitButton>
          </form>
        </details>
      )}
    </Card>
  );
}
