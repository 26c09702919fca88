import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commissioningForPopulation } from "@/lib/commissioning";
import { childKindCounts, descendantCounts, findOrganisationByCode, parentChain } from "@/lib/organisations/read";
import { findCurrentBuyer } from "@/lib/organisations/succession";
import { parseExplorerParams, searchOrganisations } from "@/lib/organisations/explorer";
import { OrganisationSummary } from "@/components/organisations/organisation-summary";
import { createTestDatabase, type TestDatabase } from "../support/database";

describe("organisation profiles on the real data", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  async function renderProfile(code: string) {
    const organisation = (await findOrganisationByCode(t.db, code))!;
    const [chain, below, buyer] = await Promise.all([parentChain(t.db, code), descendantCounts(t.db, code), findCurrentBuyer(t.db, code)]);
    return renderToStaticMarkup(<OrganisationSummary organisation={organisation} chain={chain} below={below} buyer={buyer} />);
  }

  it("chains an ICB up to its NHS England region", async () => {
    const chain = await parentChain(t.db, "QYG");
    expect(chain[0]).toMatchObject({ kind: "nhse-region", code: "Y62" });
  });

  it("counts an ICB's sub-ICB locations, PCNs and practices exactly as the explorer does", async () => {
    const below = await descendantCounts(t.db, "QYG");
    const subIcbs = await searchOrganisations(t.db, { teamId: "none" }, parseExplorerParams(new URLSearchParams("parent=QYG&kind=sub-icb-location")), { limit: 1, offset: 0 });
    expect(below.find((b) => b.kind === "sub-icb-location")?.open).toBe(subIcbs.total);
    const pcns = await t.db.organisation.count({ where: { kind: "pcn", status: "open", parent: { parent: { code: "QYG" } } } });
    expect(below.find((b) => b.kind === "pcn")?.open).toBe(pcns);
    let practicesViaExplorer = 0;
    for (const subIcb of (await t.db.organisation.findMany({ where: { parent: { code: "QYG" }, kind: "sub-icb-location" } }))) {
      for (const pcn of (await searchOrganisations(t.db, { teamId: "none" }, parseExplorerParams(new URLSearchParams(`parent=${subIcb.code}&kind=pcn`)), { limit: 500, offset: 0 })).rows) {
        practicesViaExplorer += (await searchOrganisations(t.db, { teamId: "none" }, parseExplorerParams(new URLSearchParams(`parent=${pcn.code}&kind=gp-practice`)), { limit: 1, offset: 0 })).total;
      }
      practicesViaExplorer += (await searchOrganisations(t.db, { teamId: "none" }, parseExplorerParams(new URLSearchParams(`parent=${subIcb.code}&kind=gp-practice`)), { limit: 1, offset: 0 })).total;
    }
    expect(below.find((b) => b.kind === "gp-practice")?.open).toBe(practicesViaExplorer);
  });

  it("lists a Scottish health board's HSCPs, and says they commission for its population", async () => {
    const grampian = (await t.db.organisation.findUniqueOrThrow({ where: { code: "S08000020" } }));
    const below = await descendantCounts(t.db, "S08000020");
    expect(below).toEqual([{ kind: "hscp", open: 3, closed: 0 }]);
    const population = await commissioningForPopulation(t.db, grampian);
    const hscpLines = population.withinArea.filter((w) => w.line.commissionerKind === "integration-authority");
    expect(hscpLines.length).toBeGreaterThan(0);
    expect(hscpLines[0]!.bodies.map((b) => b.name).sort()).toEqual(["Aberdeen City Health and Social Care Partnership", "Aberdeenshire Health and Social Care Partnership", "Moray Health and Social Care Partnership"]);
    expect(population.itself.length).toBeGreaterThan(0);
  });

  it("tells an ICB what it commissions, what is delegated, what NHS England keeps and what councils in its area commission", async () => {
    const icb = await t.db.organisation.findUniqueOrThrow({ where: { code: "QYG" } });
    const population = await commissioningForPopulation(t.db, icb);
    expect(population.itself.some((l) => l.arrangement === "delegated" && l.effectiveFrom)).toBe(true);
    expect(population.nationally.some((l) => l.commissioner?.code === "X24")).toBe(true);
    const councils = population.withinArea.find((w) => w.line.commissionerKind === "local-authority");
    expect(councils?.bodies.length).toBeGreaterThan(5);
    for (const line of [...population.itself, ...population.nationally]) expect(line.source.url).toMatch(/^https?:/);
  });

  it("shows a closed body's successor", async () => {
    const html = await renderProfile("QHG");
    expect(html).toContain("This body closed");
    expect(html).toContain('href="/organisations/S1Y5D"');
  });

  it("says a body has no population instead of showing 0", async () => {
    const html = await renderProfile("S0E4D"); // Thames Valley: its boundary moved in April 2026
    expect(html).toContain("No population figure in the data");
    expect(html).not.toMatch(/Population<\/dt><dd[^>]*>0</);
  });

  it("shows registered patients (April 2026) beside the resident population, and names the denominator of each figure per head", async () => {
    const qyg = await t.db.organisation.findUniqueOrThrow({ where: { code: "QYG" } });
    const html = await renderProfile("QYG");
    expect(html).toContain("Registered patients (April 2026)");
    expect(html).toContain(qyg.registeredPatients!.toLocaleString("en-GB"));
    const allocation = Number(qyg.latestAllocationGbpThousands) * 1000;
    const pounds = (n: number) => `£${Math.round(n).toLocaleString("en-GB")}`;
    expect(html).toContain(`${pounds(allocation / qyg.population!)} per resident (mid-2022 estimate)`);
    expect(html).toContain(`${pounds(allocation / qyg.registeredPatients!)} per registered patient (April 2026)`);

    // Hampshire and Isle of Wight: its allocation is for the area before April 2026, its count for the area after
    const qrl = await renderProfile("QRL");
    expect(qrl).toContain("No figure per resident");
    expect(qrl).toContain("No figure per registered patient: the allocation was made to this ICB&#x27;s area before its April 2026 boundary change");
    expect(qrl).not.toContain("per registered patient (April 2026)");

    const grampian = await renderProfile("S08000020");
    expect(grampian).toContain("No registered-patient figure in the data");
  });
});

