// The dashboard's filters as the browser sees them, and the links the charts make from them: the
// Excel and CSV downloads of a chart and the explorer filtered to a bar. Pure and free of zod, so the client
// chart components can import it without shipping the validator (./params validates on the server).
import type { ExportFormat } from "@/lib/export";
import type { Nation } from "@/lib/organisations/vocabulary";

export type DashboardFilters = { nation?: Nation; region?: string; icb?: string; list?: string };

export const DASHBOARD_PARAMS = ["nation", "region", "icb", "list"] as const satisfies readonly (keyof DashboardFilters)[];

/** The downloads of one chart with the filters that apply to it: Excel, and CSV with a byte-order mark. */
export function downloadHrefs(chart: string, filters: DashboardFilters): Record<ExportFormat, string> {
  const search = new URLSearchParams();
  for (const key of DASHBOARD_PARAMS) {
    const value = filters[key];
    if (value) search.set(key, value);
  }
  const href = (extra: string) => `/api/v1/dashboard/${chart}?${[search.toString(), extra].filter(Boolean).join("&")}`;
  return { xlsx: href("format=xlsx"), csv: href("bom=1") };
}

// A chart's link into the explorer, filtered to what was clicked
export { explorerHref, type ExplorerLink } from "@/lib/organisations/explorer-href";
