import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { ARRANGEMENT_LABELS, COMMISSIONER_KIND_LABELS, type Arrangement, type CommissionerKind } from "@/lib/organisations/vocabulary";
import type { ResponsibilityState } from "@/lib/commissioning/state";
import { formatDate } from "@/lib/format";

/** When the line holds: a planned one is never shown as current, an ended one shows its end. */
function When({ entry }: { entry: CommissionerEntryProps }) {
  if (entry.state === "planned") return <span>Planned from {formatDate(entry.effectiveFrom!)} · </span>;
  if (entry.state === "ended") {
    const from = entry.effectiveFrom ? `${formatDate(entry.effectiveFrom)} to ` : "until ";
    return <span>{from}{formatDate(entry.effectiveTo!)} (ended) · </span>;
  }
  return entry.effectiveFrom ? <span>since {formatDate(entry.effectiveFrom)} · </span> : null;
}

const ARRANGEMENT_TONES: Record<Arrangement, "brand" | "success" | "warning" | "neutral"> = {
  commissions: "brand",
  delegated: "success",
  retained: "warning",
  joint: "neutral",
  "provides-and-plans": "neutral",
};

export type CommissionerEntryProps = {
  commissionerKind: string;
  commissionerName: string | null;
  commissionerCode: string | null;
  arrangement: string;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  state: ResponsibilityState;
  evidence: string;
  notes?: string | null;
  source: { title: string; url: string };
};

/** One who-commissions-what line: who, how, since when, and the public source it rests on. */
export function CommissionerEntry({ entry, showNotes = false }: { entry: CommissionerEntryProps; showNotes?: boolean }) {
  const label = entry.commissionerName ?? COMMISSIONER_KIND_LABELS[entry.commissionerKind as CommissionerKind] ?? entry.commissionerKind;
  // Planned and ended rows say so in their badge; dimming them would take their text below AA contrast
  return (
    <div className="space-y-1" data-state={entry.state}>
      <div className="flex flex-wrap items-center gap-1.5">
        {entry.state === "planned" && <Badge tone="warning">Planned</Badge>}
        {entry.state === "ended" && <Badge tone="neutral">Ended</Badge>}
        <Badge tone={ARRANGEMENT_TONES[entry.arrangement as Arrangement] ?? "neutral"}>{ARRANGEMENT_LABELS[entry.arrangement as Arrangement] ?? entry.arrangement}</Badge>
        {entry.commissionerCode ? (
          <Link href={`/organisations/${encodeURIComponent(entry.commissionerCode)}`} className="font-medium text-brand-700 hover:underline">{label}</Link>
        ) : (
          <span className="font-medium text-slate-900">{label}</span>
        )}
      </div>
      <div className="text-xs text-slate-500">
        <When entry={entry} />
        <a href={entry.source.url} rel="noopener noreferrer" target="_blank" className="underline decoration-slate-300 hover:text-brand-700">
          {entry.source.title}
          <span className="sr-only"> (source, opens in a new tab)</span>
        </a>
        {entry.evidence === "indirect" && <span title="Rests on secondary or older evidence: see the notes"> · indirect evidence</span>}
      </div>
      {showNotes && entry.notes && <p className="text-xs text-slate-600">{entry.notes}</p>}
    </div>
  );
}
