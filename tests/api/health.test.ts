import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/client";
import { healthResponse } from "@/lib/health";
import { createTestDatabase, type TestDatabase } from "../support/database";

describe("GET /api/health", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase({ empty: true });
  });
  afterAll(() => t.drop());

  it("answers 200 when the database answers", async () => {
    const response = await healthResponse(t.db);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: "ok" });
  });

  it("answers 503 when the database is dead", async () => {
    // Port 1 on localhost: nothing listens, the connection is refused at once
    const dead = createPrismaClient("postgresql://postgres:x@127.0.0.1:1/atlas");
    const response = await healthResponse(dead);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "error", database: "unreachable" });
    await dead.$disconnect();
  });
});
