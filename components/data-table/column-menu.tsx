"use client";

import type { RowData } from "@tanstack/react-table";
import { useDismissableDetails } from "@/components/explorer/explorer-state";
import type { DataTable } from "./features";

/** "Columns ▾": show or hide the table's hideable columns, or go back to the default set. */
export function ColumnMenu<TData extends RowData>({ table, labels, onReset }: { table: DataTable<TData>; labels: Record<string, string>; onReset: () => void }) {
  const ref = useDismissableDetails();
  const hideable = table.getAllLeafColumns().filter((c) => c.getCanHide());
  return (
    <details ref={ref} className="relative">
      <summary className="inline-flex cursor-pointer list-none items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 [&::-webkit-details-marker]:hidden">
        Columns <span aria-hidden className="text-xs text-slate-500">▾</span>
      </summary>
      <div className="absolute right-0 z-30 mt-1 w-56 rounded-md border border-slate-200 bg-white p-2 shadow-lg">
        <fieldset>
          <legend className="px-1 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Show columns</legend>
          {hideable.map((column) => (
            <label key={column.id} className="flex items-center gap-2 rounded px-1 py-1 text-sm text-slate-700 hover:bg-slate-50">
              <input type="checkbox" className="h-4 w-4 accent-brand-600" checked={column.getIsVisible()} onChange={column.getToggleVisibilityHandler()} />
              {labels[column.id] ?? column.id}
            </label>
          ))}
        </fieldset>
        <button type="button" className="mt-1 w-full rounded px-1 py-1 text-left text-xs font-medium text-brand-700 hover:bg-slate-50" onClick={onReset}>
          Reset to default columns
        </button>
      </div>
    </details>
  );
}
