import { Card } from "@/components/ui/card";
import type { NoteJson } from "@/lib/notes";
import { NoteComposer } from "./note-composer";
import { NoteCard } from "./note-card";
import { ContactsPanel, type ContactView } from "./contacts-panel";

/** The team's notes and contacts on this body: visible to the team only. */
export function OrganisationNotes({ organisationCode, notes, contacts, canWrite }: { organisationCode: string; notes: NoteJson[]; contacts: ContactView[]; canWrite: boolean }) {
  const live = notes.filter((n) => !n.deleted);
  const deleted = notes.filter((n) => n.deleted);
  return (
    <div className="mt-6 grid gap-6 lg:grid-cols-3">
      <div className="lg:col-span-2">
        <Card title="Your team's notes" description="Only members of your team can see these. Markdown is supported; every edit is kept in the history.">
          {canWrite && <NoteComposer organisationCode={organisationCode} contacts={contacts} />}
          {live.length === 0 ? (
            <p className="mt-4 text-sm text-slate-600">No notes yet{canWrite ? ": write the first one above." : "."}</p>
          ) : (
            <ul className="mt-4 space-y-3">
              {live.map((note) => <li key={note.id}><NoteCard note={note} canWrite={canWrite} /></li>)}
            </ul>
          )}
          {deleted.length > 0 && (
            <details className="mt-4 text-sm">
              <summary className="cursor-pointer text-slate-600">{deleted.length} deleted {deleted.length === 1 ? "note" : "notes"} (can be restored)</summary>
              <ul className="mt-3 space-y-3">
                {deleted.map((note) => <li key={note.id}><NoteCard note={note} canWrite={canWrite} /></li>)}
              </ul>
            </details>
          )}
        </Card>
      </div>
      <ContactsPanel organisationCode={organisationCode} contacts={contacts} canWrite={canWrite} />
    </div>
  );
}
