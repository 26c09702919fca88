import pg from "pg";
import { AppError } from "@/lib/errors";
import { millisecondsFromEnv, positiveIntegerFromEnv } from "./client";
import { sql } from "./sql";

/** EXPORT_POOL_SIZE: connections of one app process's export pool (default 5); each export holds one while it streams. */
export const exportPoolSize = () => positiveIntegerFromEnv("EXPORT_POOL_SIZE", 5);

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
      max: exportPoolSize(),
      statement_timeout: millisecondsFromEnv("EXPORT_STATEMENT_TIMEOUT_MS", 120_000),
      connectionTimeoutMillis: millisecondsFromEnv("DB_CONNECT_TIMEOUT_MS", 5000),
    });
    // An idle connection dropped by the server (restart, failover) must not crash the process
    globalForPool.atlasPool.on("error", (error) => console.warn(`[db] idle export connection closed: ${error.message}`));
    globalForPool.atlasPoolUrl = url;
  }
  return globalForPool.atlasPool;
}

/** EXPORT_CONCURRENCY_PER_TEAM: how many exports one team may stream at once (default 2). */
export function exportConcurrencyPerTeam(): number {
  const raw = process.env.EXPORT_CONCURRENCY_PER_TEAM?.trim();
  if (!raw) return 2;
  if (!/^[1-9]\d*$/.test(raw)) throw new Error(`EXPORT_CONCURRENCY_PER_TEAM must be a positive whole number, not "${raw}".`);
  return Number(raw);
}

/** What an export streams from: the export pool, within the slots of the team asking. */
export type ExportSource = { pool: pg.Pool; teamId: string; /** The request's: a client that goes away frees its slot */ signal?: AbortSignal };

export const exportSource = (teamId: string, signal?: AbortSignal): ExportSource => ({ pool: getPool(), teamId, signal });

const EXPORT_RETRY_SECONDS = 10;

type Query = { text: string; values: unknown[] };

/** A team's export slot: the connection that holds it, and the statement that frees it. */
export type ExportSlot = { client: pg.PoolClient; unlock: Query };

/**
 * One of the team's export slots, as a PostgreSQL advisory lock on (team, slot) held by the session
 * of the connection the export then streams on: the count holds across every app process, and the
 * lock goes with the connection if it dies. All slots busy is a 429 with Retry-After.
 */
export async function takeExportSlot(source: ExportSource): Promise<ExportSlot> {
  const slots = exportConcurrencyPerTeam();
  const key = `atlas-export:${source.teamId}`;
  const client = await source.pool.connect();
  try {
    for (let slot = 0; slot < slots; slot++) {
      const { rows } = await client.query<{ held: boolean }>(sql`SELECT pg_try_advisory_lock(hashtext(${key}), ${slot}) AS held`.build());
      if (rows[0]?.held) return { client, unlock: sql`SELECT pg_advisory_unlock(hashtext(${key}), ${slot})`.build() };
    }
  } catch (error) {
    client.release(error as Error);
    throw error;
  }
  client.release();
  throw new AppError("throttled", `Your team already has ${slots} exports running. Try again when one has finished.`, {}, EXPORT_RETRY_SECONDS);
}

/**
 * Takes one of the team's export slots (or answers 429, before any byte is sent), then runs a query
 * through a server-side cursor in a read-only transaction on that slot's connection and yields its
 * rows in batches: memory stays at one batch whatever the result size. The slot and the connection
 * are given back when the rows end or fail, when the reader stops (return(), which a cancelled
 * download calls, even before the first batch), or when the request is aborted; by then the
 * returned promise has settled, so the next export finds the slot free.
 */
export async function cursorBatches<Row>(source: ExportSource, query: Query, options: { batchSize?: number; setup?: string[] } = {}): Promise<AsyncIterableIterator<Row[]>> {
  const { client, unlock } = await takeExportSlot(source);
  const rows = readCursor<Row>(client, query, options);
  let finished: Promise<void> | undefined;
  const onAbort = () => void finish();
  const finish = () =>
    (finished ??= (async () => {
      source.signal?.removeEventListener("abort", onAbort);
      // Queued behind a fetch in flight; ends the transaction if the cursor had started
      await rows.return(undefined);
      await giveBackExportSlot({ client, unlock });
    })());
  source.signal?.addEventListener("abort", onAbort, { once: true });
  if (source.signal?.aborted) onAbort();
  const batches: AsyncIterableIterator<Row[]> = {
    [Symbol.asyncIterator]: () => batches,
    async next() {
      if (finished) return { done: true, value: undefined };
      try {
        const next = await rows.next();
        if (next.done) await finish();
        return next;
      } catch (error) {
        await finish();
        throw error;
      }
    },
    async return() {
      await finish();
      return { done: true, value: undefined };
    },
  };
  return batches;
}

/** Frees the slot and returns its connection to the pool; `discard` closes the connection instead. */
export async function giveBackExportSlot({ client, unlock }: ExportSlot, discard?: Error): Promise<void> {
  await client.query(unlock).then(
    () => client.release(discard),
    // A connection that cannot unlock is closed, which drops its lock
    (error: Error) => client.release(error),
  );
}

async function* readCursor<Row>(client: pg.PoolClient, query: Query, options: { batchSize?: number; setup?: string[] }): AsyncGenerator<Row[]> {
  const batchSize = options.batchSize ?? 2000;
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
  }
}
