import { formatGbpCompact, formatInteger } from "@/lib/format";
import { STAGE_LABELS, isStage } from "@/lib/target-lists/vocabulary";
import { StageFilterLink } from "./stage-filter-link";

const STAGE_TONES: Record<string, string> = {
  identified: "bg-slate-100",
  researching: "bg-sky-50",
  engaged: "bg-indigo-50",
  proposal: "bg-amber-50",
  won: "bg-emerald-50",
  lost: "bg-rose-50",
};

/**
 * Count and estimated value per stage of the pipeline. With `filter` (inside a table's
 * ExplorerStateProvider), each stage filters the table to its entries; `activeStage` is the one shown.
 */
export function PipelineSummary({
  stages,
  listId,
  filter = false,
  activeStage = null,
}: {
  stages: { stage: string; count: number; valueGbp: number }[];
  listId?: string;
  filter?: boolean;
  activeStage?: string | null;
}) {
  return (
    <dl className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6" aria-label="Pipeline by stage">
      {stages.map((s) => {
        const label = isStage(s.stage) ? STAGE_LABELS[s.stage] : s.stage;
        const active = filter && activeStage === s.stage;
        return (
          <div
            key={s.stage}
            className={`relative rounded-md px-3 py-2 ${STAGE_TONES[s.stage] ?? "bg-slate-50"} ${filter ? "hover:ring-1 hover:ring-slate-300 has-[a:focus-visible]:ring-2 has-[a:focus-visible]:ring-brand-600" : ""} ${active ? "ring-2 ring-brand-600" : ""}`}
          >
            <dt className="text-xs font-medium text-slate-600">
              {filter ? (
                <StageFilterLink stage={s.stage}>{label}</StageFilterLink>
              ) : listId ? (
                <a href={`/lists/${listId}?stage=${s.stage}`} className="hover:underline">{label}</a>
              ) : (
                label
              )}
            </dt>
            <dd className="text-lg font-semibold tabular-nums text-slate-900">{formatInteger(s.count)}</dd>
            <dd className="text-xs tabular-nums text-slate-600">{s.valueGbp > 0 ? formatGbpCompact(s.valueGbp) : "no value set"}</dd>
          </div>
        );
      })}
    </dl>
  );
}
