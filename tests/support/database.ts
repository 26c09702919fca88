import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { createPrismaClient, type Db } from "../../lib/db/client";

export type TestDatabase = { url: string; db: Db; drop(): Promise<void>; useAsAppDatabase(): void };

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject("adminUrl") });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database for one test file: a copy of the template (migrated, real reference data
 * imported), or an empty database when `empty` is set.
 */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const name = `atlas_test_${randomBytes(6).toString("hex")}`;
  await admin((c) => c.query(options.empty ? `CREATE DATABASE ${name}` : `CREATE DATABASE ${name} TEMPLATE ${inject("templateDatabase")}`));
  const url = new URL(inject("adminUrl"));
  url.pathname = `/${name}`;
  const db = createPrismaClient(url.toString());
  return {
    url: url.toString(),
    db,
    /** Points getDb() (used by route handlers and actions) at this database */
    useAsAppDatabase: () => {
      process.env.DATABASE_URL = url.toString();
      (globalThis as { atlasPrisma?: unknown }).atlasPrisma = db;
    },
    drop: async () => {
      await db.$disconnect();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
