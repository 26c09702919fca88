import { formatGbpCompact, formatInteger } from "@/lib/format";
import { StageFilterLink } from "./stage-filter-link";
import { stageLabel, stageSurface } from "./stage";

/**
 * Count and estimated value per stage of the pipeline. With `filter` (inside a table's
 * TableUrlStateProvider), each stage filters the table to its entries; `activeStage` is the one shown.
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
        const label = stageLabel(s.stage);
        const active = filter && activeStage === s.stage;
        return (
          <div
            key={s.stage}
            className={`relative rounded-md px-3 py-2 ${stageSurface(s.stage)} ${filter ? "hover:ring-1 hover:ring-slate-300 has-[a:focus-visible]:ring-2 has-[a:focus-visible]:ring-brand-600" : ""} ${active ? "ring-2 ring-brand-600" : ""}`}
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
