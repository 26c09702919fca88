import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

export type Db = PrismaClient;

/** A positive whole number from the environment (a pool size, a time limit), or its default. */
export function positiveIntegerFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** A time limit in milliseconds from the environment, or its default. */
export const millisecondsFromEnv = positiveIntegerFromEnv;

/** DB_POOL_SIZE: connections of one app process's request pool (default 10, node-postgres's own). */
export const appPoolSize = () => positiveIntegerFromEnv("DB_POOL_SIZE", 10);

/**
 * Scripts (imports, migrations) get no time limit; the app passes `statementTimeoutMs`, so one
 * slow query cannot hold a connection (and the request) for longer: PostgreSQL cancels it and the
 * API answers 503 (lib/db/failures.ts). Requests beyond DB_POOL_SIZE queue for a connection for at
 * most DB_CONNECT_TIMEOUT_MS, then answer 503 too: a burst waits, it never fails with a 500.
 */
export function createPrismaClient(connectionString: string, options: { statementTimeoutMs?: number } = {}): PrismaClient {
  const limits = options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs, max: appPoolSize(), connectionTimeoutMillis: millisecondsFromEnv("DB_CONNECT_TIMEOUT_MS", 5000) } : {};
  const pool = new pg.Pool({ connectionString, ...limits });
  // An idle connection dropped by the server (restart, failover) must not crash the process; the
  // adapter listens too, but only once Prisma itself has run a query
  pool.on("error", (error) => console.warn(`[db] idle connection closed: ${error.message}`));
  // The pool is the client's: $disconnect ends it, as it ended the adapter's own
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  poolOfClient.set(client, pool);
  return client;
}

const poolOfClient = new WeakMap<PrismaClient, pg.Pool>();

/**
 * The node-postgres pool under a client made by createPrismaClient (same connections, same time
 * limits), for lib/db/query.ts; null for anything else, such as an interactive transaction.
 */
export const poolOf = (db: unknown): pg.Pool | null => poolOfClient.get(db as PrismaClient) ?? null;

/** The client the app's requests use: every statement limited to DB_STATEMENT_TIMEOUT_MS (5 s). */
export const createAppPrismaClient = (connectionString: string) => createPrismaClient(connectionString, { statementTimeoutMs: millisecondsFromEnv("DB_STATEMENT_TIMEOUT_MS", 5000) });

const globalForPrisma = globalThis as unknown as { atlasPrisma?: PrismaClient };

/** The app's one Prisma client (kept on globalThis so dev-server reloads do not open new pools). */
export function getDb(): PrismaClient {
  if (!globalForPrisma.atlasPrisma) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm start`, which sets it for the embedded database.");
    globalForPrisma.atlasPrisma = createAppPrismaClient(url);
  }
  return globalForPrisma.atlasPrisma;
}
