// The dashboard's procurement card: contracts ending in the next 12 months per ICB, health board,
// local health board and area HSC trust, each counting the notices of its whole scope (itself, the
// bodies below it, its predecessors), the scope its profile and /contracts?buyer= use.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { join, sql } from "@/lib/db/sql";
import { queryRows } from "@/lib/db/query";
import { todayIso } from "@/lib/format";
import type { Nation, OrganisationKind } from "@/lib/organisations/vocabulary";
import { scopeRootsCte } from "@/lib/procurement/scope";
import { contractEndsWithin } from "@/lib/procurement/windows";
import { DASHBOARD_ENDING_MONTHS } from "./labels";
import { AREA_BODY_CONDITION, placeConditions, shortBodyName } from "./market";
import type { DashboardFilters } from "./params";

export type ContractsEndingRow = { code: string; name: string; shortName: string; kind: OrganisationKind; nation: Nation; contracts: number };

/** Area bodies with at least one contract ending in the window, most first. */
export async function contractsEndingByArea(db: PrismaClient, filters: Pick<DashboardFilters, "nation" | "region"> = {}, today = todayIso()): Promise<ContractsEndingRow[]> {
  const rows = await queryRows<Omit<ContractsEndingRow, "shortName">>(db, sql`
    WITH RECURSIVE ending AS (
      SELECT p.id, b.id AS buyer_id FROM procurement_process p JOIN organisation b ON b.code = p.buyer_code
      WHERE ${contractEndsWithin("p", DASHBOARD_ENDING_MONTHS, today)}
    ), ${scopeRootsCte(sql`SELECT DISTINCT buyer_id AS id FROM ending`)}
    SELECT o.code, o.name, o.kind, o.nation, count(DISTINCT e.id)::int AS contracts
    FROM ending e JOIN scope_roots r ON r.start_id = e.buyer_id JOIN organisation o ON o.id = r.id
    WHERE ${join([AREA_BODY_CONDITION, ...placeConditions(filters)], " AND ")}
    GROUP BY o.code, o.name, o.kind, o.nation
    ORDER BY contracts DESC, o.name`);
  return rows.map((row) => ({ ...row, shortName: shortBodyName(row.name) }));
}
