"use client";

import type { RowData } from "@tanstack/react-table";
import type { ReactNode } from "react";
import { formatInteger } from "@/lib/format";
import { PAGE_SIZES } from "@/lib/paging";
import type { TablePage } from "@/lib/tables/page";
import { Select } from "@/components/ui/input";
import type { DataTable } from "./features";

/**
 * "Showing 1–50 of 1,234", rows per page and first/previous/next/last. The buttons go through the
 * table (its onPaginationChange writes the URL); an inexact total has no last page.
 */
export function DataTablePagination<TData extends RowData>({ table, page: data, onPageSize }: { table: DataTable<TData>; page: TablePage<TData>; onPageSize: (size: number) => void }) {
  const { page, size, total, totalExact, hasNextPage } = data;
  const pageCount = Math.max(1, table.getPageCount());
  const first = total === 0 ? 0 : (page - 1) * size + 1;
  const last = (page - 1) * size + data.rows.length;
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-700">
      <p className="tabular-nums">
        Showing {formatInteger(first)}–{formatInteger(last)} of {totalExact ? formatInteger(total) : `more than ${formatInteger(total)}`}
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <label className="flex items-center gap-2">
          <span>Rows per page</span>
          <Select size="xs" full={false} value={size} onChange={(e) => onPageSize(Number(e.target.value))}>
            {PAGE_SIZES.map((s) => <option key={s} value={s}>{s}</option>)}
          </Select>
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
