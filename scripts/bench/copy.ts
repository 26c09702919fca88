// The limit for an export in npm run bench: PostgreSQL's own COPY of the export's query as CSV,
// streamed through pg-copy-streams into a sink that only counts bytes, in the same run.
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { sqlLiteral } from "../../lib/db/copy";
import { sql, type Sql } from "../../lib/db/sql";

/** Seconds for `COPY (query [LIMIT limit]) TO STDOUT WITH CSV`, read to the end, after `setup` in a read-only transaction. */
export async function copySeconds(pool: pg.Pool, query: Sql, options: { setup?: string[]; limit: number | null }): Promise<{ seconds: number; bytes: number }> {
  const limited = options.limit === null ? query : sql`${query} LIMIT ${options.limit}`;
  const client = await pool.connect();
  try {
    await client.query("BEGIN READ ONLY");
    for (const statement of options.setup ?? []) await client.query(statement);
    let bytes = 0;
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done();
      },
    });
    const started = performance.now();
    await pipeline(client.query(copyTo(`COPY (${limited.inline(sqlLiteral)}) TO STDOUT WITH CSV`)), sink);
    return { seconds: (performance.now() - started) / 1000, bytes };
  } finally {
    await client.query("ROLLBACK");
    client.release();
  }
}
