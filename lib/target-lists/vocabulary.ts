// The words of a target list, shared by the server and the browser (no server imports here).

/** Most bodies one request may add: all GP practices of a large region fit; all of England does not. */
export const MAX_BULK_ADD = 10_000;

/** A stage's or a priority's label is its name with a capital: "won" reads "Won". */
const capitalised = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((value) => [value, value[0]!.toUpperCase() + value.slice(1)])) as Record<T, string>;

export const STAGES = ["identified", "researching", "engaged", "proposal", "won", "lost"] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE_LABELS = capitalised(STAGES);
/** Stages after which a next step is no longer due */
export const CLOSED_STAGES: readonly Stage[] = ["won", "lost"];

export const PRIORITIES = ["high", "medium", "low"] as const;
export type Priority = (typeof PRIORITIES)[number];
export const PRIORITY_LABELS = capitalised(PRIORITIES);

export function isStage(value: string): value is Stage {
  return (STAGES as readonly string[]).includes(value);
}

type CodeName = { code: string; name: string };

/** "3 of your accounts merged into NHS Central East Integrated Care Board", or "split between …" for a split. */
export function mergerHeadline(accounts: number, successors: CodeName[]): string {
  const yours = `${accounts.toLocaleString("en-GB")} of your accounts`;
  if (successors.length === 1) return `${yours} merged into ${successors[0]!.name}`;
  const names = successors.map((s) => s.name);
  return `${yours} split between ${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
