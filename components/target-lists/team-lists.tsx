import Link from "next/link";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";

/** The team's layer on a profile: which of its target lists hold this body, at what stage. */
export function TeamLists({ entries, organisationName }: { entries: { stage: string; list: { id: string; name: string } }[]; organisationName: string }) {
  return (
    <Card title="On your team's lists">
      {entries.length === 0 ? (
        <p className="text-sm text-slate-600">{organisationName} is on none of your team&apos;s target lists. Add it from the explorer.</p>
      ) : (
        <ul className="space-y-2 text-sm">
          {entries.map((entry) => (
            <li key={entry.list.id} className="flex items-center justify-between gap-2">
              <Link href={`/lists/${entry.list.id}`} className="text-brand-700 hover:underline">{entry.list.name}</Link>
              <Badge>{entry.stage}</Badge>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
