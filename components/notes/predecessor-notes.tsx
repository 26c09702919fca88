import type { PredecessorNote } from "@/lib/notes";
import { formatDate } from "@/lib/format";
import { Card } from "@/components/ui/card";
import { OrganisationLink } from "@/components/organisations/organisation-link";
import { Markdown } from "./markdown";

/** "From predecessors": the team's notes on the bodies this one took over from, read here, edited on their own profile. */
export function PredecessorNotes({ notes }: { notes: PredecessorNote[] }) {
  if (notes.length === 0) return null;
  return (
    <div className="mt-6 lg:w-2/3">
      <Card title="From predecessors" description="Your team's notes on the bodies this one took over from. They stay on the body they were written on: edit them on its profile.">
        <ul className="space-y-3">
          {notes.map((note) => (
            <li key={note.id}>
              <article className="rounded-md border border-slate-200 p-3">
                <header className="mb-2 flex flex-wrap items-center gap-2 text-xs text-slate-500">
                  <span>On <OrganisationLink organisation={{ ...note.organisation, status: "closed" }} showStatus={false} /></span>
                  <span>· {note.author} · {formatDate(note.created_at)}{note.version > 1 && ` · edited ${formatDate(note.updated_at)}`}</span>
                </header>
                <Markdown source={note.body} />
              </article>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
