"use client";

import type { Header, RowData } from "@tanstack/react-table";
import type { ReactNode } from "react";
import type { DataTable, DataTableFeatures } from "./features";

/** A column header: a button that sorts (with aria-sort on the cell) when the column can sort. */
export function SortableHeaderCell<TData extends RowData>({ table, header, dense = false }: { table: DataTable<TData>; header: Header<DataTableFeatures, TData>; dense?: boolean }) {
  const column = header.column;
  const sorted = column.getIsSorted();
  const numeric = column.columnDef.meta?.numeric;
  const canSort = column.getCanSort();
  return (
    <th
      scope="col"
      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : canSort ? "none" : undefined}
      className={`sticky top-0 z-10 whitespace-nowrap border-b border-slate-200 bg-slate-50 ${dense ? "px-2" : "px-3"} py-2 text-xs font-semibold text-slate-600 ${numeric ? "text-right" : ""}`}
    >
      {header.isPlaceholder ? null : canSort ? (
        <button
          type="button"
          onClick={column.getToggleSortingHandler()}
          className={`inline-flex items-center gap-1 rounded hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 ${numeric ? "flex-row-reverse" : ""} ${sorted ? "text-slate-900" : ""}`}
          title={`Sort by ${String(column.columnDef.header ?? column.id).toLowerCase()}`}
        >
          <table.FlexRender header={header} />
          <span aria-hidden className={`text-[10px] ${sorted ? "text-brand-600" : "text-slate-300"}`}>{sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}</span>
        </button>
      ) : (
        <table.FlexRender header={header} />
      )}
    </th>
  );
}

/**
 * The table itself: a real <table> with a caption, sticky sortable headers and the current page's
 * rows. The rows are whatever the server sent; nothing is sorted or filtered here.
 */
export function DataTableGrid<TData extends RowData>({
  table,
  caption,
  pending = false,
  allSelected = false,
  rowClassName,
  dense = false,
}: {
  table: DataTable<TData>;
  caption: ReactNode;
  /** Dims the rows while the server renders the next ones */
  pending?: boolean;
  /** Every row counts as selected ("all matching") */
  allSelected?: boolean;
  /** Extra classes for a row, e.g. to mark a closed body */
  rowClassName?: (row: TData) => string;
  /** Narrower cell padding, for tables with many columns */
  dense?: boolean;
}) {
  return (
    // relative: the table's sr-only texts (absolutely positioned) are then placed and clipped in
    // here; without it, one past the table's visible edge widened the whole page
    <div className={`relative overflow-auto rounded-lg lg:max-h-[70vh] border border-slate-200 bg-white shadow-sm transition-opacity ${pending ? "opacity-60" : ""}`} aria-busy={pending}>
      <table className="w-full border-separate border-spacing-0 text-left text-[13px]">
        <caption className="sr-only">{caption}</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <SortableHeaderCell key={header.id} table={table} header={header} dense={dense} />
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} className={`group ${row.getIsSelected() || allSelected ? "bg-brand-50/70" : "hover:bg-slate-50"} ${rowClassName?.(row.original) ?? ""}`}>
              {row.getVisibleCells().map((cell) => {
                const meta = cell.column.columnDef.meta;
                return (
                  <td
                    key={cell.id}
                    className={`border-b border-slate-100 ${dense ? "px-2" : "px-3"} py-1.5 align-top text-slate-800 ${meta?.numeric ? "text-right tabular-nums" : ""} ${meta?.className ?? "whitespace-nowrap"}`}
                  >
                    <table.FlexRender cell={cell} />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
