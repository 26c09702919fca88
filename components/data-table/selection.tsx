"use client";

import { useState, type ReactNode } from "react";
import { functionalUpdate, type OnChangeFn, type RowData, type RowSelectionState } from "@tanstack/react-table";
import { formatInteger } from "@/lib/format";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/input";
import { dataColumnHelper } from "./features";

/** The first column of a selectable table: a checkbox per row and one for the whole page. */
export function selectionColumn<TData extends RowData>({ pageLabel, rowLabel }: { pageLabel: string; rowLabel: (row: TData) => string }) {
  const helper = dataColumnHelper<TData>();
  return helper.display({
    id: "select",
    enableSorting: false,
    enableHiding: false,
    meta: { className: "w-9" },
    header: ({ table }) => (
      <Checkbox
        className="align-middle"
        label={pageLabel}
        checked={table.getIsAllPageRowsSelected()}
        indeterminate={table.getIsSomePageRowsSelected()}
        onChange={table.getToggleAllPageRowsSelectedHandler()}
      />
    ),
    cell: ({ row }) => <Checkbox className="align-middle" label={rowLabel(row.original)} checked={row.getIsSelected()} onChange={row.getToggleSelectedHandler()} />,
  });
}

/**
 * Selection by row id that survives paging, plus "every row matching the filters". A different
 * filter (selectionKey) starts afresh; unticking a row leaves "all matching".
 */
export function useRowSelection(selectionKey: string) {
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [allMatching, setAllMatching] = useState(false);
  const [selectionFor, setSelectionFor] = useState(selectionKey);
  if (selectionFor !== selectionKey) {
    setSelectionFor(selectionKey);
    setRowSelection({});
    setAllMatching(false);
  }
  const onRowSelectionChange: OnChangeFn<RowSelectionState> = (updater) => {
    const next = functionalUpdate(updater, rowSelection);
    if (allMatching && Object.keys(next).length < Object.keys(rowSelection).length) setAllMatching(false);
    setRowSelection(next);
  };
  const clearSelection = () => {
    setRowSelection({});
    setAllMatching(false);
  };
  const selectedIds = Object.keys(rowSelection).filter((id) => rowSelection[id]);
  return { rowSelection, onRowSelectionChange, allMatching, setAllMatching, clearSelection, selectedIds };
}

export type Noun = { one: string; many: string };

/** "N selected" with a way to clear it, and the actions that apply to the selection. */
export function SelectionBar({ count, allMatching, noun, onClear, children }: { count: number; allMatching: boolean; noun: Noun; onClear: () => void; children: ReactNode }) {
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-lg border border-brand-100 bg-brand-50 px-3 py-2 text-sm">
      <p className="text-brand-900" role="status">
        <span className="font-semibold tabular-nums">{formatInteger(count)}</span> selected
        {allMatching ? ` (every ${noun.one} matching these filters)` : ""}
        <Button variant="link" onClick={onClear} className="ml-2">Clear selection</Button>
      </p>
      {children}
    </div>
  );
}

/** Once the whole page is ticked: offer every row matching the filters, or say they are all selected. */
export function SelectAllMatching({ total, pageRows, allMatching, noun, onSelectAll, onClear }: { total: number; pageRows: number; allMatching: boolean; noun: Noun; onSelectAll: () => void; onClear: () => void }) {
  return (
    <div className="rounded-md bg-slate-100 px-3 py-2 text-center text-sm text-slate-700">
      {allMatching ? (
        <>
          All <strong className="tabular-nums">{formatInteger(total)}</strong> {noun.many} matching these filters are selected.{" "}
          <Button variant="link" onClick={onClear}>Clear selection</Button>
        </>
      ) : (
        <>
          All {pageRows} on this page selected —{" "}
          <Button variant="link" onClick={onSelectAll}>
            select all {formatInteger(total)} matching
          </Button>
        </>
      )}
    </div>
  );
}
