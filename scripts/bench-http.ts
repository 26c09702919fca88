// npm run bench:http: load over HTTP (autocannon) on the production build, on npm run bench's 100x
// data (atlas_bench, which it never migrates, imports into or regenerates: run npm run bench first).
// Each request at 1, 16 and 64 connections: the app (`next start`, a bearer token, the dashboard
// with a session cookie) beside a minimal node:http + pg handler that runs the same SQL (the limit
// for this stack); then a second instance on the same database, load split round-robin between the
// two, and checks that sessions, throttles and export locks hold across instances. See docs/benchmarks.md.
//
//   npm run bench:http                    3 s per run (with npm run bench, within 10 minutes on 2 cores)
//   npm run bench:http -- --seconds 10    longer runs
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { appPoolSize, createPrismaClient } from "../lib/db/client";
import { findFreePort } from "../lib/db/embedded";
import { listMigrations } from "../lib/db/migrate";
import { exportPoolSize } from "../lib/db/pool";
import { openBenchServer } from "./bench/database";
import { GENERATION_VERSION, readMarker } from "./bench/generate";
import { machine, table } from "./bench/measure";
import { benchCaller, endBenchCaller, EXPORT_TEAMS } from "./bench-http/fixtures";
import { explorerPlan, profilePlan, startHandler, type HandlerPlan } from "./bench-http/handler";
import { acrossInstances, startInstance, stopInstance, type Instance } from "./bench-http/instances";
import { runLoad, warmUp, type LoadCase, type LoadResult } from "./bench-http/load";
import { buildIfNeeded } from "./next-build";

const args = process.argv.slice(2);
const at = args.indexOf("--seconds");
const SECONDS = at >= 0 ? Number(args[at + 1]) : 3;
if (!Number.isInteger(SECONDS) || SECONDS < 1) throw new Error("--seconds needs a whole number");
const CONNECTIONS = [1, 16, 64];
const TARGET_P95_MS = 50;
const TARGET_RATIO = 0.5;
const DIST_DIR = ".next-bench";
const log = (line: string) => console.log(line);
// No response at all within a run (the dashboard under load) has no percentiles
const ms = (value: number) => (Number.isNaN(value) ? "-" : value.toFixed(1));
const started = performance.now();

