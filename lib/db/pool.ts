import pg from "pg";
import { millisecondsFromEnv } from "./client";

const globalForPool = globalThis as unknown as { atlasPool?: pg.Pool; atlasPoolUrl?: string };

/**
 * node-postgres pool for what Prisma does not do: server-side cursors for streamed exports. An
 * export may read for longer than a request (EXPORT_STATEMENT_TIMEOUT_MS, 120 s), but waits at
 * most DB_CONNECT_TIMEOUT_MS (5 s) for a connection rather than queueing forever.
 */
export function getPool(): pg.Pool {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  if (!globalForPool.atlasPool || globalForPool.atlasPoolUrl !== url) {
    void globalForPool.atlasPool?.end();
    globalForPool.atlasPool = new pg.Pool({
      connectionString: url,
      max: 5,
      statement_timeout: millisecondsFromEnv("EXPORT_STATEMENT_TIMEOUT_MS", 120_000),
      connectionTimeoutMillis: millisecondsFromEnv("DB_CONNECT_TIMEOUT_MS", 5000),
    });
    // An idle connection dropped by the server (restart, failover) must not crash the process
    globalForPool.atlasPool.on("error", (error) => console.warn(`[db] idle export connection closed: ${error.message}`));
    globalForPool.atlasPoolUrl = url;
  }
  return globalForPool.atlasPool;
}

/**
 * Runs a query through a server-side cursor in a read-only transaction and yields its rows in
 * batches: memory stays at one batch whatever the result size.
 */
export async function* cursorBatches<Row>(pool: pg.Pool, query: { text: string; values: unknown[] }, options: { batchSize?: number; setup?: string[] } = {}): AsyncGenerator<Row[]> {
  const batchSize = options.batchSize ?? 2000;
  const client = await pool.connect();
  let open = false;
  try {
    await client.query("BEGIN READ ONLY");
    open = true;
    for (const statement of options.setup ?? []) await client.query(statement);
    await client.query({ text: `DECLARE atlas_export NO SCROLL CURSOR FOR ${query.text}`, values: query.values });
    while (true) {
      const { rows } = await client.query<Row & pg.QueryResultRow>(`FETCH ${batchSize} FROM atlas_export`);
      if (rows.length === 0) break;
      yield rows;
    }
    await client.query("COMMIT");
    open = false;
  } finally {
    if (open) await client.query("ROLLBACK").catch(() => {});
    client.release();
  }
}
