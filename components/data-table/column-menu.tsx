"use client";

import type { RowData } from "@tanstack/react-table";
import { Checkbox } from "@/components/ui/input";
import { Menu } from "@/components/ui/menu";
import type { DataTable } from "./features";
import { ResultCount } from "./result-count";

/** "Columns ▾": show or hide the table's hideable columns, or go back to the default set. */
export function ColumnMenu<TData extends RowData>({ table, labels, onReset }: { table: DataTable<TData>; labels: Record<string, string>; onReset: () => void }) {
  const hideable = table.getAllLeafColumns().filter((c) => c.getCanHide());
  return (
    <Menu label={<>Columns <span aria-hidden className="text-xs text-slate-500">▾</span></>} panelClassName="w-56 p-2">
      <fieldset>
        <legend className="px-1 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Show columns</legend>
        {hideable.map((column) => (
          <label key={column.id} className="flex items-center gap-2 rounded px-1 py-1 text-sm text-slate-700 hover:bg-slate-50">
            <Checkbox checked={column.getIsVisible()} onChange={column.getToggleVisibilityHandler()} />
            {labels[column.id] ?? column.id}
          </label>
        ))}
      </fieldset>
      <button type="button" className="mt-1 w-full rounded px-1 py-1 text-left text-xs font-medium text-brand-700 hover:bg-slate-50" onClick={onReset}>
        Reset to default columns
      </button>
    </Menu>
  );
}

/** The line above a server table: how many match (best matches first under a search), and its columns menu. */
export function TableToolbar<TData extends RowData>({ table, total, totalExact, noun, pending, relevance, labels, onReset }: { table: DataTable<TData>; total: number; totalExact: boolean; noun: { one: string; many: string }; pending: boolean; relevance: boolean; labels: Record<string, string>; onReset: () => void }) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-2">
      <ResultCount total={total} totalExact={totalExact} noun={noun} pending={pending}>
        {relevance && <span className="text-slate-500"> · best matches first</span>}
      </ResultCount>
      <ColumnMenu table={table} labels={labels} onReset={onReset} />
    </div>
  );
}
