// Prepares the minimal handler's plan (scripts/bench-http/handler-server.ts) from the app's own code,
// so it runs the SAME SQL as the API:
// - the explorer list: the statements compileFilters/pageQuery/countQuery build for the request's
//   parameters, run as searchOrganisations runs them (a search's in a transaction with its threshold);
// - a profile: the statement the route's read sends (findOrganisationProfile, one for the whole
//   body), recorded at the driver as the Prisma client sends it, and replayed. Its JSON is the API's own answer
//   for that body, fetched once: the handler sends the same bytes without mapping the rows again.
import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { Db } from "../../lib/db/client";
import { compileFilters, countQuery, effectiveSort, pageQuery, parseExplorerParams } from "../../lib/organisations/explorer";
import { findOrganisationProfile } from "../../lib/organisations/profile";
import { explorerTable } from "../../lib/organisations/explorer";

export type Statement = { text: string; values: unknown[] };
export type HandlerPlan = {
  databaseUrl: string;
  port: number;
  poolSize: number;
  /** By query string ("?kind=icb") */
  explorer: Record<string, { page: Statement; count: Statement; window: { limit: number; offset: number }; sort: string; searches: boolean }>;
  profiles: Record<string, { statements: Statement[]; json: unknown }>;
};

/** The statements `work` sends through node-postgres (which the Prisma adapter uses), in order. */
async function recordStatements(work: () => Promise<unknown>): Promise<Statement[]> {
  const recorded: Statement[] = [];
  const query = pg.Client.prototype.query;
  const patched = function (this: pg.Client, ...args: unknown[]) {
    const [config, values] = args as [string | { text: string; values?: unknown[] }, unknown];
    recorded.push(typeof config === "string" ? { text: config, values: Array.isArray(values) ? values : [] } : { text: config.text, values: config.values ?? [] });
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  };
  pg.Client.prototype.query = patched as typeof query;
  try {
    await work();
  } finally {
    pg.Client.prototype.query = query;
  }
  return recorded;
}

export async function explorerPlan(db: Db, teamId: string, search: string) {
  const params = new URLSearchParams(search);
  const filters = parseExplorerParams(params);
  const compiled = await compileFilters(db, { teamId }, filters);
  const window = { limit: Number(params.get("limit") ?? explorerTable.sizes.default), offset: 0 };
  return { page: pageQuery(compiled, window).build(), count: countQuery(compiled).build(), window, sort: effectiveSort(filters), searches: Boolean(filters.q) };
}

/** The statements of the profile route's read, to be replayed in the same order. */
export async function profilePlan(db: Db, code: string, json: unknown) {
  let found = false;
  const statements = await recordStatements(async () => (found = (await findOrganisationProfile(db, code)) !== null));
  if (!found) throw new Error(`No body ${code} in atlas_bench`);
  return { statements, json };
}

export async function startHandler(plan: HandlerPlan, workDir: string): Promise<ChildProcess> {
  const planFile = path.join(workDir, "handler-plan.json");
  writeFileSync(planFile, JSON.stringify(plan));
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "handler-server.ts"), planFile], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the minimal handler exited (${code})`)));
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("listening") && resolve());
  });
  return child;
}
