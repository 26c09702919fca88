// queryRows runs on the pool under the app's Prisma client: its rows must be what Prisma's
// $queryRawUnsafe gives for the same statement (BigInt, Decimal, UTC dates, Uint8Array), whatever
// the process's time zone, and a statement's SET LOCAL must not outlive its transaction.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDeepStrictEqual } from "node:util";
import { createPrismaClient, poolOf, type Db } from "@/lib/db/client";
import { queryRows, queryRowsWithSettings } from "@/lib/db/query";
import { sql } from "@/lib/db/sql";
import { createTestDatabase, type TestDatabase } from "../support/database";

describe("queryRows on the pool", () => {
  let t: TestDatabase;
  let db: Db;
  const zone = process.env.TZ;

  beforeAll(async () => {
    t = await createTestDatabase({ empty: true });
    db = createPrismaClient(t.url);
  });
  afterAll(async () => {
    process.env.TZ = zone;
    await db.$disconnect();
    await t.drop();
  });

  const at = new Date("2026-06-01T10:11:12.345Z");
  const statement = sql`SELECT 1::int8 AS i8, 2::int4 AS i4, 1.5::numeric AS n, 2.5::float8 AS f, true AS b, 'x'::text AS t, 'y'::char(3) AS c,
    '2026-06-01'::date AS d, '2026-06-01 10:11:12.345'::timestamp AS ts, '2026-06-01 10:11:12.345+02'::timestamptz AS tz, '10:11:12'::time AS tm,
    '{"a":[1,2]}'::json AS j, '{"b":1}'::jsonb AS jb, '\\x0102'::bytea AS by, ARRAY['a', NULL] AS ta, ARRAY[1, NULL]::int8[] AS i8a,
    ARRAY['2026-01-02'::date] AS da, ARRAY[1.5]::numeric[] AS na, NULL::int8 AS nothing, 7::oid AS o,
    ${at}::timestamp AS arg_ts, ${at}::timestamptz AS arg_tz, ${[at]}::timestamp[] AS arg_tsa, ${["a", "b"]}::text[] AS arg_texts, ${10n}::int8 AS arg_big`;

  for (const timeZone of ["UTC", "America/New_York", "Asia/Kolkata"]) {
    it(`gives the same values and types as Prisma's $queryRawUnsafe (TZ=${timeZone})`, async () => {
      process.env.TZ = timeZone;
      expect(poolOf(db)).not.toBeNull();
      const { text, values } = statement.build();
      const [fromPrisma] = await db.$queryRawUnsafe<Record<string, unknown>[]>(text, ...values);
      const [fromPool] = await queryRows<Record<string, unknown>>(db, statement);
      const differing = Object.keys(fromPrisma!).filter((k) => !isDeepStrictEqual(fromPrisma![k], fromPool![k]) || fromPrisma![k]?.constructor !== fromPool![k]?.constructor);
      expect(differing).toEqual([]);
      expect(Object.keys(fromPool!)).toEqual(Object.keys(fromPrisma!));
      expect(fromPool!.arg_ts).toEqual(at);
    });
  }

  it("keeps a SET LOCAL to its own statement's transaction", async () => {
    const setting = sql`SELECT current_setting('statement_timeout') AS value`;
    const [inside] = await queryRowsWithSettings<{ value: string }>(db, ["SET LOCAL statement_timeout = 1234"], setting);
    expect(inside!.value).toBe("1234ms");
    // Every connection of the pool afterwards: none kept it
    const after = await Promise.all(Array.from({ length: 12 }, () => queryRows<{ value: string }>(db, setting)));
    expect(after.map(([r]) => r!.value)).not.toContain("1234ms");
  });

  it("gives the connection back after a failed statement inside the settings' transaction", async () => {
    await expect(queryRowsWithSettings(db, ["SET LOCAL statement_timeout = 5000"], sql`SELECT 1 / 0`)).rejects.toThrow(/division by zero/);
    const [row] = await queryRows<{ ok: number }>(db, sql`SELECT 1 AS ok`);
    expect(row!.ok).toBe(1);
    expect(poolOf(db)!.totalCount - poolOf(db)!.idleCount).toBe(0);
  });
});
