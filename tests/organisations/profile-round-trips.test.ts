// The API's organisation profile (GET /api/v1/organisations/{code}): its round trips, counted on the
// connections themselves. The body, parent, region, successions, allocations, parent chain, the kinds
// below it, today's bodies and commissioners and what it commissions come in one statement.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as organisationRoute from "@/app/api/v1/organisations/[code]/route";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { findOrganisationProfile } from "@/lib/organisations/profile";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { apiRequest, params, signedInUser, type TestUser } from "../support/auth";
import { statementCountingClient } from "../support/counting-client";

describe("organisation profile over the API: round trips", () => {
  let t: TestDatabase;
  let counted: PrismaClient;
  const statements: string[] = [];
  let analyst: TestUser;

  beforeAll(async () => {
    t = await createTestDatabase();
    t.useAsAppDatabase();
    counted = statementCountingClient(t.url, statements);
    // Route handlers read getDb(): point it at the counting client
    (globalThis as { atlasPrisma?: unknown }).atlasPrisma = counted;
    analyst = await signedInUser(t.db, "analyst@a.example", "Team A", "analyst");
  });
  afterAll(async () => {
    await counted.$disconnect();
    await t.drop();
  });

  const profile = async (code: string) => {
    statements.length = 0;
    const response = await organisationRoute.GET(apiRequest(`/api/v1/organisations/${code}`, { cookie: analyst.cookie }), params({ code }));
    return { response, body: await response.json(), sent: [...statements] };
  };

  it("reads the profile itself in one statement", async () => {
    statements.length = 0;
    const row = await findOrganisationProfile(counted, "qyg");
    expect(statements).toHaveLength(1);
    expect(row).toMatchObject({ code: "QYG", kind: "icb", parent: { code: "Y62" } });
    statements.length = 0;
    expect(await findOrganisationProfile(counted, "NOPE")).toBeNull();
    expect(statements).toHaveLength(1);
    expect(await findOrganisationProfile(counted, "not a code!")).toBeNull();
    expect(statements, "a malformed code asks nothing").toHaveLength(1);
  });

  it("answers an open ICB's profile in two statements with authentication (it took sixteen)", async () => {
    const { response, body, sent } = await profile("QYG");
    expect(response.status).toBe(200);
    expect(body).toMatchObject({ code: "QYG", parent_chain: [{ code: "Y62" }, { code: "X24" }, { code: "ATLAS-DHSC" }], current_bodies: [{ code: "QYG" }] });
    expect(body.children_counts["gp-practice"].open).toBeGreaterThan(0);
    expect(body.commissions.length).toBeGreaterThan(0);
    // authentication, then the profile
    expect(sent).toHaveLength(2);
  });

  it("answers a closed body's profile, with its successors and today's bodies, in the same two", async () => {
    const { body, sent } = await profile("QM7");
    expect(body.successors.map((s: { code: string }) => s.code).sort()).toEqual(["D7T5G", "S1Y5D"]);
    expect(body.current_bodies.map((s: { code: string }) => s.code)).toEqual(["S1Y5D", "D7T5G"]);
    expect(body.current_commissioners.map((s: { code: string }) => s.code)).toEqual(["S1Y5D", "D7T5G"]);
    expect(sent).toHaveLength(2);
  });

  it("gives 404 for an unknown code", async () => {
    const { response, sent } = await profile("NOPE");
    expect(response.status).toBe(404);
    expect(sent).toHaveLength(2);
  });
});
