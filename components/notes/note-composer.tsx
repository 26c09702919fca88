"use client";

import { useRef } from "react";
import { createNoteAction } from "@/lib/notes/actions";
import { FormMessage, SubmitButton, useActionForm } from "@/components/ui/form";
import { Checkbox, Label, Select, Textarea } from "@/components/ui/input";
import type { ContactView } from "./contacts-panel";

/** The note box's id: "Write a note" at the top of a profile jumps to it. */
export const NOTE_BOX_ID = "note-body";

export function NoteComposer({ organisationCode, contacts }: { organisationCode: string; contacts: ContactView[] }) {
  const form = useRef<HTMLFormElement>(null);
  const [result, formAction, pending] = useActionForm(createNoteAction, () => form.current?.reset());
  return (
    <form ref={form} action={formAction} className="space-y-2">
      <input type="hidden" name="organisationCode" value={organisationCode} />
      <Label htmlFor={NOTE_BOX_ID}>Add a note</Label>
      <Textarea id={NOTE_BOX_ID} className="min-h-24 scroll-mt-24" name="body" required maxLength={20000} placeholder="Meeting notes, next steps… Markdown: **bold**, *italic*, - lists, [links](https://…)" />
      <p className="text-xs text-slate-500">Mention a teammate with @their.email: they are told in the app.</p>
      {result && !result.ok && result.fieldErrors?.body && <p className="text-xs text-rose-700">{result.fieldErrors.body.join(" ")}</p>}
      <div className="flex flex-wrap items-end gap-3">
        {contacts.length > 0 && (
          <div>
            <label htmlFor="note-contact" className="block text-xs text-slate-600">Mentions contact</label>
            <Select id="note-contact" name="contactId" defaultValue="">
              <option value="">Nobody</option>
              {contacts.map((c) => <option key={c.id} value={c.id}>{c.name}{c.role ? `, ${c.role}` : ""}</option>)}
            </Select>
          </div>
        )}
        <label className="flex items-center gap-2 text-sm text-slate-700"><Checkbox name="pinned" value="true" /> Pin to the top</label>
        <SubmitButton pending={pending}>Save note</SubmitButton>
      </div>
      <FormMessage result={result} success="Note saved." />
    </form>
  );
}
