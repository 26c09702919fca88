import { formatDate } from "@/lib/format";
import { Card } from "@/components/ui/card";
import { NoteComposer } from "./note-composer";

type Note = { id: string; body: string; createdAt: Date; author: { name: string } };

/** The team's notes on this body: visible to the team only. */
export function OrganisationNotes({ organisationCode, notes, canWrite }: { organisationCode: string; notes: Note[]; canWrite: boolean }) {
  return (
    <div className="mt-6">
      <Card title="Your team's notes" description="Only members of your team can see these.">
        {canWrite && <NoteComposer organisationCode={organisationCode} />}
        {notes.length === 0 ? (
          <p className="mt-4 text-sm text-slate-600">No notes yet{canWrite ? ": write the first one above." : "."}</p>
        ) : (
          <ul className="mt-4 divide-y divide-slate-100">
            {notes.map((note) => (
              <li key={note.id} className="py-3" data-note-id={note.id}>
                <p className="whitespace-pre-wrap text-sm text-slate-800">{note.body}</p>
                <p className="mt-1 text-xs text-slate-500">{note.author.name} · {formatDate(note.createdAt)}</p>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
