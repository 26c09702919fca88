// The dashboard's filters as the browser sees them, and the links the charts make from them: the
// CSV download of a chart and the explorer filtered to a bar. Pure and free of zod, so the client
// chart components can import it without shipping the validator (./params validates on the server).
import type { Nation } from "@/lib/organisations/vocabulary";

export type DashboardFilters = { nation?: Nation; region?: string; icb?: string; list?: string };

export const DASHBOARD_PARAMS = ["nation", "region", "icb", "list"] as const satisfies readonly (keyof DashboardFilters)[];

/** The CSV download of one chart with the filters that apply to it (and a byte-order mark for Excel). */
export function csvHref(chart: string, filters: DashboardFilters): string {
  const search = new URLSearchParams();
  for (const key of DASHBOARD_PARAMS) {
    const value = filters[key];
    if (value) search.set(key, value);
  }
  search.set("bom", "1");
  return `/api/v1/dashboard/${chart}?${search.toString()}`;
}

// A chart's link into the explorer, filtered to what was clicked
export { explorerHref, type ExplorerLink } from "@/lib/organisations/explorer-href";
