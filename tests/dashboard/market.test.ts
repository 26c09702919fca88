// The market charts against direct counts on the real reference data: every aggregate the
// dashboard draws must equal what a plain Prisma or SQL count of the organisation table says, and
// every bar's explorer link must list exactly the bodies the bar counts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bodiesByKindAndNation, pcnSizeDistribution, populationAndAllocation, whoCommissionsWhat, PCN_PRACTICES_CAP } from "@/lib/dashboard/market";
import { dashboardOptions } from "@/lib/dashboard/options";
import { checkAgainstChoices, explorerHref, parseDashboardFilters } from "@/lib/dashboard/params";
import { parseExplorerParams, searchOrganisations } from "@/lib/organisations/explorer";
import { NATIONS } from "@/lib/organisations/vocabulary";
import { createTestDatabase, type TestDatabase } from "../support/database";

const AREA_KINDS = ["icb", "health-board", "local-health-board", "hsc-trust"];
// Prisma's NOT on a nullable column drops NULLs (SQL semantics), so the bodies without a subtype are named
const notAmbulance = { OR: [{ subtype: null }, { NOT: { subtype: { contains: "ambulance", mode: "insensitive" as const } } }] };

describe("dashboard market aggregates on the real data", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  async function explorerTotal(href: string): Promise<number> {
    const query = new URL(href, "http://x").searchParams;
    return (await searchOrganisations(t.db, { teamId: "none" }, parseExplorerParams(query), { limit: 1, offset: 0 })).total;
  }

  describe("population and allocation by ICB, health board and LHB", () => {
    it("sums ICB populations and allocations exactly as the organisation table does", async () => {
      const rows = (await populationAndAllocation(t.db)).filter((r) => r.kind === "icb");
      const direct = await t.db.organisation.aggregate({ where: { kind: "icb", status: "open" }, _sum: { population: true, latestAllocationGbpThousands: true }, _count: { _all: true, population: true, latestAllocationGbpThousands: true } });
      expect(rows.length).toBe(direct._count._all);
      expect(rows.length).toBe(36);
      expect(rows.reduce((s, r) => s + (r.population ?? 0), 0)).toBe(direct._sum.population);
      expect(rows.filter((r) => r.population !== null).length).toBe(direct._count.population);
      const allocation = rows.reduce((s, r) => s + (r.allocationGbpThousands ?? 0), 0);
      expect(allocation).toBeCloseTo(Number(direct._sum.latestAllocationGbpThousands), 2);
      expect(rows.filter((r) => r.allocationGbpThousands !== null).length).toBe(direct._count.latestAllocationGbpThousands);
    });

    it("has every nation's area bodies, with their populations, and leaves the NI Ambulance Service out", async () => {
      const rows = await populationAndAllocation(t.db);
      for (const nation of NATIONS) {
        const mine = rows.filter((r) => r.nation === nation);
        const where = { nation, status: "open", kind: { in: AREA_KINDS }, ...notAmbulance };
        const direct = await t.db.organisation.aggregate({ where, _sum: { population: true }, _count: { _all: true } });
        expect(mine.length, nation).toBe(direct._count._all);
        expect(mine.reduce((s, r) => s + (r.population ?? 0), 0), nation).toBe(direct._sum.population ?? 0);
      }
      expect(rows.filter((r) => r.kind === "health-board")).toHaveLength(14);
      expect(rows.filter((r) => r.kind === "local-health-board")).toHaveLength(7);
      expect(rows.filter((r) => r.kind === "hsc-trust")).toHaveLength(5);
      expect(rows.some((r) => /ambulance/i.test(r.name))).toBe(false);
    });

    it("computes allocation per head from the stored figures, and leaves it out when either is missing", async () => {
      const rows = await populationAndAllocation(t.db);
      const qyg = rows.find((r) => r.code === "QYG")!;
      const stored = await t.db.organisation.findUniqueOrThrow({ where: { code: "QYG" } });
      expect(qyg.allocationPerHeadGbp).toBeCloseTo((Number(stored.latestAllocationGbpThousands) * 1000) / stored.population!, 2);
      for (const r of rows) {
        if (r.population === null || r.allocationGbpThousands === null) expect(r.allocationPerHeadGbp, r.code).toBeNull();
      }
      // Thames Valley's boundary moved in April 2026: no population, so no figure per head, never 0
      expect(rows.find((r) => r.code === "S0E4D")).toMatchObject({ population: null, allocationPerHeadGbp: null });
    });

    it("gives registered patients beside population, and allocation per registered patient only where the allocation's area is the count's", async () => {
      const rows = await populationAndAllocation(t.db);
      const stored = await t.db.organisation.findUniqueOrThrow({ where: { code: "QYG" } });
      expect(rows.find((r) => r.code === "QYG")).toMatchObject({ registeredPatients: stored.registeredPatients, registeredPatientsMonth: "2026-04" });
      expect(rows.find((r) => r.code === "QYG")!.allocationPerPatientGbp).toBeCloseTo((Number(stored.latestAllocationGbpThousands) * 1000) / stored.registeredPatients!, 2);
      // QRL has an allocation (for its area before April 2026) and a count (after): no figure per patient
      expect(rows.find((r) => r.code === "QRL")).toMatchObject({ registeredPatients: expect.any(Number), allocationPerPatientGbp: null });
      for (const code of ["S9B9J", "S0E4D"]) expect(rows.find((r) => r.code === code)!.registeredPatients).toBeGreaterThan(2_000_000);
      expect(rows.filter((r) => r.nation !== "england").every((r) => r.registeredPatients === null && r.allocationPerPatientGbp === null)).toBe(true);
    });

    it("filters by nation and by NHS England region", async () => {
      const east = await populationAndAllocation(t.db, { region: "Y61" });
      const eastDirect = await t.db.organisation.findMany({ where: { kind: "icb", status: "open", region: { code: "Y61" } }, select: { code: true, population: true } });
      expect(east.map((r) => r.code).sort()).toEqual(eastDirect.map((r) => r.code).sort());
      expect(east).toHaveLength(3);
      expect(east.reduce((s, r) => s + (r.population ?? 0), 0)).toBe(eastDirect.reduce((s, r) => s + (r.population ?? 0), 0));
      const wales = await populationAndAllocation(t.db, { nation: "wales" });
      expect(wales.every((r) => r.nation === "wales" && r.kind === "local-health-board")).toBe(true);
      expect(wales.every((r) => r.allocationGbpThousands === null)).toBe(true);
    });
  });

  describe("bodies by kind and nation", () => {
    it("counts open bodies per nation and kind as the organisation table does", async () => {
      const rows = await bodiesByKindAndNation(t.db);
      const direct = await t.db.organisation.groupBy({ by: ["nation", "kind"], where: { status: "open" }, _count: { _all: true } });
      expect(rows).toHaveLength(direct.length);
      for (const d of direct) expect(rows.find((r) => r.nation === d.nation && r.kind === d.kind)?.open, `${d.nation} ${d.kind}`).toBe(d._count._all);
      expect(rows.reduce((s, r) => s + r.open, 0)).toBe(await t.db.organisation.count({ where: { status: "open" } }));
    });

    it("counts within a region, and each bar's explorer link lists exactly the bodies it counts", async () => {
      const rows = await bodiesByKindAndNation(t.db, { region: "Y62" });
      expect(rows.reduce((s, r) => s + r.open, 0)).toBe(await t.db.organisation.count({ where: { status: "open", region: { code: "Y62" } } }));
      for (const r of rows) expect(await explorerTotal(explorerHref({ nation: r.nation, kind: r.kind, region: "Y62" })), r.kind).toBe(r.open);
      for (const r of await bodiesByKindAndNation(t.db, { nation: "scotland" })) {
        expect(await explorerTotal(explorerHref({ nation: r.nation, kind: r.kind })), r.kind).toBe(r.open);
      }
    });
  });

  describe("the size of PCNs", () => {
    it("buckets every open PCN by its member practices, in SQL, matching direct counts", async () => {
      const all = await pcnSizeDistribution(t.db);
      expect(all.pcns).toBe(await t.db.organisation.count({ where: { kind: "pcn", status: "open" } }));
      const [direct] = await t.db.$queryRaw<{ practices: number; three: number; capped: number; median: number }[]>`
        SELECT sum((details->>'memberPracticesOct2025')::int)::int AS practices,
               count(*) FILTER (WHERE (details->>'memberPracticesOct2025')::int = 3)::int AS three,
               count(*) FILTER (WHERE (details->>'memberPracticesOct2025')::int >= ${PCN_PRACTICES_CAP})::int AS capped,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY (details->>'memberPracticesOct2025')::int)::float8 AS median
        FROM organisation WHERE kind = 'pcn' AND status = 'open'`;
      expect(all.practices).toBe(direct!.practices);
      expect(all.medianPractices).toBe(direct!.median);
      expect(all.practiceBins.reduce((s, b) => s + b.pcns, 0)).toBe(all.withPractices);
      expect(all.practiceBins.find((b) => b.bucket === 3)?.pcns).toBe(direct!.three);
      expect(all.practiceBins.at(-1)).toMatchObject({ label: `${PCN_PRACTICES_CAP}+`, pcns: direct!.capped });
      expect(all.practiceBins.map((b) => b.bucket)).toEqual(Array.from({ length: PCN_PRACTICES_CAP }, (_, i) => i + 1));
    });

    it("buckets the open PCNs by their registered patients (April 2026), in SQL, matching direct counts", async () => {
      const all = await pcnSizeDistribution(t.db);
      expect(all.withPatients).toBe(await t.db.organisation.count({ where: { kind: "pcn", status: "open", registeredPatients: { not: null } } }));
      expect(all.withPatients).toBeGreaterThan(1200);
      expect(all.patientsMonth).toBe("2026-04");
      const [direct] = await t.db.$queryRaw<{ median: number; small: number }[]>`
        SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY registered_patients)::float8 AS median,
               count(*) FILTER (WHERE registered_patients < 10000)::int AS small
        FROM organisation WHERE kind = 'pcn' AND status = 'open' AND registered_patients IS NOT NULL`;
      expect(all.medianPatients).toBe(direct!.median);
      expect(all.patientBins.reduce((s, b) => s + b.pcns, 0)).toBe(all.withPatients);
      expect(all.patientBins[0]).toMatchObject({ label: "0k–10k", pcns: direct!.small });
    });

    it("narrows to one ICB (its sub-ICB locations' PCNs) and to one region", async () => {
      const qyg = await pcnSizeDistribution(t.db, { icb: "QYG" });
      expect(qyg.pcns).toBe(await t.db.organisation.count({ where: { kind: "pcn", status: "open", parent: { parent: { code: "QYG" } } } }));
      expect(qyg.pcns).toBeGreaterThan(10);
      const northWest = await pcnSizeDistribution(t.db, { region: "Y62" });
      expect(northWest.pcns).toBe(await t.db.organisation.count({ where: { kind: "pcn", status: "open", region: { code: "Y62" } } }));
      expect(northWest.pcns).toBeGreaterThan(qyg.pcns);
      expect((await pcnSizeDistribution(t.db, { nation: "scotland" })).pcns).toBe(0);
    });

    it("draws registered patients in 10,000-patient bands where the data has them", async () => {
      // A scratch copy of the data in which only three of Cheshire and Merseyside's PCNs have list sizes, reshaped to these
      const scratch = await createTestDatabase();
      try {
        const inQyg = { kind: "pcn", status: "open", parent: { parent: { code: "QYG" } } };
        await scratch.db.organisation.updateMany({ where: inQyg, data: { registeredPatients: null, registeredPatientsMonth: null } });
        const pcns = await scratch.db.organisation.findMany({ where: inQyg, orderBy: { code: "asc" }, take: 3, select: { id: true } });
        const sizes = [4_000, 25_000, 150_000];
        for (const [i, p] of pcns.entries()) await scratch.db.organisation.update({ where: { id: p.id }, data: { registeredPatients: sizes[i], registeredPatientsMonth: "2026-04" } });
        const qyg = await pcnSizeDistribution(scratch.db, { icb: "QYG" });
        expect(qyg.withPatients).toBe(3);
        expect(qyg.patientBins.map((b) => b.pcns).reduce((a, b) => a + b, 0)).toBe(3);
        expect(qyg.patientBins.find((b) => b.label === "0k–10k")?.pcns).toBe(1);
        expect(qyg.patientBins.find((b) => b.label === "20k–30k")?.pcns).toBe(1);
        expect(qyg.patientBins.at(-1)).toMatchObject({ label: "100k+", pcns: 1 });
        expect(qyg.medianPatients).toBe(25_000);
      } finally {
        await scratch.drop();
      }
    });
  });

  describe("who commissions what", () => {
    it("counts the distinct service categories of each kind of commissioner per nation, as the table does for the rows that hold today", async () => {
      const rows = await whoCommissionsWhat(t.db, {}, "2026-12-01");
      const direct = await t.db.$queryRaw<{ nation: string; commissioner_kind: string; n: number }[]>`
        SELECT nation, commissioner_kind, count(DISTINCT service_category_id)::int AS n FROM commissioning_responsibility
        WHERE (effective_from IS NULL OR effective_from <= '2026-12-01') AND (effective_to IS NULL OR effective_to >= '2026-12-01') GROUP BY 1, 2`;
      expect(rows).toHaveLength(direct.length);
      for (const d of direct) expect(rows.find((r) => r.nation === d.nation && r.commissionerKind === d.commissioner_kind)?.categories, `${d.nation} ${d.commissioner_kind}`).toBe(d.n);
      for (const r of rows) {
        const arrangements = Object.values(r.byArrangement).reduce((a, b) => a + b, 0);
        expect(arrangements).toBeGreaterThanOrEqual(r.categories);
        expect(r.categories).toBeLessThanOrEqual(await t.db.serviceCategory.count());
      }
      const icbs = rows.find((r) => r.nation === "england" && r.commissionerKind === "icb")!;
      expect(icbs).toMatchObject({ organisationKind: "icb", bodies: 36 });
    });

    it("filters by nation, and links a kind of body to exactly those bodies in the explorer", async () => {
      const wales = await whoCommissionsWhat(t.db, { nation: "wales" });
      expect(new Set(wales.map((r) => r.nation))).toEqual(new Set(["wales"]));
      const lhbs = wales.find((r) => r.commissionerKind === "local-health-board")!;
      expect(await explorerTotal(explorerHref({ nation: "wales", kind: lhbs.organisationKind! }))).toBe(lhbs.bodies);
      expect(lhbs.bodies).toBe(7);
    });
  });

  describe("filters", () => {
    it("validates with zod and drops what names nothing, saying why", async () => {
      const options = await dashboardOptions(t.db, { team: { id: "none", name: "none" } });
      expect(options.regions).toHaveLength(7);
      expect(options.icbs.find((i) => i.code === "QYG")).toMatchObject({ regionCode: "Y62", status: "open" });
      const bad = parseDashboardFilters(new URLSearchParams("nation=atlantis&region=Y6%201&icb=qyg"));
      expect(bad.filters).toEqual({ icb: "QYG" });
      expect(bad.problems).toHaveLength(2);
      const unknown = checkAgainstChoices(parseDashboardFilters({ region: "Y99", icb: "QYG", list: "nope" }), options);
      expect(unknown.filters).toEqual({ icb: "QYG" });
      expect(unknown.problems.join(" ")).toMatch(/Y99.*list/);
      const outside = checkAgainstChoices(parseDashboardFilters({ region: "Y61", icb: "QYG" }), options);
      expect(outside.filters).toEqual({ region: "Y61" });
      expect(parseDashboardFilters({ nation: "wales", region: "Y61" }).filters).toEqual({ nation: "wales" });
    });
  });
});
