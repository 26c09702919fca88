"use client";

import type { RowData } from "@tanstack/react-table";
import type { ReactNode } from "react";
import { formatInteger } from "@/lib/format";
import type { DataTable } from "./features";

/**
 * "Showing 1–50 of 1,234", rows per page and first/previous/next/last. The buttons go through the
 * table (its onPaginationChange writes the URL); an inexact total has no last page.
 */
export function DataTablePagination<TData extends RowData>({
  table,
  page,
  size,
  sizes,
  total,
  totalExact = true,
  rowsOnPage,
  hasNextPage,
  onPageSize,
}: {
  table: DataTable<TData>;
  page: number;
  size: number;
  sizes: readonly number[];
  total: number;
  totalExact?: boolean;
  rowsOnPage: number;
  hasNextPage: boolean;
  onPageSize: (size: number) => void;
}) {
  const pageCount = Math.max(1, table.getPageCount());
  const first = total === 0 ? 0 : (page - 1) * size + 1;
  const last = (page - 1) * size + rowsOnPage;
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-700">
      <p className="tabular-nums">
        Showing {formatInteger(first)}–{formatInteger(last)} of {totalExact ? formatInteger(total) : `more than ${formatInteger(total)}`}
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <label className="flex items-center gap-2">
          <span>Rows per page</span>
          <select
            className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30"
            value={size}
            onChange={(e) => onPageSize(Number(e.target.value))}
          >
            {sizes.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
        <span className="tabular-nums">
          Page {formatInteger(page)}{totalExact && ` of ${formatInteger(pageCount)}`}
        </span>
        <div className="flex overflow-hidden rounded-md border border-slate-300 bg-white shadow-sm">
          <PageButton label="First page" disabled={!table.getCanPreviousPage()} onClick={() => table.firstPage()}>«</PageButton>
          <PageButton label="Previous page" disabled={!table.getCanPreviousPage()} onClick={() => table.previousPage()}>‹</PageButton>
          <PageButton label="Next page" disabled={!hasNextPage} onClick={() => table.nextPage()}>›</PageButton>
          <PageButton label="Last page" disabled={!hasNextPage || !totalExact} onClick={() => table.lastPage()}>»</PageButton>
        </div>
      </div>
    </nav>
  );
}

function PageButton({ label, disabled, onClick, children }: { label: string; disabled: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      disabled={disabled}
      onClick={onClick}
      className="border-l border-slate-200 px-3 py-1 text-base leading-6 text-slate-700 first:border-l-0 hover:bg-slate-50 focus-visible:relative focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-600 disabled:cursor-not-allowed disabled:text-slate-300 disabled:hover:bg-white"
    >
      <span aria-hidden>{children}</span>
    </button>
  );
}
