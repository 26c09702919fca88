// The change log as users read it: the /changes feed and its filters, the page (filter-error panel,
// empty state), a profile's history with its predecessors', and the same log for every team.
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("../support/next-request-scope").then((m) => m.nextHeaders));
vi.mock("next/cache", () => import("../support/next-request-scope").then((m) => m.nextCache));

import * as changesRoute from "@/app/api/v1/changes/route";
import ChangesPage from "@/app/(app)/changes/page";
import { changesTable, listOrganisationHistory } from "@/lib/changes";
import { readFeedPage } from "@/lib/tables/server";
import { OrganisationHistory } from "@/components/organisations/organisation-history";
import { apiRequest, signedInUser, type TestUser } from "../support/auth";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { actAs } from "../support/next-request-scope";

describe("what changed", () => {
  let t: TestDatabase;
  let ann: TestUser;
  let bob: TestUser;
  const read = async (query: string) => {
    const result = await readFeedPage(changesTable, t.db, null, new URLSearchParams(query));
    if (!result.ok) throw new Error(result.error);
    return result.page;
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    t.useAsAppDatabase();
    ann = await signedInUser(t.db, "ann@a.example", "Team A", "viewer");
    bob = await signedInUser(t.db, "bob@b.example", "Team B", "admin");
  });
  afterAll(() => t.drop());

  it("lists changes newest first and pages through them by before without repeats", async () => {
    const first = await read("limit=20");
    const dates = first.rows.map((r) => r.effectiveDate);
    expect(dates).toEqual([...dates].sort().reverse());
    const second = await read(`limit=20&before=${first.nextBefore}`);
    expect(second.rows[0]!.effectiveDate <= dates.at(-1)!).toBe(true);
    expect(second.rows.some((r) => first.rows.some((f) => f.id === r.id))).toBe(false);
  });

  it("filters by date, nation, kind, type and code", async () => {
    const wales = await read("nation=wales&since=2024-01-01&until=2024-12-31");
    expect(wales.rows.map((r) => r.summary)).toContain("Emergency Ambulance Services Committee and Welsh Health Specialised Services Committee were replaced by NHS Wales Joint Commissioning Committee");
    expect(wales.rows.every((r) => r.nations.includes("wales") && r.effectiveDate.startsWith("2024"))).toBe(true);
    const splits = await read("type=split&kind=icb");
    expect(splits.rows.map((r) => r.codes[0])).toContain("QNQ");
    expect(splits.rows.every((r) => r.type === "split" && r.kinds.includes("icb"))).toBe(true);
    const qhg = await read("code=qhg");
    expect(qhg.rows.map((r) => r.type).sort()).toEqual(["commissioning", "merged"]);
    const merged = qhg.rows.find((r) => r.type === "merged")!;
    expect(merged.bodies.find((b) => b.code === "QHG")).toMatchObject({ status: "closed" });
    expect(merged.bodies.find((b) => b.code === "S1Y5D")).toMatchObject({ status: "open", name: "NHS Central East Integrated Care Board" });
  });

  it("shows a profile's history with its predecessors' changes", async () => {
    const history = await listOrganisationHistory(t.db, "S1Y5D");
    // Its own merger (and the split that gave it part of Hertfordshire and West Essex), then the July 2022 entries of the ICBs it succeeded
    expect(history.filter((h) => h.effectiveDate === "2026-04-01").map((h) => h.type).sort()).toEqual(["merged", "split"]);
    expect(history[0]!.effectiveDate).toBe("2026-04-01");
    expect(history.filter((h) => h.type === "commissioning" && h.effectiveDate === "2022-07-01").flatMap((h) => h.codes)).toEqual(expect.arrayContaining(["QHG", "QUE", "QM7"]));
    const html = renderToStaticMarkup(<OrganisationHistory code="S1Y5D" name="NHS Central East Integrated Care Board" changes={history} />);
    expect(html).toContain("History");
    expect(html).toContain('href="/organisations/QHG"');
    expect(renderToStaticMarkup(<OrganisationHistory code="A81001" name="The Densham Surgery" changes={[]} />)).toContain("No change to this body is recorded");
  });

  it("shows the filter-error panel for a bad parameter and an empty state when nothing matches", async () => {
    actAs(ann.cookie);
    const bad = renderToStaticMarkup(await ChangesPage({ searchParams: Promise.resolve({ type: "exploded" }) }));
    expect(bad).toContain("This table cannot show these filters");
    expect(bad).toContain("type must be one of");
    const none = renderToStaticMarkup(await ChangesPage({ searchParams: Promise.resolve({ code: "NOPE1" }) }));
    expect(none).toContain("No change matches these filters");
    const all = renderToStaticMarkup(await ChangesPage({ searchParams: Promise.resolve({ nation: "" }) }));
    expect(all).toContain("NHS Central East Integrated Care Board");
  });

  it("is reference data: every team reads the same log, and no one without a session", async () => {
    const asAnn = await (await changesRoute.GET(apiRequest("/api/v1/changes?limit=10", { cookie: ann.cookie }))).json();
    const asBob = await (await changesRoute.GET(apiRequest("/api/v1/changes?limit=10", { cookie: bob.cookie }))).json();
    expect(asAnn).toEqual(asBob);
    expect(asAnn.data).toHaveLength(10);
    expect((await changesRoute.GET(apiRequest("/api/v1/changes"))).status).toBe(401);
  });
});
