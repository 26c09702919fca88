// EXPLAIN (ANALYZE) of a statement the app would run, for the bench: PostgreSQL's own time for it,
// and the plan, summarised or in full.
import type pg from "pg";

export type Statement = { text: string; values: unknown[] };
export type Explained = { lines: string[]; executionMs: number; planningMs: number };

/** Runs the statement under EXPLAIN (ANALYZE, BUFFERS) in a transaction that is rolled back, after `setup` (a SET LOCAL). */
export async function explain(client: pg.Client, statement: Statement, setup?: string): Promise<Explained> {
  await client.query("BEGIN");
  try {
    if (setup) await client.query(setup);
    const plan = await client.query<{ "QUERY PLAN": string }>({ text: `EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`, values: statement.values });
    const lines = plan.rows.map((r) => r["QUERY PLAN"]);
    const timing = (label: string) => Number(lines.map((l) => new RegExp(`^${label} Time: ([\\d.]+) ms`).exec(l)).find(Boolean)?.[1] ?? NaN);
    return { lines, executionMs: timing("Execution"), planningMs: timing("Planning") };
  } finally {
    await client.query("ROLLBACK");
  }
}

/** The top of a plan and its timings, or the whole plan. */
export function planSummary(lines: string[], full: boolean): string[] {
  const summary = full ? lines : [...lines.filter((l) => !/^\s+(Buffers|Planning:|Heap Blocks|Worker \d)/.test(l)).slice(0, 14), ...lines.filter((l) => /^(Planning|Execution) Time/.test(l))];
  return [...new Set(summary)];
}
