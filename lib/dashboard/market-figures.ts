// The market charts that depend only on the reference data (areas, kinds, PCN sizes), computed once
// per data import into dashboard_market_figure, for every filter combination the dashboard accepts,
// and read from there per request: one indexed read instead of three aggregates. Who commissions
// what and contracts ending stay per request: both depend on today's date (and the second on the
// procurement data, which has imports of its own).
import { sql } from "@/lib/db/sql";
import { execute, queryRows, type Queryable } from "@/lib/db/query";
import { NATIONS } from "@/lib/organisations/vocabulary";
import { bodiesByKindAndNation, pcnSizeDistribution, populationAndAllocation, type AreaBodyRow, type KindNationRow, type PcnDistribution } from "./market";
import { dashboardOptions, type DashboardOptions } from "./options";
import type { DashboardFilters } from "./params";

export type MarketFigures = { areas: AreaBodyRow[]; kinds: KindNationRow[]; pcns: PcnDistribution };
type Chart = keyof MarketFigures;

/** The filters a chart's figures depend on, as a query string in a fixed order ("" for the UK). */
export function filterKey(chart: Chart, filters: DashboardFilters): string {
  const keys = chart === "pcns" ? (["nation", "region", "icb"] as const) : (["nation", "region"] as const);
  return new URLSearchParams(keys.flatMap((key) => (filters[key] ? [[key, filters[key]]] : []))).toString();
}

async function compute(db: Queryable, chart: Chart, filters: DashboardFilters): Promise<MarketFigures[Chart]> {
  if (chart === "areas") return populationAndAllocation(db, filters);
  if (chart === "kinds") return bodiesByKindAndNation(db, filters);
  return pcnSizeDistribution(db, filters);
}

/**
 * Every combination checkAgainstChoices lets through: the UK, each nation, each region alone or
 * with England; for the PCN chart also each ICB alone, with England and with its region.
 */
function filterCombinations(options: Pick<DashboardOptions, "regions" | "icbs">): { chart: Chart; filters: DashboardFilters }[] {
  const places: DashboardFilters[] = [{}, ...NATIONS.map((nation) => ({ nation }))];
  for (const { code } of options.regions) places.push({ region: code }, { nation: "england", region: code });
  const icbs = options.icbs.flatMap(({ code, regionCode }) =>
    [undefined, "england" as const].flatMap((nation) => [{ nation, icb: code }, ...(regionCode ? [{ nation, region: regionCode, icb: code }] : [])]),
  );
  return [
    ...places.flatMap((filters) => (["areas", "kinds", "pcns"] as const).map((chart) => ({ chart, filters }))),
    ...icbs.map((filters) => ({ chart: "pcns" as const, filters })),
  ];
}

/**
 * Recomputes the figures for an import (run by the importer in its transaction, after the data has
 * changed) and drops those of earlier imports. Sequential: a transaction is one connection.
 */
export async function refreshMarketFigures(db: Queryable, importId: number): Promise<number> {
  // The team part of the options (lists) is not needed: no team has the empty id
  const options = await dashboardOptions(db, { team: { id: "", name: "" } });
  const rows: { chart: Chart; filter_key: string; figures: MarketFigures[Chart] }[] = [];
  for (const { chart, filters } of filterCombinations(options)) {
    rows.push({ chart, filter_key: filterKey(chart, filters), figures: await compute(db, chart, filters) });
  }
  await execute(db, sql`DELETE FROM dashboard_market_figure WHERE import_id <> ${importId}`);
  await execute(db, sql`
    INSERT INTO dashboard_market_figure (import_id, chart, filter_key, figures)
    SELECT ${importId}, r.chart, r.filter_key, r.figures FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(chart text, filter_key text, figures jsonb)
    ON CONFLICT (import_id, chart, filter_key) DO UPDATE SET figures = excluded.figures`);
  return rows.length;
}

/**
 * The three charts for these (checked) filters, from the latest import's row. A database whose
 * figures were never computed for its latest import (migrated after it) computes the missing ones
 * once and stores them; one with no import at all computes them every time.
 */
export async function readMarketFigures(db: Queryable, filters: DashboardFilters): Promise<MarketFigures> {
  const charts = ["areas", "kinds", "pcns"] as const;
  const keys = charts.map((chart) => filterKey(chart, filters));
  const found = await queryRows<{ import_id: number | null; chart: Chart | null; figures: unknown }>(db, sql`
    SELECT i.id AS import_id, f.chart, f.figures
    FROM (SELECT max(id) AS id FROM data_import) i
    LEFT JOIN dashboard_market_figure f ON f.import_id = i.id
      AND ((f.chart = 'areas' AND f.filter_key = ${keys[0]}) OR (f.chart = 'kinds' AND f.filter_key = ${keys[1]}) OR (f.chart = 'pcns' AND f.filter_key = ${keys[2]}))`);
  const importId = found[0]?.import_id ?? null;
  const stored = new Map(found.flatMap((row) => (row.chart ? [[row.chart, row.figures] as const] : [])));
  const figures = await Promise.all(
    charts.map(async (chart, i) => {
      if (stored.has(chart)) return stored.get(chart);
      const computed = await compute(db, chart, filters);
      if (importId !== null) {
        await execute(db, sql`
          INSERT INTO dashboard_market_figure (import_id, chart, filter_key, figures)
          VALUES (${importId}, ${chart}, ${keys[i]}, ${JSON.stringify(computed)}::jsonb) ON CONFLICT DO NOTHING`);
      }
      return computed;
    }),
  );
  return { areas: figures[0] as AreaBodyRow[], kinds: figures[1] as KindNationRow[], pcns: figures[2] as PcnDistribution };
}
