// The features every server-driven table of the app shares (the explorer, a profile's bodies below,
// a target list's entries): sorting, paging and filtering happen on the server, the table keeps
// selection and column visibility. One feature set means one set of shared components below.
import {
  columnFilteringFeature,
  columnVisibilityFeature,
  createColumnHelper,
  metaHelper,
  rowPaginationFeature,
  rowSelectionFeature,
  rowSortingFeature,
  tableFeatures,
  type ReactTable,
  type RowData,
} from "@tanstack/react-table";

export type DataColumnMeta = {
  /** Right-aligned, tabular figures; the sort arrow goes on the left */
  numeric?: boolean;
  /** Classes of the column's cells (default: whitespace-nowrap) */
  className?: string;
};

export const dataTableFeatures = tableFeatures({
  columnFilteringFeature,
  rowSortingFeature,
  rowPaginationFeature,
  rowSelectionFeature,
  columnVisibilityFeature,
  columnMeta: metaHelper<DataColumnMeta>(),
});

export type DataTableFeatures = typeof dataTableFeatures;
export type DataTable<TData extends RowData> = ReactTable<DataTableFeatures, TData>;

export function dataColumnHelper<TData extends RowData>() {
  return createColumnHelper<DataTableFeatures, TData>();
}
