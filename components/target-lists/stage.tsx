// A pipeline stage as the list pages show it: its colours (the pipeline's tiles and the table's
// badges share them), its label, and the choices of a stage select.
import { STAGES, STAGE_LABELS, isStage, type Stage } from "@/lib/target-lists/vocabulary";

/** Background, text and ring of each stage: the tile of the pipeline uses the background alone */
const STAGE_TONES: Record<Stage, { surface: string; ink: string }> = {
  identified: { surface: "bg-slate-100", ink: "text-slate-700 ring-slate-200" },
  researching: { surface: "bg-sky-50", ink: "text-sky-800 ring-sky-200" },
  engaged: { surface: "bg-indigo-50", ink: "text-indigo-800 ring-indigo-200" },
  proposal: { surface: "bg-amber-50", ink: "text-amber-900 ring-amber-200" },
  won: { surface: "bg-emerald-50", ink: "text-emerald-800 ring-emerald-200" },
  lost: { surface: "bg-rose-50", ink: "text-rose-800 ring-rose-200" },
};

/** The tile colour of a stage; a stage the vocabulary does not know gets a neutral one. */
export const stageSurface = (stage: string) => (isStage(stage) ? STAGE_TONES[stage].surface : "bg-slate-50");

export const stageLabel = (stage: string) => (isStage(stage) ? STAGE_LABELS[stage] : stage);

export const STAGE_OPTIONS = STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }));

export function StageBadge({ stage }: { stage: string }) {
  const tone = STAGE_TONES[isStage(stage) ? stage : "identified"];
  return <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tone.surface} ${tone.ink}`}>{stageLabel(stage)}</span>;
}
