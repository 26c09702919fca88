// npm run bench: the explorer's queries and the CSV export at about 100x the real data, and the
// contracts page's notices table, a body's procurement profile, a payer's spend and the notices
// export over about 2 million notices and releases, measured through the app's own code
// (searchOrganisations, exportOrganisations, noticesTable, exportNotices) on a separate database,
// "atlas_bench". See docs/benchmarks.md.
//
//   npm run bench                 reuse atlas_bench when it already holds the synthetic data
//   npm run bench -- --rebuild    drop and regenerate it
//   npm run bench -- --runs 50    timed runs per query (default 30, after 3 warm-up runs and one untimed first run of each input)
//   npm run bench -- --explain    print the full EXPLAIN ANALYZE of every query that misses its target
import os from "node:os";
import pg from "pg";
import { createPrismaClient } from "../lib/db/client";
import { queryRows } from "../lib/db/query";
import { sql } from "../lib/db/sql";
import { migrate } from "../lib/db/migrate";
import { importReferenceData } from "../lib/import";
import { compileFilters, countQuery, pageQuery, parseExplorerParams, rowsQuery, searchOrganisations, SEARCH_THRESHOLD_SQL, type ExplorerFilters } from "../lib/organisations/explorer";
import { exportOrganisations, ORGANISATIONS_EXPORT_SETUP } from "../lib/organisations/export";
import { formatProcurementReport, importPaths, SHIPPED_PATHS } from "../lib/procurement/import";
import { openBenchServer } from "./bench/database";
import { explain, planSummary, type Explained } from "./bench/explain";
import { DEFAULT_SETTINGS, generate, GENERATION_VERSION, readMarker, writeMarker, type GenerationMarker } from "./bench/generate";
import { collectGarbage, machine, MB, table, timeRuns, withMemorySampling } from "./bench/measure";
import { copySeconds } from "./bench/copy";
import { caseBodies, measureNoticeCase, measureProfileAndSpend, noticeCases, noticesExport } from "./bench/notices";
import { postgresTimes } from "./bench/explorer";
import { benchDetection, detectionLines, DETECTION_TARGET_S } from "./bench/alerts";

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  const value = at >= 0 ? Number(args[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} needs a whole number`);
  return value;
};
const REBUILD = flag("rebuild");
// `--only alerts`: the event detection section alone (the other sections take minutes)
const ONLY = args.includes("--only") ? args[args.indexOf("--only") + 1] ?? null : null;
if (ONLY !== null && ONLY !== "alerts") throw new Error("--only takes: alerts");
const EXPLAIN_FULL = flag("explain");
const RUNS = option("runs", 30);
const WARMUP = 3;
const TARGET_MS = 50;
// The explorer's queries (issue 16): p95 at most 25 ms, and the app at most 2x PostgreSQL's own time
const EXPLORER_TARGET_MS = 25;
const EXPLORER_RATIO_TARGET = 2;
const POSTGRES_RUNS = 10;
const EXPORT_TARGET_S = 2;
/** The export's time over PostgreSQL's own COPY of the same query, at most */
const EXPORT_COPY_RATIO = 1.5;

const log = (line: string) => console.log(line);
// The embedded server the bench starts gets a cache that holds the search table (see docs/benchmarks.md)
process.env.EMBEDDED_PG_SHARED_BUFFERS ??= "1GB";
const seconds = (ms: number) => (ms / 1000).toFixed(1);
const started = performance.now();

// ---------- the database ----------

const server = await openBenchServer(log);
log(`[bench] database: ${server.where}`);
let exitCode = 0;
let db: ReturnType<typeof createPrismaClient> | null = null;
let pool: pg.Pool | null = null;
try {
  let marker: GenerationMarker | null = null;
  let generatedNow = false;
  if (!REBUILD && (await server.exists())) {
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      marker = await readMarker(client);
    } finally {
      await client.end();
    }
    // jsonb keeps keys in its own order, so the settings are compared key by key
    const sorted = (settings: object) => JSON.stringify(Object.entries(settings).sort(([a], [b]) => a.localeCompare(b)));
    if (marker && (marker.version !== GENERATION_VERSION || sorted(marker.settings) !== sorted(DEFAULT_SETTINGS))) {
      log(`[bench] atlas_bench holds data from another generator version: rebuilding`);
      marker = null;
    } else if (!marker) log(`[bench] atlas_bench exists but its generation did not finish: rebuilding`);
  }
  if (marker) {
    const migrated = await migrate(server.url, () => {});
    // Migrations carry their own backfills, so the synthetic data stays valid; --rebuild regenerates it
    if (migrated.applied.length) {
      log(`[bench] applied ${migrated.applied.length} new migrations to the reused data: ${migrated.applied.join(", ")}`);
      // A migration that rewrites a table (a new stored column) leaves it without a visibility map
      // or statistics: index-only scans then read the heap, and offset 100,000 took 106 ms, not 10
      const vacuumStarted = performance.now();
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      try {
        await client.query("VACUUM ANALYZE");
      } finally {
        await client.end();
      }
      log(`[bench] VACUUM ANALYZE after the migrations: ${seconds(performance.now() - vacuumStarted)} s`);
    }
    log(`[bench] reusing the synthetic data generated ${marker.generatedAt} (in ${marker.seconds.import + marker.seconds.generate} s); --rebuild to regenerate`);
  } else {
    await server.drop();
    await server.create();
    await migrate(server.url, () => {});
    const importStarted = performance.now();
    const importer = createPrismaClient(server.url);
    try {
      const report = await importReferenceData(importer);
      log(`[bench] imported the real reference data: ${report.added.toLocaleString("en-GB")} bodies, ${seconds(performance.now() - importStarted)} s`);
      // The shipped procurement sample, through the importer npm start runs, before the copies are made of it
      // (the releases the importer refuses are listed by npm run procurement:import; here only the counts)
      log(formatProcurementReport(await importPaths(importer, SHIPPED_PATHS)).split("\n").filter((line) => line.startsWith("[procurement]")).join("\n"));
    } finally {
      await importer.$disconnect();
    }
    const importSeconds = Number(seconds(performance.now() - importStarted));
    log(`[bench] generating ${DEFAULT_SETTINGS.copies} synthetic copies of the hierarchy, about ${DEFAULT_SETTINGS.procurementRows.toLocaleString("en-GB")} notices and releases, teams, lists and notes:`);
    const generateStarted = performance.now();
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      const counts = await generate(client, DEFAULT_SETTINGS, log);
      marker = {
        version: GENERATION_VERSION,
        settings: DEFAULT_SETTINGS,
        generatedAt: new Date().toISOString(),
        seconds: { import: importSeconds, generate: Number(seconds(performance.now() - generateStarted)) },
        counts,
      };
      await writeMarker(client, marker);
    } finally {
      await client.end();
    }
    generatedNow = true;
    log(`[bench] generated in ${marker.seconds.generate} s`);
  }

  db = createPrismaClient(server.url);
  pool = new pg.Pool({ connectionString: server.url, max: 5 });
  // A cancelled export's connection is still open when the server stops at the end: not a failure
  pool.on("error", (error) => log(`[bench] export connection closed: ${error.message}`));
  const sqlClient = new pg.Client({ connectionString: server.url });
  await sqlClient.connect();
  const postgres = (await sqlClient.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v;
  const loadBefore = os.loadavg();

  // ---------- event detection (issue 17) ----------

  log(`[bench] event detection: 10,000 follows over an import of 10,000 changes`);
  const detection = await benchDetection(server.url, db, log);
  if (detection.seconds >= DETECTION_TARGET_S) exitCode = 1;
  sections: {
  if (ONLY === "alerts") {
    const m = machine();
    log(["", `Commissioning Atlas benchmark (event detection only), ${new Date().toISOString().replace("T", " ").slice(0, 16)} UTC`, `Machine: ${m.cpu}, ${m.cores} cores, ${m.ramGb.toFixed(0)} GB RAM, ${m.os}; Node ${m.node}; PostgreSQL ${postgres}`, `Load average (1 min) when timing started / ended: ${loadBefore[0]!.toFixed(2)} / ${os.loadavg()[0]!.toFixed(2)}`, "", ...detectionLines(detection)].join("\n"));
    break sections;
  }

  // ---------- the queries ----------

  type Input = { params: string; offset?: number; limit?: number; team?: string };
  type Case = { name: string; input: (run: number) => Input };
  const describe = (i: Input) => `${decodeURIComponent(i.params)}${i.offset ? ` offset ${i.offset}` : ""}${i.limit ? ` limit ${i.limit}` : ""}${i.team ? ` (${i.team})` : ""}`;
  const pick = <T,>(values: T[], run: number) => values[run % values.length]!;
  const team = (run: number) => `bench-team-${(run % DEFAULT_SETTINGS.teams) + 1}`;
  const cases: Case[] = [
    { name: "kind=gp-practice&nation=england, first page", input: (r) => ({ params: "kind=gp-practice&nation=england", limit: pick([50, 25, 100], r) }) },
    {
      name: "q=<misspelt name>",
      input: (r) => ({ params: `q=${encodeURIComponent(pick(["chesire mersyside", "birmingam solihul", "leeds teaching hospitls", "nottingam city", "hampshire isle of wight", "lancashire soth cumbria"], r))}` }),
    },
    { name: "q=<code>", input: (r) => ({ params: `q=${pick(["QYG", "RRK", "A81001", "Z7-QYG", "U00070", "M85001"], r)}` }) },
    { name: "parent=<ICB> (children)", input: (r) => ({ params: `parent=${pick(["QYG", "QHM", "QWE", "QMM", "QHL"], r)}` }) },
    {
      name: "commissions=<category>&nation=england",
      input: (r) => ({ params: `commissions=${pick(["gp-primary-medical-services", "community-health-services", "mental-health-services"], r)}&nation=england` }),
    },
    { name: "kind=pcn&sort=-population", input: (r) => ({ params: pick(["kind=pcn&sort=-population", "kind=pcn&sort=population", "kind=pcn&nation=england&sort=-population"], r) }) },
    { name: "kind=gp-practice&sort=name, offset 10,000", input: (r) => ({ params: "kind=gp-practice&sort=name", offset: 10_000 + (r % 7) * 50 }) },
    { name: "kind=gp-practice&sort=name, offset 100,000", input: (r) => ({ params: "kind=gp-practice&sort=name", offset: 100_000 + (r % 7) * 50 }) },
    { name: "list=any (team's target lists)", input: (r) => ({ params: pick(["list=any", "list=any&stage=engaged", "list=any&kind=gp-practice"], r), team: team(r) }) },
  ];

  // Category slugs that do not exist in the data would make a case measure a 400: keep the ones that do
  const slugs = new Set((await sqlClient.query<{ slug: string }>("SELECT slug FROM service_category")).rows.map((r) => r.slug));

  type Result = { name: string; p50: number; p95: number; max: number; total: string; example: Input; slowest: Input; postgres: { p50: number; p95: number; planningP50: number } };
  // The least any statement costs the app: one round trip of SELECT 1 through the explorer's query path
  const floor = await timeRuns(Array.from({ length: WARMUP + RUNS }, () => null), WARMUP, async () => void (await queryRows(db!, sql`SELECT 1`)));
  log(`[bench] one round trip (SELECT 1 through queryRows): p50 ${floor.p50.toFixed(2)} ms, p95 ${floor.p95.toFixed(2)} ms`);
  const results: Result[] = [];
  log(`[bench] timing ${cases.length} queries: ${WARMUP} warm-up + ${RUNS} runs each`);
  for (const c of cases) {
    const inputs = Array.from({ length: WARMUP + RUNS }, (_, i) => c.input(i)).filter((i) => {
      const slug = /commissions=([a-z0-9-]+)/.exec(i.params)?.[1];
      return !slug || slugs.has(slug);
    });
    let total = "";
    const timed = await timeRuns(inputs, WARMUP, async (input) => {
      const filters = parseExplorerParams(new URLSearchParams(input.params));
      const page = await searchOrganisations(db!, { teamId: input.team ?? "bench-team-1" }, filters, { limit: input.limit ?? 50, offset: input.offset ?? 0 });
      // Totals over the explorer's count cap are lower bounds ("10,000+")
      if (input.params === inputs[0]!.params) total = `${page.total.toLocaleString("en-GB")}${page.totalExact ? "" : "+"}`;
      if (page.rows.length === 0 && (input.offset ?? 0) < page.total) throw new Error(`${c.name}: no rows for ${input.params}`);
    });
    // PostgreSQL's own time for the same statements, right after the app's runs of them
    const postgres = await postgresTimes(db, sqlClient, inputs.slice(WARMUP), POSTGRES_RUNS);
    const result = { name: c.name, p50: timed.p50, p95: timed.p95, max: timed.max, coldMax: timed.coldMax, total, example: inputs[0]!, slowest: timed.slowest, postgres };
    results.push(result);
    log(`[bench]   ${c.name}: p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, max ${result.max.toFixed(0)} ms for ${describe(result.slowest)}, first run of an input ${result.coldMax.toFixed(0)} ms; PostgreSQL p50 ${postgres.p50.toFixed(1)} ms, p95 ${postgres.p95.toFixed(1)} ms (${total} match ${result.example.params})`);
  }

  // ---------- procurement ----------

  const bodies = await caseBodies(sqlClient);
  const notices: Awaited<ReturnType<typeof measureNoticeCase>>[] = [];
  log(`[bench] timing the notices table (buyers ${[...bodies.icbs, ...bodies.merged].join(", ")}): ${WARMUP} warm-up + ${RUNS} runs each`);
  for (const c of noticeCases(bodies, WARMUP + RUNS)) {
    const result = await measureNoticeCase(db, sqlClient, c, WARMUP);
    notices.push(result);
    log(`[bench]   ${c.name}: p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, max ${result.max.toFixed(0)} ms for ${decodeURIComponent(result.slowest)}, first run of an input ${result.coldMax.toFixed(0)} ms; PostgreSQL ${result.postgresMs.toFixed(1)} ms (${result.matches} match ${decodeURIComponent(c.inputs[0]!)})`);
  }
  log(`[bench] timing the procurement profile, the coverage note and the spend table`);
  const others = await measureProfileAndSpend(db, bodies, RUNS, WARMUP);
  for (const o of others) log(`[bench]   ${o.name}: p50 ${o.p50.toFixed(1)} ms, p95 ${o.p95.toFixed(1)} ms, max ${o.max.toFixed(0)} ms for ${o.slowest}, first run of an input ${o.coldMax.toFixed(0)} ms`);

  // ---------- the exports ----------

  /** Streams an export, stopping after `limit` data rows; counts rows by line ends (no field holds a newline). */
  async function runExport(label: string, params: string, open: () => Promise<Response>, limit: number | null) {
    const t0 = performance.now();
    const { result: rows, memory } = await withMemorySampling(async () => {
      const response = await open();
      const reader = response.body!.getReader();
      let lines = 0;
      let bytes = 0;
      while (true) {
        const { done, value } = await reader.read();
        if (done) break;
        bytes += value.byteLength;
        // Native search, so the count costs the reader little beside the export it measures
        for (let at = value.indexOf(10); at !== -1; at = value.indexOf(10, at + 1)) lines++;
        if (limit !== null && lines - 1 >= limit) {
          await reader.cancel();
          break;
        }
      }
      return { rows: lines - 1, bytes };
    });
    const elapsed = performance.now() - t0;
    collectGarbage();
    const after = process.memoryUsage();
    return { label, params, limit, rows: rows.rows, bytes: rows.bytes, seconds: elapsed / 1000, peakRssMb: memory.peakRss / MB, heapDeltaMb: (memory.peakHeapUsed - memory.baseHeapUsed) / MB, rssGrowthMb: (memory.peakRss - memory.baseRss) / MB, retainedMb: (after.heapUsed - memory.baseHeapUsed) / MB };
  }

  log(`[bench] timing the CSV exports`);
  const organisations = (params: string) => () => exportOrganisations(db!, { pool: pool!, teamId: "bench-team-1" }, { teamId: "bench-team-1" }, parseExplorerParams(new URLSearchParams(params)), "csv");
  const exportFilter = "kind=gp-practice&nation=england";
  await runExport("organisations", exportFilter, organisations(exportFilter), 10_000); // warm-up
  type ExportRun = Awaited<ReturnType<typeof runExport>> & { copySeconds?: number };
  const exports: ExportRun[] = [];
  /** The organisations export, then PostgreSQL's COPY of the same query and rows as CSV, right after it */
  const organisationsAndCopy = async (params: string, limit: number | null): Promise<ExportRun> => {
    const run = await runExport("organisations", params, organisations(params), limit);
    const compiled = await compileFilters(db!, { teamId: "bench-team-1" }, parseExplorerParams(new URLSearchParams(params)));
    return { ...run, copySeconds: (await copySeconds(pool!, rowsQuery(compiled), { setup: ORGANISATIONS_EXPORT_SETUP, limit })).seconds };
  };
  for (const rows of [20_000, 50_000, 100_000]) exports.push(await organisationsAndCopy(exportFilter, rows));
  exports.push(await organisationsAndCopy("kind=pcn", null));
  // Every notice, newest first (the contracts page's default), and the expiry window, by end date
  await runExport("notices", "", noticesExport(db, pool, ""), 10_000); // warm-up
  for (const rows of [20_000, 50_000, 100_000]) exports.push(await runExport("notices", "(all)", noticesExport(db, pool, ""), rows));
  exports.push(await runExport("notices", "ends_within_months=18&sort=contract_end", noticesExport(db, pool, "ends_within_months=18&sort=contract_end"), 100_000));
  const copyRatio = (e: ExportRun) => (e.copySeconds ? `${(e.seconds / e.copySeconds).toFixed(2)}x` : "");
  for (const e of exports) log(`[bench]   ${e.label} ${e.params}: ${e.rows.toLocaleString("en-GB")} rows in ${e.seconds.toFixed(2)} s${e.copySeconds ? ` (COPY ${e.copySeconds.toFixed(2)} s, ${copyRatio(e)})` : ""}, peak RSS ${e.peakRssMb.toFixed(0)} MB`);

  // ---------- the report ----------

  const ratio = (r: Result) => r.p50 / r.postgres.p50;
  const misses = results.filter((r) => r.p95 > EXPLORER_TARGET_MS || ratio(r) > EXPLORER_RATIO_TARGET);
  const verdict = (p95: number) => (p95 < TARGET_MS ? "pass" : "FAIL");
  const explorerVerdict = (r: Result) => [r.p95 > EXPLORER_TARGET_MS ? `FAIL p95 > ${EXPLORER_TARGET_MS} ms` : "", ratio(r) > EXPLORER_RATIO_TARGET ? `FAIL ratio > ${EXPLORER_RATIO_TARGET}x` : ""].filter(Boolean).join(", ") || "pass";
  const m = machine();
  const marker2 = marker!;
  const report = [
    "",
    `Commissioning Atlas benchmark, ${new Date().toISOString().replace("T", " ").slice(0, 16)} UTC`,
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.ramGb.toFixed(0)} GB RAM, ${m.os}; Node ${m.node}; PostgreSQL ${postgres}`,
    `Load average (1 min) when timing started / ended: ${loadBefore[0]!.toFixed(2)} / ${os.loadavg()[0]!.toFixed(2)} (other work on the machine inflates the figures)`,
    `Data: ${Object.entries(marker2.counts).map(([t, n]) => `${t} ${n.toLocaleString("en-GB")}`).join(", ")}`,
    `Generation: import of the real data ${marker2.seconds.import} s, synthetic data ${marker2.seconds.generate} s (${marker2.generatedAt.slice(0, 16).replace("T", " ")} UTC)${generatedNow ? ", in this run" : ", reused from an earlier run"}`,
    "",
    `Explorer queries (searchOrganisations: one page + the total count), ${RUNS} runs after ${WARMUP} warm-up, inputs varied between runs.`,
    `"PostgreSQL": EXPLAIN ANALYZE execution time of the same statements (the page, and the count where the app takes one), ${POSTGRES_RUNS} runs over the case's inputs right after the app's; "ratio": app p50 / PostgreSQL p50 (target ${EXPLORER_RATIO_TARGET}x, p95 target ${EXPLORER_TARGET_MS} ms).`,
    `"planning": PostgreSQL's planning time of those statements (p50), which the execution time leaves out and the app pays on each. The floor under any statement: one round trip of SELECT 1 through the same query path, p50 ${floor.p50.toFixed(2)} ms, p95 ${floor.p95.toFixed(2)} ms; a query whose execution is under that floor cannot be within ${EXPLORER_RATIO_TARGET}x of it.`,
    "",
    table(
      ["query", "matches", "p50 ms", "p95 ms", "max ms", "PostgreSQL p50 ms", "PostgreSQL p95 ms", "planning p50 ms", "ratio", "result", "slowest input"],
      results.map((r) => [r.name, r.total, r.p50.toFixed(1), r.p95.toFixed(1), r.max.toFixed(0), r.postgres.p50.toFixed(2), r.postgres.p95.toFixed(2), r.postgres.planningP50.toFixed(2), `${ratio(r).toFixed(1)}x`, explorerVerdict(r), describe(r.slowest)]),
    ),
    "",
    `Notices table (readTablePage(noticesTable), as the contracts page and GET /api/v1/notices run it: one page of 50 + the capped count), ${RUNS} runs after ${WARMUP} warm-up, inputs varied between runs.`,
    `"PostgreSQL ms": EXPLAIN ANALYZE execution time of the same statements (page, and count when the page does not reach the end), median over the case's inputs; "ratio": p50 / that.`,
    "",
    table(
      ["query", "matches", "p50 ms", "p95 ms", "max ms", "PostgreSQL ms", "ratio", "target ms", "result", "slowest input"],
      notices.map((r) => [r.name, r.matches, r.p50.toFixed(1), r.p95.toFixed(1), r.max.toFixed(0), r.postgresMs.toFixed(1), (r.p50 / r.postgresMs).toFixed(1), TARGET_MS, verdict(r.p95), decodeURIComponent(r.slowest)]),
    ),
    "",
    `Profile, coverage and spend (loadProcurementProfile: six statements in parallel, as the profile page runs them, the coverage note among them; readCoverage alone; readTablePage(spendTable): a page + the exact count), ${RUNS} runs after ${WARMUP} warm-up:`,
    "",
    table(
      ["query", "first input has", "p50 ms", "p95 ms", "max ms", "target ms", "result", "slowest input"],
      others.map((r) => [r.name, r.matches, r.p50.toFixed(1), r.p95.toFixed(1), r.max.toFixed(0), TARGET_MS, verdict(r.p95), r.slowest]),
    ),
    "",
    `CSV exports (exportOrganisations, exportNotices; streamed and read to the end or cancelled after N rows), target ${EXPORT_TARGET_S} s for 100,000 rows with flat memory.`,
    `"COPY s": PostgreSQL's own \`COPY (the same query LIMIT rows) TO STDOUT WITH CSV\` through pg-copy-streams into a sink, right after the export; "ratio": seconds / that, target ${EXPORT_COPY_RATIO}x:`,
    "",
    table(
      ["export", "filter", "rows", "MB of CSV", "seconds", "COPY s", "ratio", "peak RSS MB", "RSS growth MB", "heap delta MB"],
      exports.map((e) => [e.label, e.params, e.rows.toLocaleString("en-GB"), (e.bytes / MB).toFixed(1), e.seconds.toFixed(2), e.copySeconds?.toFixed(2) ?? "", copyRatio(e), e.peakRssMb.toFixed(0), e.rssGrowthMb.toFixed(0), e.heapDeltaMb.toFixed(1)]),
    ),
    "",
  ];
  const hundredK = (label: string) => {
    // A COPY export stops at the chunk holding the 100,000th row, a little past it
    const e = exports.find((x) => x.label === label && x.limit === 100_000);
    if (!e) return "not measured";
    const ratio = e.copySeconds ? `, ${copyRatio(e)} COPY (${e.seconds / e.copySeconds <= EXPORT_COPY_RATIO ? "pass" : "FAIL"})` : "";
    return `${e.seconds.toFixed(2)} s (${e.seconds < EXPORT_TARGET_S ? "pass" : "FAIL"})${ratio}`;
  };
  const noticeMisses = notices.filter((r) => r.p95 >= TARGET_MS);
  const otherMisses = others.filter((r) => r.p95 >= TARGET_MS);
  report.push(
    `Explorer queries: ${results.length - misses.length}/${results.length} at p95 <= ${EXPLORER_TARGET_MS} ms and <= ${EXPLORER_RATIO_TARGET}x PostgreSQL's time${misses.length ? ` (MISSED: ${misses.map((r) => r.name).join("; ")})` : ""}. Notices: ${notices.length - noticeMisses.length}/${notices.length}. Profile, coverage and spend: ${others.length - otherMisses.length}/${others.length}.`,
    `Export of 100,000 rows: organisations ${hundredK("organisations")}, notices ${hundredK("notices")}.`,
    "",
    ...detectionLines(detection),
    `Total bench time: ${seconds(performance.now() - started)} s`,
  );
  log(report.join("\n"));

  // ---------- why a query misses ----------

  const showPlan = (label: string, explained: Explained) => log(`${label} query:\n${planSummary(explained.lines, EXPLAIN_FULL).map((l) => `  ${l}`).join("\n")}`);
  if (misses.length || noticeMisses.length) log(`\nEXPLAIN ANALYZE of the queries over target${EXPLAIN_FULL ? "" : " (summary; --explain for the full plans)"}:`);
  for (const miss of noticeMisses) {
    log(`\n-- ${miss.name}, slowest input: ${decodeURIComponent(miss.explained.input)}`);
    showPlan("page", miss.explained.page);
    if (miss.explained.count) showPlan("count", miss.explained.count);
  }
  if (misses.length) {
    for (const miss of misses) {
      const input = miss.slowest;
      const filters: ExplorerFilters = parseExplorerParams(new URLSearchParams(input.params));
      const compiled = await compileFilters(db, { teamId: input.team ?? "bench-team-1" }, filters);
      const statements = {
        page: pageQuery(compiled, { limit: input.limit ?? 50, offset: input.offset ?? 0 }).build(),
        count: countQuery(compiled).build(),
      };
      log(`\n-- ${miss.name}, slowest input: ${describe(input)}`);
      for (const [label, statement] of Object.entries(statements)) showPlan(label, await explain(sqlClient, statement, SEARCH_THRESHOLD_SQL));
    }
  }
  }
  await sqlClient.end();
} catch (error) {
  exitCode = 1;
  console.error(error);
} finally {
  await db?.$disconnect();
  await pool?.end();
  await server.stop();
}
process.exit(exitCode);
