import Link from "next/link";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { stageLabel } from "./stage";

/** The team's layer on a profile: which of its target lists hold this body, at what stage. */
export function TeamLists({ entries, organisationName, canWrite }: { entries: { stage: string; list: { id: string; name: string } }[]; organisationName: string; canWrite: boolean }) {
  return (
    <Card title="On your team's lists" actions={undefined}>
      {entries.length === 0 ? (
        <p className="text-sm text-slate-600">{organisationName} is on none of your team&apos;s target lists.</p>
      ) : (
        <ul className="space-y-2 text-sm">
          {entries.map((entry) => (
            <li key={entry.list.id} className="flex items-center justify-between gap-2">
              <Link href={`/lists/${entry.list.id}`} className="text-brand-700 hover:underline">{entry.list.name}</Link>
              <Badge>{stageLabel(entry.stage)}</Badge>
            </li>
          ))}
        </ul>
      )}
      {canWrite && <p className="mt-4 border-t border-slate-100 pt-4 text-xs text-slate-500">Add it to a list, or to a new one, with “Add to list” at the top of the page.</p>}
    </Card>
  );
}
