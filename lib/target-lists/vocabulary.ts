// The words of a target list, shared by the server and the browser (no server imports here).

/** Most bodies one request may add: all GP practices of a large region fit; all of England does not. */
export const MAX_BULK_ADD = 10_000;

export const STAGES = ["identified", "researching", "engaged", "proposal", "won", "lost"] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE_LABELS: Record<Stage, string> = {
  identified: "Identified",
  researching: "Researching",
  engaged: "Engaged",
  proposal: "Proposal",
  won: "Won",
  lost: "Lost",
};
/** Stages after which a next step is no longer due */
export const CLOSED_STAGES: readonly Stage[] = ["won", "lost"];

export const PRIORITIES = ["high", "medium", "low"] as const;
export type Priority = (typeof PRIORITIES)[number];
export const PRIORITY_LABELS: Record<Priority, string> = { high: "High", medium: "Medium", low: "Low" };

export function isStage(value: string): value is Stage {
  return (STAGES as readonly string[]).includes(value);
}