describe("comparing bodies of different nations", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it("puts an ICB, a Scottish board and a Welsh LHB side by side with their figures and commissioners", async () => {
    const { compareOrganisations, compareCodesSchema } = await import("@/lib/organisations/compare");
    const codes = compareCodesSchema.parse("qyg, S08000020,7A4");
    const { bodies, serviceSlugs } = await compareOrganisations(t.db, codes);
    expect(bodies.map((b) => b.nation)).toEqual(["england", "scotland", "wales"]);
    expect(bodies[0]!.perHeadGbp).toBeGreaterThan(1000);
    expect(bodies[1]!.allocationGbpThousands).toBeNull(); // no Scottish allocations in the data
    expect(serviceSlugs).toContain("gp-primary-medical-services");
    expect(bodies[0]!.services["nhs-health-check"]).toMatchObject({ level: "area", commissioner: "Local authorities" });
    expect(compareCodesSchema.safeParse("QYG").success).toBe(false);
    expect(compareCodesSchema.safeParse("A,B,C,D,E").success).toBe(false);
  });

  it("pages through an ICB's bodies below in the explorer's query, counted per kind as the tabs say, with no row twice", async () => {
    const icb = await t.db.organisation.findUniqueOrThrow({ where: { code: "QYG" } });
    const kinds = await childKindCounts(t.db, icb.id);
    expect(kinds.map((k) => k.kind)).toContain("sub-icb-location");
    for (const k of kinds) {
      const direct = await t.db.organisation.count({ where: { parentId: icb.id, kind: k.kind, status: "open" } });
      expect(k.open).toBe(direct);
    }
    const seen: string[] = [];
    for (let offset = 0; ; offset += 7) {
      const page = await searchOrganisations(t.db, { teamId: "none" }, { ...parseExplorerParams(new URLSearchParams("sort=-population")), parent: "QYG" }, { limit: 7, offset });
      seen.push(...page.rows.map((r) => r.code));
      expect(page.total).toBe(kinds.reduce((sum, k) => sum + k.open, 0));
      if (page.nextOffset === null) break;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(kinds.reduce((sum, k) => sum + k.open, 0));
  });
});
