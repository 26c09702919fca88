// The data behind each dashboard chart as Excel or CSV, written by lib/export. The route
// app/api/v1/dashboard/[chart] looks the chart up here; the figures are the same aggregates the
// charts draw, with the same filters.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { AuthContext } from "@/lib/auth/context";
import { wantsBom } from "@/lib/csv";
import { exportResponse, requestedFormat, type ColumnType, type ExportColumn } from "@/lib/export";
import { AppError, notFound } from "@/lib/errors";
import { KIND_LABELS, NATION_LABELS, ARRANGEMENTS } from "@/lib/organisations/vocabulary";
import { bodiesByKindAndNation, pcnSizeDistribution, populationAndAllocation, whoCommissionsWhat } from "./market";
import { getTargetList } from "@/lib/target-lists";
import { dashboardOptions } from "./options";
import { coverageByRegion, notesPerWeek, overdueEntries, pipelineByStage } from "./team";
import { checkAgainstChoices, DASHBOARD_PARAMS, parseDashboardFilters, type DashboardFilters } from "./params";

type Loader = (db: PrismaClient, ctx: AuthContext, filters: DashboardFilters) => Promise<{ name: string; columns: ExportColumn<never>[]; rows: unknown[] }>;

/** A chart's table; columns that show a field as it is can be given as header: [field, type]. */
function table<Row>(name: string, columns: ExportColumn<Row>[] | Record<string, [keyof Row, ColumnType]>, rows: Row[]) {
  const list = Array.isArray(columns) ? columns : Object.entries(columns).map(([header, [field, type]]): ExportColumn<Row> => ({ header, type, value: (row) => row[field] }));
  return { name, columns: list as ExportColumn<never>[], rows };
}

function place(filters: DashboardFilters): string {
  return [filters.region, filters.nation ? NATION_LABELS[filters.nation] : null].filter(Boolean).join(" ");
}

export const DASHBOARD_CHARTS = {
  "population-allocation": async (db, _ctx, filters) =>
    table(
      `population and allocation ${place(filters)}`,
      {
        code: ["code", "text"],
        name: ["name", "text"],
        kind: ["kind", "text"],
        nation: ["nation", "text"],
        region_code: ["regionCode", "text"],
        region: ["regionName", "text"],
        population: ["population", "integer"],
        population_year: ["populationYear", "text"],
        registered_patients: ["registeredPatients", "integer"],
        registered_patients_month: ["registeredPatientsMonth", "text"],
        allocation_gbp_thousands: ["allocationGbpThousands", "money"],
        allocation_year: ["allocationYear", "text"],
        allocation_per_head_gbp: ["allocationPerHeadGbp", "money"],
        allocation_per_registered_patient_gbp: ["allocationPerPatientGbp", "money"],
      },
      await populationAndAllocation(db, filters),
    ),
  "bodies-by-kind": async (db, _ctx, filters) =>
    table(
      `bodies by kind and nation ${place(filters)}`,
      [
        { header: "nation", type: "text", value: (r) => r.nation },
        { header: "kind", type: "text", value: (r) => r.kind },
        { header: "kind_label", type: "text", value: (r) => KIND_LABELS[r.kind].plural },
        { header: "open_bodies", type: "integer", value: (r) => r.open },
      ],
      await bodiesByKindAndNation(db, filters),
    ),
  "pcn-sizes": async (db, _ctx, filters) => {
    const distribution = await pcnSizeDistribution(db, filters);
    const bins = [
      ...distribution.patientBins.map((b) => ({ measure: "registered_patients", ...b })),
      ...distribution.practiceBins.map((b) => ({ measure: "member_practices", ...b })),
    ];
    return table(
      `pcn sizes ${filters.icb ?? place(filters)}`,
      [
        { header: "measure", type: "text", value: (r) => r.measure },
        { header: "from", type: "integer", value: (r) => r.from },
        { header: "to", type: "integer", value: (r) => r.to ?? "" },
        { header: "band", type: "text", value: (r) => r.label },
        { header: "pcns", type: "integer", value: (r) => r.pcns },
      ],
      bins,
    );
  },
  "who-commissions": async (db, _ctx, filters) =>
    table(
      `who commissions what ${place(filters)}`,
      [
        { header: "nation", type: "text", value: (r) => r.nation },
        { header: "commissioner_kind", type: "text", value: (r) => r.commissionerKind },
        { header: "commissioner", type: "text", value: (r) => r.label },
        { header: "service_categories", type: "integer", value: (r) => r.categories },
        ...ARRANGEMENTS.map((a) => ({ header: a, type: "integer" as const, value: (r: Awaited<ReturnType<typeof whoCommissionsWhat>>[number]) => r.byArrangement[a] ?? 0 })),
      ],
      await whoCommissionsWhat(db, filters),
    ),
  pipeline: async (db, ctx, filters) =>
    table(
      filters.list ? `pipeline ${filters.list}` : "pipeline all lists",
      [
        { header: "stage", type: "text", value: (r) => r.stage },
        { header: "entries", type: "integer", value: (r) => r.count },
        { header: "estimated_value_gbp", type: "money", value: (r) => r.valueGbp },
      ],
      await pipelineByStage(db, ctx, filters.list),
    ),
  coverage: async (db, ctx, filters) =>
    table(
      `coverage ${place(filters)}`,
      [
        { header: "region_or_nation", type: "text", value: (r) => r.label },
        { header: "region_code", type: "text", value: (r) => r.regionCode },
        { header: "nation", type: "text", value: (r) => r.nation },
        { header: "bodies", type: "integer", value: (r) => r.total },
        { header: "on_a_list", type: "integer", value: (r) => r.onList },
        { header: "share", type: "number", value: (r) => Number(r.share.toFixed(4)) },
      ],
      await coverageByRegion(db, ctx, filters),
    ),
  "notes-activity": async (db, ctx) => {
    const activity = await notesPerWeek(db, ctx);
    const names = new Map(activity.authors.map((a) => [a.id, a.name]));
    return table(
      "notes per week",
      [
        { header: "week_starting", type: "date", value: (r) => r.week },
        { header: "author", type: "text", value: (r) => names.get(r.authorId) ?? "" },
        { header: "notes", type: "integer", value: (r) => r.count },
      ],
      activity.counts,
    );
  },
  overdue: async (db, ctx) =>
    table(
      "overdue next steps",
      [
        { header: "list_id", type: "text", value: (r) => r.listId },
        { header: "list", type: "text", value: (r) => r.listName },
        { header: "overdue_entries", type: "integer", value: (r) => r.total },
        { header: "days_1_7", type: "integer", value: (r) => r.buckets.week },
        { header: "days_8_30", type: "integer", value: (r) => r.buckets.month },
        { header: "days_31_90", type: "integer", value: (r) => r.buckets.quarter },
        { header: "days_over_90", type: "integer", value: (r) => r.buckets.older },
      ],
      await overdueEntries(db, ctx),
    ),
} satisfies Record<string, Loader>;

