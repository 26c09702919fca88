// The market charts computed once per import (dashboard_market_figure) against the per-request
// queries they replaced, on the real reference data: every stored combination holds exactly what
// the query returns, the page reads them, and an import that changes the data recomputes them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importReferenceData } from "@/lib/import";
import { bodiesByKindAndNation, pcnSizeDistribution, populationAndAllocation } from "@/lib/dashboard/market";
import { filterKey, readMarketFigures } from "@/lib/dashboard/market-figures";
import { dashboardOptions } from "@/lib/dashboard/options";
import type { DashboardFilters } from "@/lib/dashboard/params";
import { createTestDatabase, type TestDatabase } from "../support/database";

type Row = { import_id: number; chart: "areas" | "kinds" | "pcns"; filter_key: string; figures: unknown };

describe("market figures computed per import", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  const stored = () => t.db.$queryRawUnsafe<Row[]>("SELECT import_id, chart, filter_key, figures FROM dashboard_market_figure ORDER BY chart, filter_key");
  const latestImport = async () => (await t.db.dataImport.findFirstOrThrow({ orderBy: { id: "desc" } })).id;
  const filtersOf = (key: string) => Object.fromEntries(new URLSearchParams(key)) as DashboardFilters;
  const live = (chart: Row["chart"], filters: DashboardFilters) =>
    chart === "areas" ? populationAndAllocation(t.db, filters) : chart === "kinds" ? bodiesByKindAndNation(t.db, filters) : pcnSizeDistribution(t.db, filters);

  it("holds, for every filter combination of the latest import, what the per-request query returns", async () => {
    const rows = await stored();
    const importId = await latestImport();
    expect(new Set(rows.map((r) => r.import_id))).toEqual(new Set([importId]));
    // The UK, 4 nations, 7 regions alone and with England, for each of the 3 charts ...
    expect(rows.filter((r) => !r.filter_key.includes("icb"))).toHaveLength(19 * 3);
    // ... and for the PCN chart each ICB with PCNs, alone or with England, with or without its region
    const { icbs } = await dashboardOptions(t.db, { team: { id: "none", name: "none" } });
    expect(icbs.length).toBeGreaterThan(30);
    expect(rows.filter((r) => r.filter_key.includes("icb"))).toHaveLength(icbs.length * 2 + icbs.filter((i) => i.regionCode).length * 2);
    for (const row of rows) expect(row.figures, `${row.chart} ${row.filter_key}`).toEqual(await live(row.chart, filtersOf(row.filter_key)));
    // The figures are real: the UK's area bodies and PCNs
    const uk = rows.find((r) => r.chart === "pcns" && r.filter_key === "")!.figures as { pcns: number };
    expect(uk.pcns).toBeGreaterThan(1000);
  });

  it("is what the dashboard reads, for the UK, a region and an ICB", async () => {
    for (const filters of [{}, { nation: "england", region: "Y62" }, { icb: "QYG" }] as DashboardFilters[]) {
      const read = await readMarketFigures(t.db, filters);
      expect(read).toEqual({ areas: await live("areas", filters), kinds: await live("kinds", filters), pcns: await live("pcns", filters) });
    }
  });

  it("computes and stores a missing combination once, for a database migrated after its import", async () => {
    await t.db.$executeRawUnsafe("DELETE FROM dashboard_market_figure WHERE filter_key = 'nation=wales'");
    const read = await readMarketFigures(t.db, { nation: "wales" });
    expect(read.areas).toEqual(await live("areas", { nation: "wales" }));
    const refilled = (await stored()).filter((r) => r.filter_key === filterKey("areas", { nation: "wales" }));
    expect(refilled.map((r) => r.chart).sort()).toEqual(["areas", "kinds", "pcns"]);
  });

  it("is recomputed by an import that changes the data, and the earlier import's figures dropped", async () => {
    const before = await latestImport();
    // Edited behind the importer's back: the stored figures do not see it until an import runs
    await t.db.$executeRawUnsafe("UPDATE organisation SET population = population + 1000 WHERE code = 'QYG'");
    const stale = (await readMarketFigures(t.db, {})).areas.find((r) => r.code === "QYG")!;
    expect(stale.population).toBe((await populationAndAllocation(t.db)).find((r) => r.code === "QYG")!.population! - 1000);

    // The import puts the published population back, which is a change: a new import, new figures
    await importReferenceData(t.db, { today: "2026-11-23" });
    const after = await latestImport();
    expect(after).toBeGreaterThan(before);
    const rows = await stored();
    expect(new Set(rows.map((r) => r.import_id))).toEqual(new Set([after]));
    const areas = rows.find((r) => r.chart === "areas" && r.filter_key === "")!;
    expect(areas.figures).toEqual(await live("areas", {}));
    expect((await readMarketFigures(t.db, {})).areas.find((r) => r.code === "QYG")!.population).toBe(stale.population);
  }, 120_000);
});
