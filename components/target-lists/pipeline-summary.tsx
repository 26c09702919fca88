import { formatInteger } from "@/lib/format";

const gbp = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", notation: "compact", maximumFractionDigits: 1 });
const STAGE_TONES: Record<string, string> = {
  identified: "bg-slate-100",
  researching: "bg-sky-50",
  engaged: "bg-indigo-50",
  proposal: "bg-amber-50",
  won: "bg-emerald-50",
  lost: "bg-rose-50",
};

/** Count and estimated value per stage of the pipeline. */
export function PipelineSummary({ stages, listId }: { stages: { stage: string; count: number; valueGbp: number }[]; listId?: string }) {
  return (
    <dl className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6" aria-label="Pipeline by stage">
      {stages.map((s) => (
        <div key={s.stage} className={`rounded-md px-3 py-2 ${STAGE_TONES[s.stage] ?? "bg-slate-50"}`}>
          <dt className="text-xs font-medium capitalize text-slate-600">
            {listId ? <a href={`/lists/${listId}?stage=${s.stage}`} className="hover:underline">{s.stage}</a> : s.stage}
          </dt>
          <dd className="text-lg font-semibold tabular-nums text-slate-900">{formatInteger(s.count)}</dd>
          <dd className="text-xs tabular-nums text-slate-600">{s.valueGbp > 0 ? gbp.format(s.valueGbp) : "no value set"}</dd>
        </div>
      ))}
    </dl>
  );
}
