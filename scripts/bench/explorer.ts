// PostgreSQL's own time for the explorer's statements, beside the app's time for the same inputs in the
// same run: EXPLAIN (ANALYZE) of the page, and of the capped count where searchOrganisations runs one
// (the page was full and did not count its matches in its own scan).
import type pg from "pg";
import type { PrismaClient } from "../../lib/generated/prisma/client";
import { compileFilters, countQuery, pageQuery, parseExplorerParams, SEARCH_THRESHOLD_SQL } from "../../lib/organisations/explorer";
import { explain } from "./explain";
import { percentile } from "./measure";

export type ExplorerInput = { params: string; offset?: number; limit?: number; team?: string };

/** Rows the plan's top node returned ("rows=51.00" since PostgreSQL 18). */
const returnedRows = (lines: string[]) => Number(/actual time=[\d.]+\.\.[\d.]+ rows=([\d.]+)/.exec(lines[0] ?? "")?.[1] ?? NaN);

/**
 * `runs` EXPLAIN ANALYZE runs over the inputs in turn (page + count where the app counts): median and
 * p95 of the execution times, and the median planning time (which the app pays too, on every
 * statement it sends unprepared, but which the target's "PostgreSQL's own time" leaves out).
 */
export async function postgresTimes(db: PrismaClient, client: pg.Client, inputs: ExplorerInput[], runs: number): Promise<{ p50: number; p95: number; planningP50: number }> {
  const times: number[] = [];
  const planning: number[] = [];
  for (let run = 0; run < runs; run++) {
    const input = inputs[run % inputs.length]!;
    const window = { limit: input.limit ?? 50, offset: input.offset ?? 0 };
    const compiled = await compileFilters(db, { teamId: input.team ?? "bench-team-1" }, parseExplorerParams(new URLSearchParams(input.params)));
    const page = await explain(client, pageQuery(compiled, window).build(), SEARCH_THRESHOLD_SQL);
    const rows = returnedRows(page.lines);
    if (!Number.isFinite(rows) || !Number.isFinite(page.executionMs)) throw new Error(`explorer: no timing in the plan of ${input.params}`);
    // As cappedSlice decides: a full page, or an empty one past the start, takes the count unless the page carried it
    const emptyPastStart = rows === 0 && window.offset > 0;
    const counts = compiled.countsInPage ? emptyPastStart : rows > window.limit || emptyPastStart;
    const count = counts ? await explain(client, countQuery(compiled).build(), SEARCH_THRESHOLD_SQL) : null;
    times.push(page.executionMs + (count?.executionMs ?? 0));
    planning.push(page.planningMs + (count?.planningMs ?? 0));
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95), planningP50: percentile(planning, 50) };
}
