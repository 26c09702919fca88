// Every statement of a request has a time limit, exports a longer one, and waiting for an export
// connection is bounded: a slow query ends as a 503 instead of holding the server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppPrismaClient, type Db } from "@/lib/db/client";
import { databaseFailure } from "@/lib/db/failures";
import { getPool } from "@/lib/db/pool";
import { errorResponse } from "@/lib/errors";
import { createTestDatabase, type TestDatabase } from "../support/database";

describe("database time limits", () => {
  let t: TestDatabase;
  let app: Db;
  const saved = { ...process.env };

  beforeAll(async () => {
    t = await createTestDatabase({ empty: true });
    process.env.DB_STATEMENT_TIMEOUT_MS = "300";
    process.env.EXPORT_STATEMENT_TIMEOUT_MS = "90000";
    process.env.DB_CONNECT_TIMEOUT_MS = "2500";
    process.env.DATABASE_URL = t.url;
    app = createAppPrismaClient(t.url);
  });
  afterAll(async () => {
    await app.$disconnect();
    await getPool().end();
    process.env = saved;
    await t.drop();
  });

  it("cancels a request's statement past DB_STATEMENT_TIMEOUT_MS, which the API answers as 503", async () => {
    expect(await app.$queryRaw<{ statement_timeout: string }[]>`SHOW statement_timeout`).toEqual([{ statement_timeout: "300ms" }]);
    const error = await app.$queryRaw`SELECT pg_sleep(2)`.catch((e: unknown) => e);
    expect(databaseFailure(error)).toMatchObject({ code: "unavailable", status: 503, retryAfterSeconds: expect.any(Number) });
  });

  it("gives exports EXPORT_STATEMENT_TIMEOUT_MS and a connection timeout", async () => {
    const pool = getPool();
    expect((await pool.query("SHOW statement_timeout")).rows).toEqual([{ statement_timeout: "90s" }]);
    expect(pool.options.connectionTimeoutMillis).toBe(2500);
  });

  it("answers 503, not 500, when every connection of the pool is busy past DB_CONNECT_TIMEOUT_MS", async () => {
    process.env.DB_POOL_SIZE = "1";
    // Long enough to open the connection on a busy machine (the limit covers connecting too)
    process.env.DB_CONNECT_TIMEOUT_MS = "1000";
    const onePool = createAppPrismaClient(t.url);
    try {
      await onePool.$queryRaw`SELECT 1`;
      // The pool's one connection is held by the transaction while a second request asks for one
      const waiting = await onePool.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT 1`;
        return onePool.$queryRaw`SELECT 1`.catch((e: unknown) => e);
      });
      expect(databaseFailure(waiting)).toMatchObject({ code: "unavailable", status: 503 });
      const response = errorResponse(waiting);
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBeTruthy();
    } finally {
      await onePool.$disconnect();
      process.env.DB_POOL_SIZE = saved.DB_POOL_SIZE;
      process.env.DB_CONNECT_TIMEOUT_MS = "2500";
    }
  });
});