export type DashboardChart = keyof typeof DASHBOARD_CHARTS;

export function isDashboardChart(value: string): value is DashboardChart {
  return Object.hasOwn(DASHBOARD_CHARTS, value);
}

/**
 * The download of one chart for the filters in `search` (nation, region, icb, list; format, bom): an
 * unknown chart or another team's list is a 404, an unknown parameter or a bad value a 400.
 */
export async function dashboardExport(db: PrismaClient, ctx: AuthContext, chart: string, search: URLSearchParams): Promise<Response> {
  if (!isDashboardChart(chart)) throw notFound(`The chart "${chart.slice(0, 40)}"`);
  for (const key of search.keys()) {
    if (!(DASHBOARD_PARAMS as readonly string[]).includes(key) && key !== "bom" && key !== "format") throw new AppError("invalid", `Unknown parameter "${key}".`, { [key]: ["Unknown parameter"] });
  }
  const format = requestedFormat(search) ?? "csv";
  const { filters, problems } = parseDashboardFilters(search);
  if (problems.length) throw new AppError("invalid", problems.join("; "));
  let listName: string | null = null;
  if (filters.list) {
    // Another team's list, an archived one or one that does not exist: the same 404
    listName = (await getTargetList(db, ctx, filters.list, { active: true })).name;
  }
  if (filters.region || filters.icb) {
    const checked = checkAgainstChoices({ filters, problems: [] }, await dashboardOptions(db, ctx));
    if (checked.problems.length) throw new AppError("invalid", checked.problems.join("; "));
  }
  const loaded = await DASHBOARD_CHARTS[chart](db, ctx, filters);
  const { columns, rows } = loaded;
  const name = listName && chart === "pipeline" ? `pipeline ${listName}` : loaded.name;
  async function* once() {
    yield rows as never[];
  }
  return exportResponse(format, name.trim(), columns, once(), { bom: wantsBom(search) });
}
