// The contracts page's URL is its whole state, as the explorer's is: filters, search, sort, page,
// size and columns. Browser-safe, shared by the page's components.

/** Parameters that narrow the notices; "clear filters" removes these and keeps page size and columns. */
export const NOTICE_FILTER_PARAMS = ["q", "buyer", "nation", "cpv", "supplier", "status", "min_value", "max_value", "published_from", "published_to", "ends_within_months", "open"];

/** Columns the user can show or hide, in display order. */
export const NOTICE_COLUMNS = ["title", "buyer", "value", "status", "published", "deadline", "contract_end", "source"] as const;
export type NoticeColumn = (typeof NOTICE_COLUMNS)[number];
export const DEFAULT_NOTICE_COLUMNS: readonly NoticeColumn[] = ["title", "buyer", "value", "status", "published", "contract_end"];
export const NOTICE_COLUMN_LABELS: Record<NoticeColumn, string> = {
  title: "Notice",
  buyer: "Buyer",
  value: "Value",
  status: "Status",
  published: "Published",
  deadline: "Tender deadline",
  contract_end: "Contract ends",
  source: "Source",
};

/** Filters that are set, for the panel's count (the search box shows its own). */
export function activeNoticeFilters(query: string): number {
  const params = new URLSearchParams(query);
  return NOTICE_FILTER_PARAMS.filter((key) => key !== "q" && params.get(key)).length;
}
