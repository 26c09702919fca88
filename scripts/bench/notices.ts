// The bench's procurement cases: the contracts page's table (readTablePage(noticesTable), as the
// page calls it; GET /api/v1/notices runs the same query), a body's procurement profile, a payer's
// spend table and the notices export, each through the app's own code. Beside each notices case,
// PostgreSQL's own execution time for the same statements (EXPLAIN ANALYZE) in the same run.
import type pg from "pg";
import type { PrismaClient } from "../../lib/generated/prisma/client";
import { todayIso } from "../../lib/format";
import { compileNoticeFilters, countsBeforePage, exportNotices, keywordPageWithCount, NOTICE_COUNT_CAP, noticeCountQuery, noticePageQuery, noticePageSettings, noticesTable, type NoticeCount } from "../../lib/procurement/notices";
import { readCoverage } from "../../lib/procurement/coverage";
import { loadProcurementProfile } from "../../lib/procurement/profile";
import { spendTable } from "../../lib/procurement/spend";
import { parseTableFilters, readTablePage } from "../../lib/tables/server";
import { readPaging } from "../../lib/paging";
import { explain, type Explained } from "./explain";
import { percentile, timeRuns, type Timed } from "./measure";

export type ProcurementCase = { name: string; inputs: string[] };

/** Bodies the cases filter by: real ones and their synthetic copies. */
export type CaseBodies = { icbs: string[]; merged: string[] };

const pick = <T,>(values: T[], run: number) => values[run % values.length]!;
const cycle = (values: string[], count: number) => Array.from({ length: count }, (_, i) => pick(values, i));

/** ICBs with the most bodies below them, and 2026 ICBs that succeeded others, each with a synthetic copy. */
export async function caseBodies(client: pg.Client): Promise<CaseBodies> {
  const withCopies = (codes: string[], copy: number) => codes.flatMap((c) => [c, `Z${copy}-${c}`]);
  const icbs = await client.query<{ code: string }>(`
    SELECT o.code FROM organisation o
    WHERE o.kind = 'icb' AND o.status = 'open' AND o.code !~ '^Z'
    ORDER BY (SELECT count(*) FROM organisation c JOIN organisation g ON g.parent_id = c.id WHERE c.parent_id = o.id) DESC, o.code LIMIT 4`);
  const merged = await client.query<{ code: string }>(`
    SELECT o.code FROM organisation o JOIN succession s ON s.successor_id = o.id
    WHERE o.kind = 'icb' AND o.code !~ '^Z' AND s.effective_date >= '2026-01-01'
    GROUP BY o.code ORDER BY count(*) DESC, o.code LIMIT 2`);
  const mergedCodes = merged.rows.map((r) => r.code);
  // The two ICBs of the spend sample are among the buyers too
  const largest = icbs.rows.map((r) => r.code).filter((c) => !mergedCodes.includes(c));
  return { icbs: withCopies(["QSL", "QR1", ...largest], 7), merged: withCopies(mergedCodes, 12) };
}

export function noticeCases(bodies: CaseBodies, runs: number): ProcurementCase[] {
  const buyers = [...bodies.icbs, ...bodies.merged];
  const words = ["cleaning", "mental health", "software licence", "ambulance", "patient transport", "catering"];
  return [
    { name: "q=<keywords> (newest first)", inputs: cycle(words.map((w) => `q=${encodeURIComponent(w)}`), runs) },
    { name: "q=<keywords>&sort=relevance", inputs: cycle(words.map((w) => `q=${encodeURIComponent(w)}&sort=relevance`), runs) },
    { name: "buyer=<ICB> (with bodies below)", inputs: cycle(bodies.icbs.map((b) => `buyer=${b}`), runs) },
    { name: "buyer=<2026 ICB> (with predecessors)", inputs: cycle(bodies.merged.map((b) => `buyer=${b}`), runs) },
    { name: "ends_within_months=6/12/18", inputs: cycle(["6", "12", "18", "12&sort=contract_end"].map((m) => `ends_within_months=${m}`), runs) },
    { name: "ends_within_months=<n>&buyer=<ICB>", inputs: Array.from({ length: runs }, (_, i) => `ends_within_months=${pick([6, 12, 18], i)}&buyer=${pick(buyers, i)}`) },
    { name: "open=1", inputs: cycle(["open=1", "open=1&sort=deadline"], runs) },
    { name: "open=1&buyer=<ICB>", inputs: cycle(buyers.map((b) => `open=1&buyer=${b}`), runs) },
    { name: "q=<keywords>&buyer=<ICB>", inputs: Array.from({ length: runs }, (_, i) => `q=${encodeURIComponent(pick(words, i))}&buyer=${pick(buyers, i + 1)}`) },
  ];
}

export type NoticeResult = Timed<string> & { name: string; matches: string; postgresMs: number; explained: { input: string; page: Explained; count: Explained | null } };

