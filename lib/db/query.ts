// The one way to run composed SQL (lib/db/sql) as a read or report: one statement, one round trip,
// through the app's Prisma client or a transaction of it. Single-record reads and writes use the
// Prisma API; streams use the cursor pool (lib/db/pool). See docs/architecture.md.
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { Sql } from "@/lib/db/sql";

export type Queryable = Pick<PrismaClient, "$queryRawUnsafe" | "$executeRawUnsafe"> | Prisma.TransactionClient;

/** The rows of one composed statement. */
export async function queryRows<T>(db: Queryable, statement: Sql): Promise<T[]> {
  const { text, values } = statement.build();
  return db.$queryRawUnsafe<T[]>(text, ...values);
}

/**
 * The rows of one composed statement after session settings for it alone (`SET LOCAL ...`, fixed
 * text), in one transaction of their own so the settings never reach another query on the pool.
 */
export async function queryRowsWithSettings<T>(db: PrismaClient, settings: readonly string[], statement: Sql): Promise<T[]> {
  const { text, values } = statement.build();
  const results = await db.$transaction([...settings.map((setting) => db.$executeRawUnsafe(setting)), db.$queryRawUnsafe<T[]>(text, ...values)]);
  return results.at(-1) as T[];
}

/** Runs one composed statement that returns no rows; resolves to the number of rows it changed. */
export async function execute(db: Queryable, statement: Sql): Promise<number> {
  const { text, values } = statement.build();
  return db.$executeRawUnsafe(text, ...values);
}
