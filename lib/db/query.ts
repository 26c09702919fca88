// The one way to run composed SQL (lib/db/sql) as a read or report: one statement, one round trip,
// through the app's Prisma client or a transaction of it. Single-record reads and writes use the
// Prisma API; streams use the cursor pool (lib/db/pool). See docs/architecture.md.
//
// On a client made by createPrismaClient the statement goes straight to the node-postgres pool
// under it (the same connections and time limits) with the values typed as Prisma's raw queries
// type them: Prisma's own per-statement work (its query plan, serialisation and tracing) cost
// about 1 ms of CPU per statement, 1.34 against 0.31 ms for 51 rows, more than most API
// statements take in PostgreSQL. A transaction client still goes through Prisma, inside its transaction.
import pg from "pg";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { poolOf } from "@/lib/db/client";
import type { Sql } from "@/lib/db/sql";

export type Queryable = Pick<PrismaClient, "$queryRawUnsafe" | "$executeRawUnsafe"> | Prisma.TransactionClient;

// Result types as Prisma's $queryRaw gives them where node-postgres differs: bigint and oid as
// BigInt, numeric as Decimal, date and timestamp (stored as UTC) as UTC Dates whatever the
// process's time zone, time as a Date on 1 January 1970, bytea as a plain Uint8Array
const arrayOf = (element: (text: string) => unknown) => {
  // text[]'s parser (1009): the elements as strings, nulls as null
  const parseArray = (pg.types.getTypeParser as (oid: number) => (text: string) => unknown)(1009);
  return (text: string) => (parseArray(text) as (string | null)[]).map((v) => (v === null ? null : element(v)));
};
const bigint = (text: string) => BigInt(text);
const decimal = (text: string) => new Prisma.Decimal(text);
const date = (text: string) => new Date(text);
const timestamp = (text: string) => new Date(`${text.replace(" ", "T")}+00:00`);
const time = (text: string) => new Date(`1970-01-01T${text}Z`);
const parseBytes = pg.types.getTypeParser(17) as (text: string) => Buffer;
const bytes = (text: string) => {
  const buffer = parseBytes(text);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
};
const PRISMA_TYPES: Record<number, (text: string) => unknown> = {
  20: bigint,
  26: bigint,
  1016: arrayOf(bigint),
  1700: decimal,
  1231: arrayOf(decimal),
  1082: date,
  1182: arrayOf(date),
  1114: timestamp,
  1115: arrayOf(timestamp),
  1083: time,
  1183: arrayOf(time),
  17: bytes,
};
const types = { getTypeParser: (oid: number, format?: string) => (format !== "binary" && PRISMA_TYPES[oid]) || pg.types.getTypeParser(oid, format as "text") };

/** A value as Prisma sends it: a Date in UTC (timestamp columns hold UTC), a Decimal as its digits. */
function argument(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Prisma.Decimal.isDecimal(value)) return value.toString();
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(argument);
  return value;
}
const queryConfig = (text: string, values: unknown[]): pg.QueryConfig => ({ text, values: values.map(argument), types } as pg.QueryConfig);

/** The rows of one composed statement. */
export async function queryRows<T>(db: Queryable, statement: Sql): Promise<T[]> {
  const { text, values } = statement.build();
  const pool = poolOf(db);
  if (pool) return (await pool.query(queryConfig(text, values))).rows as T[];
  return db.$queryRawUnsafe<T[]>(text, ...values);
}

/**
 * The rows of one composed statement after session settings for it alone (`SET LOCAL ...`, fixed
 * text), in one transaction of their own so the settings never reach another query on the pool.
 * On the pool, BEGIN and the settings go in one round trip (a simple query of fixed text).
 */
export async function queryRowsWithSettings<T>(db: PrismaClient, settings: readonly string[], statement: Sql): Promise<T[]> {
  const { text, values } = statement.build();
  const pool = poolOf(db);
  if (!pool) {
    const results = await db.$transaction([...settings.map((setting) => db.$executeRawUnsafe(setting)), db.$queryRawUnsafe<T[]>(text, ...values)]);
    return results.at(-1) as T[];
  }
  return inPoolTransaction(db, async (client) => (await client.query(queryConfig(text, values))).rows as T[], settings);
}

/**
 * Runs `work` in one transaction on a connection of the pool under `db` (BEGIN and the `settings`,
 * `SET LOCAL ...` of fixed text, in one round trip), for work that hands that connection to another
 * library, as pg-boss's `db` option takes it, so the library's rows and ours commit together.
 */
export async function inPoolTransaction<T>(db: PrismaClient, work: (client: pg.PoolClient) => Promise<T>, settings: readonly string[] = []): Promise<T> {
  const pool = poolOf(db);
  if (!pool) throw new Error("inPoolTransaction needs a client made by createPrismaClient (it runs on the pool under it)");
  const client = await pool.connect();
  try {
    await client.query(["BEGIN", ...settings].join("; "));
    const result = await work(client);
    await client.query("COMMIT");
    client.release();
    return result;
  } catch (error) {
    // A connection left mid-transaction must not go back to the pool
    await client.query("ROLLBACK").then(
      () => client.release(),
      (lost: Error) => client.release(lost),
    );
    throw error;
  }
}

/** The rows of one composed statement on a connection of inPoolTransaction, with the same types as queryRows. */
export async function clientRows<T>(client: pg.PoolClient, statement: Sql): Promise<T[]> {
  const { text, values } = statement.build();
  return (await client.query(queryConfig(text, values))).rows as T[];
}

/** One composed statement on a connection of inPoolTransaction; resolves to the number of rows it changed. */
export async function clientExecute(client: pg.PoolClient, statement: Sql): Promise<number> {
  const { text, values } = statement.build();
  return (await client.query(queryConfig(text, values))).rowCount ?? 0;
}

/** Runs one composed statement that returns no rows; resolves to the number of rows it changed. */
export async function execute(db: Queryable, statement: Sql): Promise<number> {
  const { text, values } = statement.build();
  const pool = poolOf(db);
  if (pool) return (await pool.query(queryConfig(text, values))).rowCount ?? 0;
  return db.$executeRawUnsafe(text, ...values);
}