/** One case: 3 warm-up and `runs` timed calls of the page's reader, then EXPLAIN ANALYZE of each distinct input's statements. */
export async function measureNoticeCase(db: PrismaClient, client: pg.Client, c: ProcurementCase, warmup: number): Promise<NoticeResult> {
  const scope = { today: todayIso() };
  let matches = "";
  const timed = await timeRuns(c.inputs, warmup, async (input) => {
    const read = await readTablePage(noticesTable, db, scope, new URLSearchParams(input));
    if (!read.ok) throw new Error(`${c.name}: ${input}: ${read.error}`);
    if (input === c.inputs[0]) matches = `${read.page.total.toLocaleString("en-GB")}${read.page.totalExact ? "" : "+"}`;
  });
  // PostgreSQL's time for the statements the reader ran: the page (under the settings it chose), and the
  // capped count when it was taken first or the page neither reached the end nor counted its matches
  const perInput: { input: string; page: Explained; count: Explained | null; ms: number }[] = [];
  for (const input of new Set(c.inputs)) {
    const params = new URLSearchParams(input);
    const { size } = readPaging(params, noticesTable.sizes);
    const filters = parseTableFilters(noticesTable, params);
    const compiled = await compileNoticeFilters(db, scope, filters);
    const window = { limit: size + 1, offset: 0 };
    if (countsBeforePage(compiled)) {
      // As searchNotices runs it: the page and its count from one scan of the matches, and beyond the
      // cap the walk of the published index as well
      const counted0 = (await client.query<NoticeCount>(noticeCountQuery(compiled).build())).rows[0]!;
      const both = await explain(client, keywordPageWithCount(compiled, window).build());
      const walk = counted0.total > NOTICE_COUNT_CAP ? await explain(client, noticePageQuery(compiled, window).build(), noticePageSettings(compiled, counted0, window).join("; ") || undefined) : null;
      perInput.push({ input, page: both, count: walk, ms: both.executionMs + (walk?.executionMs ?? 0) });
      continue;
    }
    const page = await explain(client, noticePageQuery(compiled, window).build());
    const counted = !compiled.countInScan && (await noticesTable.query(db, scope, filters, { limit: size, offset: 0 })).nextOffset !== null;
    const count = counted ? await explain(client, noticeCountQuery(compiled).build()) : null;
    perInput.push({ input, page, count, ms: page.executionMs + (count?.executionMs ?? 0) });
  }
  const slowest = perInput.find((p) => p.input === timed.slowest)!;
  return { ...timed, name: c.name, matches, postgresMs: percentile(perInput.map((p) => p.ms), 50), explained: slowest };
}

export type OtherResult = Timed<string> & { name: string; matches: string };

/** A body's procurement profile (six statements in parallel, as the profile page runs them), the coverage note, then a payer's spend table. */
export async function measureProfileAndSpend(db: PrismaClient, bodies: CaseBodies, runs: number, warmup: number): Promise<OtherResult[]> {
  const codes = [...bodies.icbs, ...bodies.merged];
  const inputs = cycle(codes, warmup + runs);
  let notices = 0;
  const profile = await timeRuns(inputs, warmup, async (code) => {
    const loaded = await loadProcurementProfile(db, code);
    if (code === inputs[0]) notices = loaded.notices;
  });
  const payers = cycle(["QSL", "QR1", "Z7-QSL", "Z7-QR1", "QSL&sort=date", "QR1&from=2024-01-01"], warmup + runs).map((p) => `payer=${p}`);
  let lines = "";
  const spend = await timeRuns(payers, warmup, async (input) => {
    const read = await readTablePage(spendTable, db, null, new URLSearchParams(input));
    if (!read.ok) throw new Error(`spend: ${input}: ${read.error}`);
    if (input === payers[0]) lines = read.page.total.toLocaleString("en-GB");
  });
  // Every procurement page and API answer reads it beside its own query
  let sources = 0;
  const coverage = await timeRuns(cycle(["all"], warmup + runs), warmup, async () => {
    sources = (await readCoverage(db)).notices.length;
  });
  return [
    { ...profile, name: "profile of an ICB (loadProcurementProfile)", matches: `${notices.toLocaleString("en-GB")} notices` },
    { ...coverage, name: "coverage note (readCoverage)", matches: `${sources} sources` },
    { ...spend, name: "spend table, payer=<ICB>", matches: `${lines} lines` },
  ];
}

/** The notices export as the API streams it (exportNotices), for the bench's export reader. */
export const noticesExport = (db: PrismaClient, pool: pg.Pool, params: string) => () =>
  exportNotices(db, { pool, teamId: "bench-team-1" }, { today: todayIso() }, parseTableFilters(noticesTable, new URLSearchParams(params)), "csv");
