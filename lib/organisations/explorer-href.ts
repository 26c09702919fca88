// The one way to link into the explorer, from a query the explorer itself built (a drill-down, a
// saved view) or from the filters of what was clicked (a dashboard bar). Browser-safe.

/** Explorer parameters a link can set (names as in lib/organisations/explorer.ts). */
export type ExplorerLink = { nation?: string; kind?: string; region?: string; parent?: string; commissions?: string; status?: "open" | "closed" | "unknown" | "all"; list?: string; stage?: string };

const LINK_PARAMS = ["nation", "kind", "region", "parent", "commissions", "status", "list", "stage"] as const;

/** The explorer with a query string (without "?"), or filtered to the given values. */
export function explorerHref(query: string | ExplorerLink): string {
  let text = query;
  if (typeof query !== "string") {
    const search = new URLSearchParams();
    for (const key of LINK_PARAMS) {
      const value = query[key];
      if (value) search.set(key, value);
    }
    text = search.toString();
  }
  return text ? `/explorer?${text}` : "/explorer";
}
