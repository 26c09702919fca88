// The explorer's URL is its whole state: filters, search, sort, page, size and visible columns.
// These helpers build the query strings the page, the table and the actions share.
import type { ExportFormat } from "@/lib/export";
import type { OrganisationKind } from "@/lib/organisations/vocabulary";
import { toQueryString } from "@/components/data-table/query-string";

/** Columns the user can show or hide, in display order. */
export const HIDEABLE_COLUMNS = ["code", "name", "kind", "nation", "parent", "region", "population", "patients", "allocation", "status"] as const;
export type HideableColumn = (typeof HIDEABLE_COLUMNS)[number];
export const DEFAULT_COLUMNS: readonly HideableColumn[] = ["code", "name", "kind", "parent", "population", "patients", "allocation"];
export const COLUMN_LABELS: Record<HideableColumn, string> = {
  code: "Code",
  name: "Name",
  kind: "Kind",
  nation: "Nation",
  parent: "Parent",
  region: "NHS England region",
  population: "Population",
  patients: "Registered patients",
  allocation: "Allocation",
  status: "Status",
};

/** Parameters that are not filters: they never change which bodies match. */
const VIEW_ONLY_PARAMS = ["page", "size", "columns", "sort", "view", "cursor", "limit", "format", "bom"];


/** The filter part of a query: what "all N matching" means (for bulk add and saved selections). */
export function filterQuery(query: string): string {
  const params = new URLSearchParams(query);
  for (const key of VIEW_ONLY_PARAMS) params.delete(key);
  if (!params.get("q")) params.delete("q");
  return toQueryString(params);
}

/** Filters and sort, for the export (which ignores paging and columns); a CSV starts with a byte-order mark. */
export function exportQuery(query: string, viewName: string, format: ExportFormat): string {
  const params = new URLSearchParams(query);
  for (const key of ["page", "size", "columns", "view", "cursor", "limit", "format", "bom"]) params.delete(key);
  params.set("format", format);
  if (format === "csv") params.set("bom", "1");
  params.set("view", viewName || "explorer");
  return toQueryString(params);
}

/** The query a saved view stores: everything but the page (a view opens on its first page). */
export function viewQuery(query: string): string {
  const params = new URLSearchParams(query);
  params.delete("page");
  params.delete("view");
  return toQueryString(params);
}

/** Drill into a body: its children, optionally of one kind. Search, kind and region give way. */
export function drillQuery(query: string, parent: string | null, kind?: OrganisationKind): string {
  const params = new URLSearchParams(query);
  for (const key of ["page", "view", "q", "kind", "region"]) params.delete(key);
  if (params.get("sort") === "relevance") params.delete("sort");
  if (parent) params.set("parent", parent);
  else params.delete("parent");
  if (kind) params.set("kind", kind);
  return toQueryString(params);
}

