import pg from "pg";
import { AppError } from "@/lib/errors";
import { millisecondsFromEnv } from "./client";
import { sql } from "./sql";

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
export async function* cursorBatches<Row>(pool: ExportSource, query: { text: string; values: unknown[] }, options: { batchSize?: number; setup?: string[] } = {}): AsyncGenerator<Row[]> {
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

/** What cursorBatches reads from: the pool itself, or an export slot's one connection. */
export type ExportSource = { connect(): Promise<pg.PoolClient> };

const EXPORT_RETRY_SECONDS = 10;
// An export slot not streamed within this time (the handler failed before its first row, or the
// client never read) is given back, so a lost slot cannot block the team for good
const UNUSED_SLOT_MS = 30_000;

/**
 * One of the team's EXPORT_CONCURRENCY_PER_TEAM (2) export slots, held as a PostgreSQL advisory
 * lock on (team, slot) by the connection the export then streams on: the count holds across
 * every app process, and one team's slow exports use at most its own slots of the pool. All
 * slots busy answers 429 with Retry-After. The lock goes when the stream ends (or the connection
 * does).
 */
export async function exportSlot(pool: pg.Pool, teamId: string): Promise<ExportSource> {
  const slots = Math.max(1, Number(process.env.EXPORT_CONCURRENCY_PER_TEAM) || 2);
  const client = await pool.connect();
  try {
    for (let slot = 0; slot < slots; slot++) {
      const { text, values } = sql`SELECT pg_try_advisory_lock(hashtext(${`atlas-export:${teamId}`}), ${slot}) AS held`.build();
      const { rows } = await client.query<{ held: boolean }>(text, values);
      if (rows[0]?.held) return leased(client, sql`SELECT pg_advisory_unlock(hashtext(${`atlas-export:${teamId}`}), ${slot})`.build());
    }
  } catch (error) {
    client.release();
    throw error;
  }
  client.release();
  throw new AppError("throttled", `Your team already has ${slots} exports running. Try again when one has finished.`, {}, EXPORT_RETRY_SECONDS);
}

function leased(client: pg.PoolClient, unlock: { text: string; values: unknown[] }): ExportSource {
  const release = client.release.bind(client);
  let given = false;
  const giveBack = () => {
    if (given) return;
    given = true;
    clearTimeout(unused);
    client.release = release;
    client.query(unlock.text, unlock.values).then(
      () => release(),
      (error: Error) => release(error),
    );
  };
  const unused = setTimeout(giveBack, UNUSED_SLOT_MS).unref();
  return {
    connect: async () => {
      clearTimeout(unused);
      client.release = giveBack;
      return client;
    },
  };
}
