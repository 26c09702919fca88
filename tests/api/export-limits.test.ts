// Each team runs at most EXPORT_CONCURRENCY_PER_TEAM exports at once (PostgreSQL advisory locks held
// by the connection each export streams on): beyond, 429 with Retry-After before any byte of CSV; other
// teams are unaffected; a slot is free again as soon as its export is read to the end, cancelled, or
// its request is aborted.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as organisationsRoute from "@/app/api/v1/organisations/route";
import * as noticesRoute from "@/app/api/v1/notices/route";
import * as spendRoute from "@/app/api/v1/spend/route";
import * as listExportRoute from "@/app/api/v1/target-lists/[id]/export.csv/route";
import { endpoints } from "@/lib/api/endpoints";
import { exportConcurrencyPerTeam } from "@/lib/db/pool";
import { apiRequest, params, signedInUser, type TestUser } from "../support/auth";
import { createTestDatabase, type TestDatabase } from "../support/database";

describe("concurrent exports per team", () => {
  let t: TestDatabase;
  let ann: TestUser, bob: TestUser;
  let listId: string;
  const open: Response[] = [];

  beforeAll(async () => {
    t = await createTestDatabase();
    t.useAsAppDatabase();
    ann = await signedInUser(t.db, "ann@exports.example", "Team Exports", "analyst");
    bob = await signedInUser(t.db, "bob@other.example", "Team Other", "analyst");
    listId = (await t.db.targetList.create({ data: { teamId: ann.teamId, name: "Export list", createdById: ann.userId } })).id;
  });
  // A client that goes away: whatever a test left open is cancelled, so the next test starts with free slots
  afterEach(async () => {
    for (const response of open.splice(0)) if (!response.bodyUsed) await response.body?.cancel();
    delete process.env.EXPORT_CONCURRENCY_PER_TEAM;
  });
  afterAll(() => t.drop());

  /** An organisations CSV export as `user`, its body left unread (a slow reader) until the test reads or cancels it. */
  async function startExport(user: TestUser, signal?: AbortSignal): Promise<Response> {
    const request = new Request(apiRequest("/api/v1/organisations?kind=icb&format=csv", { cookie: user.cookie }), { signal });
    const response = await organisationsRoute.GET(request);
    open.push(response);
    return response;
  }

  async function expectThrottled(response: Response) {
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    expect(await response.json()).toMatchObject({ error: { code: "throttled", message: expect.stringContaining("exports") } });
  }

  it("answers a third concurrent export of one team with 429 and Retry-After on every export route, while another team exports", async () => {
    const held = [await startExport(ann), await startExport(ann)];
    expect(held.map((r) => r.status)).toEqual([200, 200]);
    await expectThrottled(await startExport(ann));
    for (const format of ["csv", "xlsx"]) {
      await expectThrottled(await noticesRoute.GET(apiRequest(`/api/v1/notices?format=${format}`, { cookie: ann.cookie })));
      await expectThrottled(await spendRoute.GET(apiRequest(`/api/v1/spend?payer=QSL&format=${format}`, { cookie: ann.cookie })));
      await expectThrottled(await listExportRoute.GET(apiRequest(`/api/v1/target-lists/${listId}/export.csv?format=${format}`, { cookie: ann.cookie }), params({ id: listId })));
    }
    // At the same moment, another team's export runs to the end
    for (const name of ["listOrganisations", "listNotices", "listSpend", "exportTargetList"] as const) expect(endpoints[name].responses, name).toHaveProperty("429");
    const other = await startExport(bob);
    expect(other.status).toBe(200);
    const file = await other.text();
    expect(file.split("\r\n")[0]).toMatch(/^code,name,/);
    expect(file).toContain("\r\nQYG,");
    // The held exports were not disturbed: each still streams the whole file
    for (const response of held) expect(await response.text()).toBe(file);
  });

  it("frees a slot at once when an export's body is cancelled, and when one is read to the end", async () => {
    const [first, second] = [await startExport(ann), await startExport(ann)];
    await expectThrottled(await startExport(ann));
    await first!.body!.cancel();
    const third = await startExport(ann);
    expect(third.status).toBe(200);
    await expectThrottled(await startExport(ann));
    await second!.text();
    expect((await startExport(ann)).status).toBe(200);
    await expectThrottled(await startExport(ann));
    await third.text();
    expect((await startExport(ann)).status).toBe(200);
  });

  it("frees a slot when the request is aborted (the client went away) before its body is read", async () => {
    const leaving = new AbortController();
    await startExport(ann, leaving.signal);
    await startExport(ann);
    await expectThrottled(await startExport(ann));
    leaving.abort();
    await vi.waitFor(async () => expect((await startExport(ann)).status).toBe(200), { timeout: 2000, interval: 20 });
  });

  it("reads the limit from EXPORT_CONCURRENCY_PER_TEAM, and refuses a value that is not a positive whole number", async () => {
    expect(exportConcurrencyPerTeam()).toBe(2);
    process.env.EXPORT_CONCURRENCY_PER_TEAM = "1";
    expect((await startExport(ann)).status).toBe(200);
    await expectThrottled(await startExport(ann));
    for (const value of ["0", "-1", "1.5", "two"]) {
      process.env.EXPORT_CONCURRENCY_PER_TEAM = value;
      expect(() => exportConcurrencyPerTeam()).toThrow(/EXPORT_CONCURRENCY_PER_TEAM must be a positive whole number/);
    }
  });
});
