import type { EntryEvent } from "@/lib/target-lists/entries";
import { formatDate } from "@/lib/format";

/** Under an entry's body: where the entry came from when its body closed. */
export function EntryHistory({ history }: { history: EntryEvent[] }) {
  if (history.length === 0) return null;
  return (
    <ul className="mt-1 space-y-0.5 text-[11px] leading-4 text-slate-600">
      {history.map((event, i) => (
        <li key={i}>
          {event.action === "moved"
            ? `Moved from ${event.from.name} (${event.from.code}) on ${formatDate(event.at)} by ${event.by}`
            : `The entry for ${event.from.name} (${event.from.code}) was folded in on ${formatDate(event.at)} by ${event.by}${event.fields ? `; its fields are kept: ${describeFields(event.fields)}` : ""}`}
        </li>
      ))}
    </ul>
  );
}

/** The folded entry's fields in words, so nothing of it is out of sight. */
function describeFields(fields: Record<string, unknown>): string {
  const owner = fields.owner as { name?: string } | null;
  const tags = Array.isArray(fields.tags) ? (fields.tags as string[]) : [];
  return [
    `stage ${String(fields.stage)}`,
    owner?.name ? `owner ${owner.name}` : null,
    fields.priority ? `priority ${String(fields.priority)}` : null,
    fields.estimated_value_gbp !== null && fields.estimated_value_gbp !== undefined ? `value £${Number(fields.estimated_value_gbp).toLocaleString("en-GB")}` : null,
    fields.next_step ? `next step “${String(fields.next_step)}”${fields.next_step_date ? ` by ${formatDate(String(fields.next_step_date))}` : ""}` : null,
    tags.length ? `tags ${tags.join(", ")}` : null,
    fields.lost_reason ? `lost: ${String(fields.lost_reason)}` : null,
  ]
    .filter(Boolean)
    .join("; ");
}
