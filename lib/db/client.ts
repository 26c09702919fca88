import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

export type Db = PrismaClient;

/** A time limit in milliseconds from the environment, or its default. */
export function millisecondsFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/**
 * Scripts (imports, migrations) get no time limit; the app passes `statementTimeoutMs`, so one
 * slow query cannot hold a connection (and the request) for longer: PostgreSQL cancels it and the
 * API answers 503 (lib/db/failures.ts).
 */
export function createPrismaClient(connectionString: string, options: { statementTimeoutMs?: number } = {}): PrismaClient {
  const limits = options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs, connectionTimeoutMillis: millisecondsFromEnv("DB_CONNECT_TIMEOUT_MS", 5000) } : {};
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, ...limits }) });
}

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
