// The dashboard's procurement card: contracts ending in the next 12 months per ICB, health board,
// local health board and area HSC trust, each counting the notices of its whole scope (itself, the
// bodies below it, its predecessors), the scope its profile and /contracts?buyer= use. The walk is
// done once per import, into the dashboard_contract_ending materialised view (per body and end
// date); a request sums the days of its window.
import { join, sql } from "@/lib/db/sql";
import { execute, queryRows, type Queryable } from "@/lib/db/query";
import { todayIso } from "@/lib/format";
import type { Nation, OrganisationKind } from "@/lib/organisations/vocabulary";
import { contractEndsWithin } from "@/lib/procurement/windows";
import { DASHBOARD_ENDING_MONTHS } from "./labels";
import { AREA_BODY_CONDITION, placeConditions, shortBodyName } from "./market";
import type { DashboardFilters } from "./params";

export type ContractsEndingRow = { code: string; name: string; shortName: string; kind: OrganisationKind; nation: Nation; contracts: number };

/** Area bodies with at least one contract ending in the window, most first. */
export async function contractsEndingByArea(db: Queryable, filters: Pick<DashboardFilters, "nation" | "region"> = {}, today = todayIso()): Promise<ContractsEndingRow[]> {
  // Summed per body before the join: the window's rows come from the index alone (see docs/benchmarks.md)
  const rows = await queryRows<Omit<ContractsEndingRow, "shortName">>(db, sql`
    SELECT o.code, o.name, o.kind, o.nation, c.contracts
    FROM (
      SELECT d.area_id, sum(d.contracts)::int AS contracts FROM dashboard_contract_ending d
      WHERE ${contractEndsWithin("d", DASHBOARD_ENDING_MONTHS, today)}
      GROUP BY d.area_id
    ) c JOIN organisation o ON o.id = c.area_id
    WHERE ${join([AREA_BODY_CONDITION, ...placeConditions(filters)], " AND ")}
    ORDER BY c.contracts DESC, o.name`);
  return rows.map((row) => ({ ...row, shortName: shortBodyName(row.name) }));
}

/**
 * Recounts dashboard_contract_ending after an import changed the notices or the bodies and their
 * successions (which bodies a notice counts for). CONCURRENTLY, so the page keeps the last figures meanwhile.
 */
export async function refreshContractsEnding(db: Queryable): Promise<void> {
  await execute(db, sql`REFRESH MATERIALIZED VIEW CONCURRENTLY dashboard_contract_ending`);
}
