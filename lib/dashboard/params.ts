// The dashboard's filters, read from the page's query string and the CSV route's: a nation and an
// NHS England region for the market charts, an ICB for the PCN chart, a list for the pipeline.
// Validated with zod at the boundary (the server page and the CSV route; the client components
// use ./links, which keeps zod out of the browser bundle).
import { z } from "zod";
import { NATIONS } from "@/lib/organisations/vocabulary";
import { organisationCode } from "@/lib/organisations/read";
import { DASHBOARD_PARAMS, type DashboardFilters } from "./links";

export { DASHBOARD_PARAMS, downloadHrefs, explorerHref, type DashboardFilters, type ExplorerLink } from "./links";

/** One schema per parameter, so the page can drop one bad value and keep the others. */
export const dashboardFilterSchema = z.object({
  nation: z.enum(NATIONS, { message: `nation must be one of: ${NATIONS.join(", ")}` }).optional(),
  /** NHS England region code (Y56 ... Y63); England only */
  region: organisationCode("region must be an NHS England region code such as Y61").optional(),
  /** ICB code, for the PCN chart */
  icb: organisationCode("icb must be an ICB code such as QYG").optional(),
  /** Target list id, for the pipeline chart; absent means all the team's active lists */
  list: z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/, "list must be a target list id").optional(),
});

export type ParsedFilters = { filters: DashboardFilters; problems: string[] };

type RawParams = URLSearchParams | Record<string, string | string[] | undefined>;

function first(params: RawParams, key: string): string | undefined {
  const value = params instanceof URLSearchParams ? params.get(key) : params[key];
  const one = Array.isArray(value) ? value[0] : value;
  return one?.trim() ? one.trim() : undefined;
}

/**
 * Reads the filters. A value that cannot be right (an unknown nation, a malformed code) is dropped
 * and named in `problems`: the page shows everything instead and says why, the API answers 400.
 */
export function parseDashboardFilters(params: RawParams): ParsedFilters {
  const filters: DashboardFilters = {};
  const problems: string[] = [];
  for (const key of DASHBOARD_PARAMS) {
    const value = first(params, key);
    if (value === undefined) continue;
    const parsed = dashboardFilterSchema.shape[key].safeParse(value);
    if (parsed.success) (filters as Record<string, string | undefined>)[key] = parsed.data;
    else problems.push(parsed.error.issues.map((i) => i.message).join("; "));
  }
  // Regions are English: a region with another nation would match nothing, so the nation wins
  if (filters.region && filters.nation && filters.nation !== "england") {
    problems.push("NHS England regions are in England: the region was left out");
    delete filters.region;
  }
  return { filters, problems };
}

/** The choices the filters are checked against (from dashboardOptions). */
export type FilterChoices = {
  regions: { code: string }[];
  icbs: { code: string; regionCode: string | null }[];
  lists: { id: string }[];
};

/**
 * Drops values that are well formed but name nothing the caller may see: an unknown region or ICB,
 * another team's (or an archived) list, an ICB outside the chosen region or nation.
 */
export function checkAgainstChoices({ filters, problems }: ParsedFilters, choices: FilterChoices): ParsedFilters {
  const checked = { ...filters };
  const more = [...problems];
  if (checked.region && !choices.regions.some((r) => r.code === checked.region)) {
    more.push(`no NHS England region has the code ${checked.region}`);
    delete checked.region;
  }
  if (checked.icb) {
    const icb = choices.icbs.find((i) => i.code === checked.icb);
    if (!icb) {
      more.push(`no ICB with PCNs has the code ${checked.icb}`);
      delete checked.icb;
    } else if ((checked.region && icb.regionCode !== checked.region) || (checked.nation && checked.nation !== "england")) {
      more.push(`the ICB ${checked.icb} is outside the chosen ${checked.region ? "region" : "nation"}, so it was left out`);
      delete checked.icb;
    }
  }
  if (checked.list && !choices.lists.some((l) => l.id === checked.list)) {
    more.push("that target list was not found among your team's active lists");
    delete checked.list;
  }
  return { filters: checked, problems: more };
}
