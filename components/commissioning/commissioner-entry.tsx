import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { ARRANGEMENT_LABELS, COMMISSIONER_KIND_LABELS, type Arrangement, type CommissionerKind } from "@/lib/organisations/vocabulary";
import { formatDate } from "@/lib/format";

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
  evidence: string;
  notes?: string | null;
  source: { title: string; url: string };
};

/** One who-commissions-what line: who, how, since when, and the public source it rests on. */
export function CommissionerEntry({ entry, showNotes = false }: { entry: CommissionerEntryProps; showNotes?: boolean }) {
  const label = entry.commissionerName ?? COMMISSIONER_KIND_LABELS[entry.commissionerKind as CommissionerKind] ?? entry.commissionerKind;
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center gap-1.5">
        <Badge tone={ARRANGEMENT_TONES[entry.arrangement as Arrangement] ?? "neutral"}>{ARRANGEMENT_LABELS[entry.arrangement as Arrangement] ?? entry.arrangement}</Badge>
        {entry.commissionerCode ? (
          <Link href={`/organisations/${encodeURIComponent(entry.commissionerCode)}`} className="font-medium text-brand-700 hover:underline">{label}</Link>
        ) : (
          <span className="font-medium text-slate-900">{label}</span>
        )}
      </div>
      <div className="text-xs text-slate-500">
        {entry.effectiveFrom && <span>since {formatDate(entry.effectiveFrom)} · </span>}
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
