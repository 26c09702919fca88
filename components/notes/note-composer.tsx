"use client";

import { useRef } from "react";
import { createNoteAction } from "@/app/actions/team-work";
import { FormMessage, SubmitButton, TextArea, useActionForm } from "@/components/ui/form";

export function NoteComposer({ organisationCode }: { organisationCode: string }) {
  const form = useRef<HTMLFormElement>(null);
  const [result, formAction, pending] = useActionForm(createNoteAction, () => form.current?.reset());
  return (
    <form ref={form} action={formAction} className="space-y-2">
      <input type="hidden" name="organisationCode" value={organisationCode} />
      <label className="block text-sm font-medium text-slate-800" htmlFor="note-body">Add a note</label>
      <TextArea id="note-body" name="body" required maxLength={20000} placeholder="Meeting notes, contacts, next steps…" />
      {result && !result.ok && result.fieldErrors?.body && <p className="text-xs text-rose-700">{result.fieldErrors.body.join(" ")}</p>}
      <FormMessage result={result} success="Note saved." />
      <SubmitButton pending={pending}>Save note</SubmitButton>
    </form>
  );
}
