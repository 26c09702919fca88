// The page's state of each row of the upload: what the matcher found and what the analyst chose.
import type { MatchResult } from "@/lib/matching/engine";

export type MatchRow = {
  input: string;
  /** null until its chunk has been matched */
  result: MatchResult | null;
  /** The analyst's own answer: a body (as a code match), or skip */
  choice?: MatchResult | "skip";
};

export type RowState = "pending" | "found" | "chosen" | "waiting" | "skipped" | "blank";

export function rowState(row: MatchRow): RowState {
  if (row.choice === "skip") return "skipped";
  if (row.choice) return "chosen";
  if (!row.result) return "pending";
  if (!row.input.trim()) return "blank";
  return row.result.ambiguous ? "waiting" : "found";
}

/** The match that stands for the row: the analyst's choice, or the matcher's when it needs none. */
export function resolved(row: MatchRow): MatchResult | null {
  const state = rowState(row);
  if (state === "chosen") return row.choice as MatchResult;
  return state === "found" ? row.result : null;
}

/** The open bodies of today every resolved row leads to, once each: what goes on a list. */
export const todayCodes = (rows: MatchRow[]) => [...new Set(rows.flatMap((row) => resolved(row)?.today.map((b) => b.code) ?? []))];

export const ROW_STATE_LABELS: Record<RowState, string> = {
  pending: "Matching…",
  found: "Found",
  chosen: "Your choice",
  waiting: "Waiting for your choice",
  skipped: "Skipped",
  blank: "Empty cell",
};

export const percent = (confidence: number) => `${Math.round(confidence * 100)}%`;