const server = await openBenchServer(log);
const admin = new pg.Client({ connectionString: server.url });
const instances: Instance[] = [];
let handler: Awaited<ReturnType<typeof startHandler>> | null = null;
let db: ReturnType<typeof createPrismaClient> | null = null;
let userId: string | null = null;
let exitCode = 0;
try {
  if (!(await server.exists())) throw new Error("atlas_bench does not exist: run npm run bench first (it generates the 100x data)");
  await admin.connect();
  const marker = await readMarker(admin);
  if (marker?.version !== GENERATION_VERSION) throw new Error(`atlas_bench holds no finished generation of version ${GENERATION_VERSION}: run npm run bench first`);
  const applied = new Set((await admin.query<{ name: string }>("SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL")).rows.map((r) => r.name));
  const pending = listMigrations().filter((m) => !applied.has(m.name));
  if (pending.length) throw new Error(`atlas_bench lacks migrations ${pending.map((m) => m.name).join(", ")}: run npm run bench first (it migrates)`);
  log(`[bench:http] database: ${server.where}, generated ${marker.generatedAt}`);

  const secret = randomBytes(32).toString("base64url");
  process.env.NEXTAUTH_SECRET = secret;
  const env = { ...process.env, DATABASE_URL: server.url, NEXTAUTH_SECRET: secret, NODE_ENV: "production" as const, ATLAS_DIST_DIR: DIST_DIR };
  buildIfNeeded(env, DIST_DIR, { quiet: true });

  db = createPrismaClient(server.url);
  const caller = await benchCaller(db, secret);
  userId = caller.userId;
  const bearer = { authorization: `Bearer ${caller.token}` };
  instances.push(await startInstance(env));
  const [a] = instances;
  log(`[bench:http] app up on ${a!.url} (pool ${appPoolSize()} + export pool ${exportPoolSize()} connections)`);

  // ---------- the requests ----------

  type Case = LoadCase & { name: string; limit: boolean };
  const explorerSearches = { list: "?kind=icb", large: "?kind=gp-practice&nation=england", search: `?q=${encodeURIComponent("leeds teaching hospitals")}` };
  const profileCode = "QYG";
  const cases: Case[] = [
    { name: "explorer list kind=icb", path: `/api/v1/organisations${explorerSearches.list}`, headers: bearer, limit: true },
    { name: "explorer list kind=gp-practice&nation=england", path: `/api/v1/organisations${explorerSearches.large}`, headers: bearer, limit: true },
    { name: "search q=leeds teaching hospitals", path: `/api/v1/organisations${explorerSearches.search}`, headers: bearer, limit: true },
    { name: `profile ${profileCode}`, path: `/api/v1/organisations/${profileCode}`, headers: bearer, limit: true },
    // Two connections per team: EXPORT_TEAMS teams hold the 64 connections' exports within each team's two slots
    { name: "CSV export kind=icb", path: "/api/v1/organisations?kind=icb&format=csv", headers: {}, headersFor: (i) => ({ authorization: `Bearer ${caller.exportTokens[Math.floor(i / 2) % EXPORT_TEAMS]}` }), limit: false },
    // Next's own floor: no authentication, one query
    { name: "health (no auth)", path: "/api/health", headers: {}, limit: false },
  ];
  // Measured last, after two instances: its statements outlive a run that ends under load and would
  // weigh on whatever is measured next
  const dashboard: Case = { name: "dashboard page (session cookie)", path: "/", headers: { cookie: caller.cookie }, limit: false };

  // ---------- the minimal handler ----------

  const profileJson = await (await fetch(`${a!.url}/api/v1/organisations/${profileCode}`, { headers: bearer })).json();
  const plan: HandlerPlan = { databaseUrl: server.url, port: 0, poolSize: appPoolSize(), explorer: {}, profiles: { [profileCode]: await profilePlan(db, profileCode, profileJson) } };
  const teamId = (await db.apiToken.findFirstOrThrow({ where: { userId, revokedAt: null }, orderBy: { createdAt: "asc" }, select: { teamId: true } })).teamId;
  for (const search of Object.values(explorerSearches)) plan.explorer[search] = await explorerPlan(db, teamId, search);
  plan.port = await findFreePort();
  const workDir = path.join(process.cwd(), ".data");
  mkdirSync(workDir, { recursive: true });
  handler = await startHandler(plan, workDir);
  const handlerUrl = `http://127.0.0.1:${plan.port}`;
  // The same JSON from both, or the comparison means nothing
  for (const c of cases.filter((x) => x.limit)) {
    const [fromApp, fromHandler] = await Promise.all([a!.url, handlerUrl].map(async (u) => JSON.stringify(await (await fetch(`${u}${c.path}`, { headers: c.headers })).json())));
    if (fromApp !== fromHandler) throw new Error(`The minimal handler's JSON for ${c.path} differs from the API's:\n${fromApp!.slice(0, 400)}\n${fromHandler!.slice(0, 400)}`);
  }
  log(`[bench:http] minimal handler up on ${handlerUrl}: the same JSON as the API for ${cases.filter((x) => x.limit).length} requests`);

  // ---------- one instance ----------

  const loadBefore = os.loadavg();
  type Row = { name: string; target: string; result: LoadResult };
  const rows: Row[] = [];
  const measure = async (name: string, target: string, urls: string[], c: LoadCase, connections: number) => {
    const result = await runLoad(urls, c, connections, SECONDS);
    rows.push({ name, target, result });
    log(`[bench:http]   ${name}, ${target}, ${connections} conn: ${result.rps.toFixed(0)} req/s, p50 ${ms(result.p50)} ms, p95 ${ms(result.p95)} ms, p99 ${ms(result.p99)} ms${Object.keys(result.statuses).length ? `, non-2xx ${JSON.stringify(result.statuses)}` : ""}${result.errors ? `, errors ${result.errors}` : ""}`);
    return result;
  };
  log(`[bench:http] ${cases.length} requests at ${CONNECTIONS.join(", ")} connections, ${SECONDS} s each`);
  for (const c of cases) {
    await warmUp([a!.url], c);
    if (c.limit) await warmUp([handlerUrl], c);
    for (const connections of CONNECTIONS) {
      await measure(c.name, "app", [a!.url], c, connections);
      if (c.limit) await measure(c.name, "handler", [handlerUrl], c, connections);
    }
  }

  // ---------- two instances ----------

  instances.push(await startInstance(env));
  const b = instances[1]!;
  log(`[bench:http] second instance up on ${b.url}; what holds across the two:`);
  const checks = await acrossInstances(a!.url, b.url, caller.exportTokens[0]!);
  for (const check of checks) log(`[bench:http]   ${check.held ? "holds" : "FAILS"}: ${check.name} (${check.detail})`);
  const scaled = cases.filter((c) => c.name.startsWith("explorer list kind=icb") || c.name.startsWith("profile"));
  for (const c of scaled) {
    await warmUp([b.url], c);
    for (const connections of [16, 64]) await measure(c.name, "2 instances", [a!.url, b.url], c, connections);
  }
  await warmUp([a!.url], dashboard, 2);
  for (const connections of CONNECTIONS) await measure(dashboard.name, "app", [a!.url], dashboard, connections);
  const loadAfter = os.loadavg();

  // ---------- the report ----------

  const find = (name: string, target: string, connections: number) => rows.find((r) => r.name === name && r.target === target && r.result.connections === connections)?.result;
  const failures = (r: LoadResult) => Object.entries(r.statuses).filter(([s]) => s.startsWith("5")).reduce((n, [, count]) => n + count, 0) + r.errors;
  const m = machine();
  const report = [
    "",
    `Commissioning Atlas HTTP benchmark, ${new Date().toISOString().replace("T", " ").slice(0, 16)} UTC`,
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.ramGb.toFixed(0)} GB RAM, ${m.os}; Node ${m.node}`,
    `Load average (1 min) at start / end of the runs: ${loadBefore[0]!.toFixed(2)} / ${loadAfter[0]!.toFixed(2)}; autocannon runs on the same cores as the app and PostgreSQL`,
    `Each run: ${SECONDS} s; app pool ${appPoolSize()}, export pool ${exportPoolSize()} connections per instance; the handler's pg pool ${appPoolSize()}`,
    "",
    table(
      ["request", "server", "conn", "req/s", "p50 ms", "p95 ms", "p99 ms", "non-2xx", "errors"],
      rows.map(({ name, target, result: r }) => [name, target, String(r.connections), r.rps.toFixed(0), ms(r.p50), ms(r.p95), ms(r.p99), Object.entries(r.statuses).map(([s, n]) => `${s}: ${n}`).join(", ") || "0", String(r.errors)]),
    ),
    "",
    `At 16 connections (targets: app >= ${TARGET_RATIO * 100}% of the handler's throughput, API p95 <= ${TARGET_P95_MS} ms):`,
  ];
  for (const c of cases.filter((x) => x.limit)) {
    const app = find(c.name, "app", 16)!;
    const limit = find(c.name, "handler", 16)!;
    const ratio = app.okRps / limit.okRps;
    report.push(`  ${c.name}: ${(ratio * 100).toFixed(0)}% of the handler (${ratio >= TARGET_RATIO ? "pass" : "FAIL"}), p95 ${app.p95.toFixed(1)} ms (${app.p95 <= TARGET_P95_MS ? "pass" : "FAIL"})`);
  }
  const at64 = rows.filter((r) => r.target !== "handler" && r.result.connections === 64);
  const failed = at64.filter((r) => failures(r.result) > 0);
  report.push(`At 64 connections: ${failed.length ? `FAIL, ${failed.map((r) => `${r.name} (${r.target}) ${failures(r.result)} failed`).join("; ")}` : "no request failed (no 5xx, no connection error)"}; 429s of the export would be its per-team limit, reported above, not failures`);
  // Every connection has one request in flight when a run stops: a request slower than the run is never counted
  const silent = rows.filter((r) => Number.isNaN(r.result.p50));
  if (silent.length) report.push(`No response within the ${SECONDS} s run (neither success nor failure counted): ${silent.map((r) => `${r.name} (${r.target}, ${r.result.connections} conn)`).join("; ")}`);
  report.push("Two instances (round-robin in autocannon) against one:");
  for (const c of scaled) {
    for (const connections of [16, 64]) {
      const one = find(c.name, "app", connections)!;
      const two = find(c.name, "2 instances", connections)!;
      report.push(`  ${c.name}, ${connections} conn: ${one.okRps.toFixed(0)} -> ${two.okRps.toFixed(0)} req/s (x${(two.okRps / one.okRps).toFixed(2)})`);
    }
  }
  report.push(`Across instances: ${checks.map((c) => `${c.name}: ${c.held ? "holds" : "FAILS"}`).join("; ")}`);
  report.push(`Total bench:http time: ${((performance.now() - started) / 1000).toFixed(0)} s`);
  log(report.join("\n"));
  if (checks.some((c) => !c.held)) exitCode = 1;
} catch (error) {
  exitCode = 1;
  console.error(error);
} finally {
  if (db && userId) await endBenchCaller(db, userId).catch((e: unknown) => console.error(e));
  await db?.$disconnect();
  await admin.end().catch(() => {});
  handler?.kill("SIGTERM");
  for (const instance of instances) await stopInstance(instance);
  await server.stop();
}
process.exit(exitCode);
