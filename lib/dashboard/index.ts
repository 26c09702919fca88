// Everything the dashboard page draws, for one caller and one set of filters: one query per chart,
// run in parallel (the charts of the reference data in one read of what the import computed). The team charts are skipped for a team with no active list (the page shows how
// to start one instead).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { AuthContext } from "@/lib/auth/context";
import { whoCommissionsWhat } from "./market";
import { readMarketFigures } from "./market-figures";
import { dashboardOptions, type DashboardOptions } from "./options";
import { checkAgainstChoices, parseDashboardFilters, type DashboardFilters } from "./params";
import { readCoverage } from "@/lib/procurement/coverage";
import { contractsEndingByArea } from "./procurement";
import { accountsThatMerged, coverageByRegion, notesPerWeek, overdueEntries, pipelineByStage } from "./team";

export type DashboardData = Awaited<ReturnType<typeof loadDashboard>>;

export async function loadDashboard(db: PrismaClient, ctx: AuthContext, search: Record<string, string | string[] | undefined>) {
  const options: DashboardOptions = await dashboardOptions(db, ctx);
  const { filters, problems } = checkAgainstChoices(parseDashboardFilters(search), options);
  const hasLists = options.lists.length > 0;
  const [{ areas, kinds, pcns }, commissioning, contractsEnding, procurementCoverage, pipeline, coverage, notes, overdue, mergers] = await Promise.all([
    readMarketFigures(db, filters),
    whoCommissionsWhat(db, filters),
    contractsEndingByArea(db, filters),
    readCoverage(db),
    hasLists ? pipelineByStage(db, ctx, filters.list) : null,
    hasLists ? coverageByRegion(db, ctx, filters) : null,
    notesPerWeek(db, ctx),
    hasLists ? overdueEntries(db, ctx) : null,
    hasLists ? accountsThatMerged(db, ctx) : [],
  ]);
  return { options, filters: filters as DashboardFilters, problems, market: { areas, kinds, pcns, commissioning, contractsEnding, procurementCoverage }, team: { pipeline, coverage, notes, overdue, mergers } };
}
