// Old names and codes lead to today's bodies: the CCGs of 2013-2022 and the national and support
// bodies, on the real data (data/ccgs_2013_2022.csv, data/national_and_support_bodies.csv).
import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listSupportBodies } from "@/lib/organisations/read";
import { findCurrentBuyer } from "@/lib/organisations/succession";
import { parseExplorerParams, searchOrganisations } from "@/lib/organisations/explorer";
import { SupportBodiesSection } from "@/components/organisations/support-bodies-section";
import { createTestDatabase, type TestDatabase } from "../support/database";

describe("CCGs and the national and support bodies in the atlas", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  const codes = (refs: { code: string }[] | undefined) => refs?.map((r) => r.code).sort();
  const search = async (query: string) => (await searchOrganisations(t.db, { teamId: "none" }, parseExplorerParams(new URLSearchParams(query)), { limit: 20, offset: 0 })).rows;

  it("holds the 142 CCGs closed before April 2021, each merged into another CCG the day after it closed", async () => {
    const ccgs = await t.db.organisation.findMany({ where: { kind: "ccg" }, include: { successors: true } });
    expect(ccgs).toHaveLength(142);
    for (const ccg of ccgs) {
      expect(ccg).toMatchObject({ status: "closed", nation: "england", codeSystem: "ods", parentId: null });
      expect(ccg.successors).toHaveLength(1);
      const [succession] = ccg.successors;
      expect(succession!.reason).toBe("merger");
      expect(succession!.effectiveDate.getTime() - ccg.closeDate!.getTime()).toBe(24 * 3600 * 1000);
    }
  });

  it("gives a sub-ICB location its April-2021 CCG name as a former name, and the explorer finds it by that name and code", async () => {
    const halton = await t.db.organisation.findUniqueOrThrow({ where: { code: "01F" } });
    expect(halton.otherNames).toContain("NHS Halton CCG");
    expect(halton.details).toMatchObject({ ccg: { name: "NHS Halton CCG", until: "2022-06-30" } });
    expect((await search("q=NHS Halton CCG"))[0]?.code).toBe("01F");
    expect((await search("q=01F"))[0]?.code).toBe("01F");
  });

  it("finds a closed CCG by name and code, and leads from it to today's sub-ICB location and ICB", async () => {
    expect((await search("q=NHS Eastern Cheshire CCG")).map((r) => r.code)).toContain("01C");
    expect((await search("q=01C"))[0]).toMatchObject({ code: "01C", status: "closed", successors: [{ code: "27D" }] });
    const buyer = await findCurrentBuyer(t.db, "01C");
    expect(codes(buyer?.current)).toEqual(["27D"]);
    expect(codes(buyer?.currentCommissioners)).toEqual(["QYG"]);
  });

  it("leads a CCG merged twice (10G → 15D → D4U1Y) through Frimley's split to today's bodies, step by step", async () => {
    const buyer = await findCurrentBuyer(t.db, "10G");
    expect(codes(buyer?.current)).toEqual(["92A", "D9Y0V", "U2G6B"]);
    expect(codes(buyer?.currentCommissioners)).toEqual(["QRL", "S0E4D", "S9B9J"]);
    expect(buyer?.steps.map((s) => `${s.from}>${s.to.code}:${s.reason}@${s.effectiveDate}`)).toEqual([
      "10G>15D:merger@2018-04-01",
      "15D>D4U1Y:merger@2021-04-01",
      "D4U1Y>92A:split@2026-04-01",
      "D4U1Y>D9Y0V:split@2026-04-01",
      "D4U1Y>U2G6B:split@2026-04-01",
    ]);
  });

  it("loads the 57 national and support bodies once each, with their kinds, and an unknown status as unknown", async () => {
    const bodies = await listSupportBodies(t.db);
    const count = (kind: string) => bodies.filter((b) => b.kind === kind).length;
    // NHS England is the 57th: already in national_bodies.csv as X24, kept there as one record
    expect([count("csu"), count("national-buyer"), count("arms-length-body"), count("health-innovation-network")]).toEqual([19, 7, 15, 15]);
    expect(new Set(bodies.map((b) => b.name)).size).toBe(bodies.length);
    expect(await t.db.organisation.count({ where: { name: "NHS England" } })).toBe(1);
    expect((await t.db.organisation.findUniqueOrThrow({ where: { code: "X24" } })).otherNames).toEqual(["NHS Commissioning Board", "NHSE"]);
    // The file leaves 10 CSUs' and NHS SBS's status blank
    expect(bodies.filter((b) => b.status === "unknown").map((b) => b.code).sort()).toEqual(
      ["0AD", "0AJ", "0AM", "0AP", "0AQ", "0AT", "0AX", "0CC", "0CE", "0CH", "0DG", "ATLAS-NHSSBS"].sort(),
    );
    expect(bodies.find((b) => b.code === "ATLAS-CQC")).toMatchObject({ kind: "arms-length-body", status: "open", codeSystem: "atlas" });
    expect(bodies.find((b) => b.code === "T1450")).toMatchObject({ kind: "national-buyer", codeSystem: "ods" });
    expect(bodies.find((b) => b.code === "0CG")).toMatchObject({ status: "closed", closeDate: null }); // closed, no date published
    expect(codes((await findCurrentBuyer(t.db, "X26"))?.current)).toEqual(["X24"]); // NHS Digital merged into NHS England
    expect((await search("kind=csu&status=unknown")).length).toBe(11);
  });

  it("renders the structure page's national and support bodies by kind, with what is unknown shown as unknown", async () => {
    const html = renderToStaticMarkup(createElement(SupportBodiesSection, { bodies: await listSupportBodies(t.db) }));
    expect(html).toContain("National and support bodies");
    for (const kind of ["csu", "national-buyer", "arms-length-body", "health-innovation-network"]) expect(html).toContain(`data-support-kind="${kind}"`);
    expect(html).toContain("Health Innovation Networks (formerly AHSNs)");
    expect(html.match(/Status not published/g)?.length).toBe(12);
    expect(html).toMatch(/data-support-code="ATLAS-CQC".*?not published/);
  });
});
