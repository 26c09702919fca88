// The limit for this stack: a bare node:http server with one `pg` Pool (no framework, no
// authentication) that answers the explorer list and a profile with the statements the API runs,
// prepared by scripts/bench-http/handler.ts. Run as its own process so that it, like the app, has
// a core's event loop to itself: `tsx scripts/bench-http/handler-server.ts <plan.json>`.
import { readFileSync } from "node:fs";
import http from "node:http";
import pg from "pg";
import { COUNT_CAP, explorerRowToJson, SEARCH_THRESHOLD_SQL, type ExplorerRow } from "../../lib/organisations/explorer";
import { cappedSlice, encodeCursor } from "../../lib/tables/server";
import type { HandlerPlan, Statement } from "./handler";

const plan = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as HandlerPlan;
const pool = new pg.Pool({ connectionString: plan.databaseUrl, max: plan.poolSize });

/** As searchOrganisations: a search under its threshold in a transaction (lib/db/query.ts queryRowsWithSettings), anything else as one statement. */
async function withSearchThreshold<Row extends pg.QueryResultRow>(statement: Statement, searches: boolean): Promise<Row[]> {
  if (!searches) return (await pool.query<Row>(statement)).rows;
  const client = await pool.connect();
  try {
    await client.query(`BEGIN; ${SEARCH_THRESHOLD_SQL}`);
    const { rows } = await client.query<Row>(statement);
    await client.query("COMMIT");
    return rows;
  } finally {
    client.release();
  }
}

async function explorerList(key: string) {
  const list = plan.explorer[key];
  if (!list) return null;
  const fetched = await withSearchThreshold<ExplorerRow & { total?: number }>(list.page, list.searches);
  const searchTotal = fetched[0]?.total;
  for (const row of fetched) delete row.total;
  const slice = await cappedSlice(fetched, list.window, COUNT_CAP, async () => (await withSearchThreshold<{ total: number }>(list.count, list.searches))[0]?.total ?? 0, searchTotal);
  return { data: slice.rows.map(explorerRowToJson), total: slice.total, total_exact: slice.totalExact, next_cursor: slice.nextOffset === null ? null : encodeCursor(slice.nextOffset, list.sort) };
}

async function profile(code: string) {
  const found = plan.profiles[code];
  if (!found) return null;
  for (const statement of found.statements) await pool.query(statement);
  return found.json;
}

const server = http.createServer((request, response) => {
  const url = new URL(request.url ?? "/", "http://handler");
  const code = /^\/api\/v1\/organisations\/([^/]+)$/.exec(url.pathname)?.[1];
  const work = code ? profile(decodeURIComponent(code)) : url.pathname === "/api/v1/organisations" ? explorerList(url.search) : Promise.resolve(null);
  work.then(
    (body) => {
      response.writeHead(body ? 200 : 404, { "content-type": "application/json", "cache-control": "no-store" });
      response.end(JSON.stringify(body ?? { error: { code: "not-found" } }));
    },
    (error: Error) => {
      response.writeHead(503, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: { code: "unavailable", message: error.message } }));
    },
  );
});
server.listen(plan.port, "127.0.0.1", () => console.log(`[handler] listening on ${plan.port}`));
process.on("SIGTERM", () => server.close(() => void pool.end().then(() => process.exit(0))));
