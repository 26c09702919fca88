"use client";

// The one wiring of a server-driven table: TanStack's table over the page the server sent, with
// its sort, page, page size and visible columns in the URL and its selection kept across pages.
// A table component gives its columns and what its URL means; the rest is the same for all.
import { functionalUpdate, useTable, type ColumnDef, type OnChangeFn, type RowData, type RowSelectionState } from "@tanstack/react-table";
import { DEFAULT_PAGE_SIZE } from "@/lib/paging";
import type { TablePage } from "@/lib/tables/page";
import { dataTableFeatures, type DataTableFeatures } from "./features";
import { useRowSelection } from "./selection";
import { useTableUrlState } from "./table-url-state";
import { useUrlColumns, useUrlPagination, useUrlSorting } from "./url-state";

export type ServerTableOptions<TData extends RowData, C extends string> = {
  page: TablePage<TData>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- columns of any value type, as TanStack's own helper returns them
  columns: ReadonlyArray<ColumnDef<DataTableFeatures, TData, any>>;
  getRowId: (row: TData) => string;
  /** Column ids the server can sort by */
  sortable: ReadonlySet<string>;
  /** A sort that orders no column (e.g. relevance) */
  unsorted?: string;
  /** The sort left out of the URL */
  defaultSort?: string;
  /** Columns the user can show or hide, in display order; those shown by default; those shown when all are hidden */
  hideable: readonly C[];
  defaultColumns: readonly C[];
  fallbackColumns: readonly C[];
  /** Whether the rows have checkboxes */
  selectable: boolean;
  /** What the rows are a selection of (the filters): a new key starts the selection afresh */
  selectionKey: string;
  /** Sees every change of the selection before it applies, e.g. to note the version of a ticked row */
  onSelect?: (next: RowSelectionState) => void;
};

export function useServerTable<TData extends RowData, C extends string>(options: ServerTableOptions<TData, C>) {
  const { page, columns, getRowId, sortable, unsorted, defaultSort, hideable, defaultColumns, fallbackColumns, selectable, selectionKey, onSelect } = options;
  const url = useTableUrlState();
  const { query, navigate, href } = url;

  const selection = useRowSelection(selectionKey);
  const onRowSelectionChange: OnChangeFn<RowSelectionState> = (updater) => {
    const next = functionalUpdate(updater, selection.rowSelection);
    onSelect?.(next);
    selection.onRowSelectionChange(next);
  };
  const { sorting, onSortingChange } = useUrlSorting({ navigate, sort: page.sort, sortable, none: unsorted, defaultSort });
  const { pagination, onPaginationChange, setPageSize } = useUrlPagination({ navigate, page: page.page, size: page.size, defaultSize: DEFAULT_PAGE_SIZE });
  const { columnVisibility, onColumnVisibilityChange, defaultVisibility } = useUrlColumns({
    query,
    href,
    hideable,
    defaults: defaultColumns,
    fallback: fallbackColumns,
    fixed: { select: selectable },
  });

  const table = useTable({
    features: dataTableFeatures,
    columns,
    data: page.rows,
    getRowId,
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    rowCount: page.total,
    // An inexact total cannot say which page is last
    ...(page.totalExact ? {} : { pageCount: -1 }),
    enableMultiSort: false,
    enableSortingRemoval: false,
    state: { sorting, pagination, columnVisibility, rowSelection: selection.rowSelection },
    onSortingChange,
    onPaginationChange,
    onColumnVisibilityChange,
    onRowSelectionChange,
  });

  return {
    table,
    url,
    selection: {
      ...selection,
      /** How many rows are selected: every matching one, or those ticked */
      count: selection.allMatching ? page.total : selection.selectedIds.length,
      /** Every row of this page is ticked, and more rows match: "select all N matching" applies */
      canSelectAllMatching: page.rows.length > 0 && table.getIsAllPageRowsSelected() && page.total > page.rows.length,
    },
    pageCount: Math.max(1, table.getPageCount()),
    setPageSize,
    resetColumns: () => table.setColumnVisibility(defaultVisibility()),
  };
}
