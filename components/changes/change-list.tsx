import Link from "next/link";
import type { ChangeBody, ChangeRecord } from "@/lib/changes";
import { CHANGE_TYPE_TEXT } from "@/lib/changes/vocabulary";
import { formatDate } from "@/lib/format";
import { Badge } from "@/components/ui/badge";

const TYPE_TONES = { opened: "success", closed: "danger", merged: "warning", split: "warning" } as const;

/** The bodies an entry touches: links to their profiles, closed ones marked, a code no longer in the data as plain text. */
function Bodies({ bodies }: { bodies: ChangeBody[] }) {
  return (
    <ul className="flex flex-wrap gap-x-3 gap-y-1">
      {bodies.map((body) => (
        <li key={body.code} className="inline-flex items-center gap-1">
          {body.name === null ? (
            <span className="font-mono text-xs text-slate-500" title="No longer in the data">{body.code}</span>
          ) : (
            <Link href={`/organisations/${encodeURIComponent(body.code)}`} className="text-brand-700 underline-offset-2 hover:underline" title={body.code}>
              {body.name}
            </Link>
          )}
          {body.status === "closed" && <Badge tone="danger">Closed</Badge>}
        </li>
      ))}
    </ul>
  );
}

function Source({ change }: { change: ChangeRecord }) {
  return change.sourceUrl ? (
    <a href={change.sourceUrl} className="text-brand-700 underline" rel="noreferrer" target="_blank">{change.source}</a>
  ) : (
    <span>{change.source}</span>
  );
}

/** Change-log entries, newest first: on /changes, and as a profile's history. */
export function ChangeList({ changes, caption }: { changes: ChangeRecord[]; caption: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
            <th scope="col" className="py-2 pr-3 font-medium">Date</th>
            <th scope="col" className="pr-3 font-medium">Change</th>
            <th scope="col" className="pr-3 font-medium">Bodies</th>
            <th scope="col" className="pr-3 font-medium">What changed</th>
            <th scope="col" className="font-medium">Source</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {changes.map((change) => (
            <tr key={change.id} data-change-type={change.type}>
              <td className="whitespace-nowrap py-2 pr-3 tabular-nums">{formatDate(change.effectiveDate)}</td>
              <td className="whitespace-nowrap pr-3">
                <span title={CHANGE_TYPE_TEXT[change.type].means}>
                  <Badge tone={TYPE_TONES[change.type as keyof typeof TYPE_TONES] ?? "neutral"}>{CHANGE_TYPE_TEXT[change.type].label}</Badge>
                </span>
              </td>
              <td className="max-w-xs pr-3"><Bodies bodies={change.bodies} /></td>
              <td className="max-w-md pr-3">{change.summary}</td>
              <td className="max-w-xs text-xs text-slate-600"><Source change={change} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
