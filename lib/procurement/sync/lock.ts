// One sync per feed at a time, whichever process or machine starts it: a PostgreSQL session advisory
// lock, held on a connection of its own for the length of the run, so it is released when the run
// ends or its process dies (a crashed run never leaves the feed locked).
import pg from "pg";
import { sql } from "@/lib/db/sql";
import { PROCUREMENT_SOURCE_LABELS, type SyncSource } from "@/lib/procurement/vocabulary";

export class SyncLockedError extends Error {
  constructor(source: SyncSource) {
    super(`Another sync of ${PROCUREMENT_SOURCE_LABELS[source]} is running on this database: wait for it to finish, or stop it first.`);
    this.name = "SyncLockedError";
  }
}

/** Runs `run` holding the feed's lock; throws SyncLockedError at once when another run holds it. */
export async function withSyncLock<T>(databaseUrl: string, source: SyncSource, run: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { text, values } = sql`SELECT pg_try_advisory_lock(hashtext(${`procurement-sync:${source}`})) AS locked`.build();
    const { rows } = await client.query<{ locked: boolean }>(text, values);
    if (!rows[0]?.locked) throw new SyncLockedError(source);
    return await run();
  } finally {
    await client.end();
  }
}
