"use client";

// A server-driven table keeps its filters, sort, page, page size and visible columns in the URL of
// the page that shows it. These hooks turn the table's state changes into URL changes through the
// page's navigate (see table-url-state.tsx, whose provider takes any basePath).
import { useCallback, useMemo } from "react";
import { functionalUpdate, type ColumnVisibilityState, type OnChangeFn, type PaginationState, type SortingState } from "@tanstack/react-table";

import { toQueryString, type Navigate } from "./query-string";

/** "name" / "-name" to TanStack's sorting state; `none` (e.g. relevance) means no column is sorted. */
export function sortingFromParam(sort: string, none?: string): SortingState {
  if (sort === none) return [];
  return [{ id: sort.replace(/^-/, ""), desc: sort.startsWith("-") }];
}

/** Sorting through the `sort` parameter; the default sort is left out of the URL when given. */
export function useUrlSorting({ navigate, sort, sortable, none, defaultSort }: { navigate: Navigate; sort: string; sortable: ReadonlySet<string>; none?: string; defaultSort?: string }) {
  const sorting = useMemo(() => sortingFromParam(sort, none), [sort, none]);
  const onSortingChange: OnChangeFn<SortingState> = (updater) => {
    const next = functionalUpdate(updater, sorting)[0];
    navigate((p) => {
      const value = next && sortable.has(next.id) ? `${next.desc ? "-" : ""}${next.id}` : null;
      if (value && value !== defaultSort) p.set("sort", value);
      else p.delete("sort");
    });
  };
  return { sorting, onSortingChange };
}

/** Paging through the `page` and `size` parameters; a new size goes back to page 1. */
export function useUrlPagination({ navigate, page, size, defaultSize }: { navigate: Navigate; page: number; size: number; defaultSize: number }) {
  const pagination = useMemo<PaginationState>(() => ({ pageIndex: page - 1, pageSize: size }), [page, size]);
  const goTo = useCallback(
    (next: PaginationState) =>
      navigate(
        (p) => {
          if (next.pageSize !== size) {
            if (next.pageSize === defaultSize) p.delete("size");
            else p.set("size", String(next.pageSize));
            p.delete("page");
          } else if (next.pageIndex > 0) p.set("page", String(next.pageIndex + 1));
          else p.delete("page");
        },
        { resetPage: false },
      ),
    [navigate, size, defaultSize],
  );
  const onPaginationChange: OnChangeFn<PaginationState> = (updater) => goTo(functionalUpdate(updater, pagination));
  const setPageSize = (pageSize: number) => goTo({ pageIndex: 0, pageSize });
  return { pagination, onPaginationChange, setPageSize };
}

/** The visible columns named in a `columns` parameter, in display order; the defaults when none is valid. */
export function parseColumnList<C extends string>(value: string | null | undefined, hideable: readonly C[], defaults: readonly C[]): C[] {
  if (!value) return [...defaults];
  const wanted = new Set(value.split(","));
  const columns = hideable.filter((c) => wanted.has(c));
  return columns.length ? columns : [...defaults];
}

/**
 * Column visibility through the `columns` parameter. Showing or hiding a column needs no new data,
 * so the address bar changes without a server round trip. `fixed` adds columns outside the menu
 * (e.g. the selection checkboxes); `fallback` is shown when every column is hidden.
 */
export function useUrlColumns<C extends string>({
  query,
  href,
  hideable,
  defaults,
  fallback,
  fixed,
}: {
  query: string;
  href: (query: string) => string;
  hideable: readonly C[];
  defaults: readonly C[];
  fallback: readonly C[];
  fixed?: Record<string, boolean>;
}) {
  const columnsParam = new URLSearchParams(query).get("columns");
  const visible = useMemo(() => parseColumnList(columnsParam, hideable, defaults), [columnsParam, hideable, defaults]);
  const fixedKey = JSON.stringify(fixed ?? {});
  const columnVisibility = useMemo<ColumnVisibilityState>(
    () => ({ ...Object.fromEntries(hideable.map((c) => [c, visible.includes(c)])), ...(JSON.parse(fixedKey) as Record<string, boolean>) }),
    [hideable, visible, fixedKey],
  );
  const onColumnVisibilityChange: OnChangeFn<ColumnVisibilityState> = (updater) => {
    const next = functionalUpdate(updater, columnVisibility);
    let shown: readonly C[] = hideable.filter((c) => next[c] !== false);
    if (!shown.length) shown = fallback;
    const p = new URLSearchParams(window.location.search);
    if (shown.join(",") === defaults.join(",")) p.delete("columns");
    else p.set("columns", shown.join(","));
    window.history.replaceState(null, "", href(toQueryString(p)));
  };
  const defaultVisibility = () => Object.fromEntries(hideable.map((c) => [c, defaults.includes(c)]));
  return { columnVisibility, onColumnVisibilityChange, defaultVisibility };
}
