"use client";

import { useCallback, useMemo, useState } from "react";
import Link from "next/link";
import {
  columnFilteringFeature,
  columnVisibilityFeature,
  createColumnHelper,
  functionalUpdate,
  rowPaginationFeature,
  rowSelectionFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnVisibilityState,
  type OnChangeFn,
  type PaginationState,
  type ReactTable,
  type RowSelectionState,
  type SortingState,
} from "@tanstack/react-table";
import type { ExplorerRow, Sort } from "@/lib/organisations/explorer";
import { KIND_LABELS, NATION_LABELS, type OrganisationKind } from "@/lib/organisations/vocabulary";
import { formatDate, formatInteger } from "@/lib/format";
import { Badge } from "@/components/ui/badge";
import { useDismissableDetails, useExplorer } from "./explorer-state";
import { useClearFilters, type Option } from "./explorer-filters";
import { BulkAddToList } from "./bulk-add";
import {
  CHILD_KINDS,
  COLUMN_LABELS,
  DEFAULT_COLUMNS,
  DEFAULT_PAGE_SIZE,
  HIDEABLE_COLUMNS,
  PAGE_SIZES,
  SHORT_KIND_LABELS,
  drillQuery,
  explorerHref,
  filterQuery,
  parseColumns,
  toQueryString,
  type HideableColumn,
} from "./query";

const features = tableFeatures({
  columnFilteringFeature,
  rowSortingFeature,
  rowPaginationFeature,
  rowSelectionFeature,
  columnVisibilityFeature,
  columnMeta: {} as { numeric?: boolean; className?: string },
});
const helper = createColumnHelper<typeof features, ExplorerRow>();

/** Short plurals for the drill-down links under a row */
const CHILD_LINK_LABELS: Partial<Record<OrganisationKind, string>> = {
  "sub-icb-location": "Sub-ICBs",
  "nhs-trust": "Trusts",
  pcn: "PCNs",
  "gp-practice": "Practices",
};

const SORTABLE = new Set(["name", "code", "kind", "population", "allocation"]);

function sortingFromSort(sort: Sort): SortingState {
  if (sort === "relevance") return [];
  return [{ id: sort.replace(/^-/, ""), desc: sort.startsWith("-") }];
}

/**
 * £ in compact form. Done by hand rather than with Intl's compact notation, whose output differs
 * between Node's and the browser's ICU ("£4bn" against "£4.0bn") and breaks hydration.
 */
function formatAllocation(thousands: number): string {
  if (thousands >= 1_000_000) return `£${(thousands / 1_000_000).toFixed(1)}bn`;
  if (thousands >= 1_000) return `£${(thousands / 1_000).toFixed(1)}m`;
  return `£${formatInteger(Math.round(thousands))}k`;
}

function NoFigure() {
  return (
    <span title="No figure in the data" className="text-slate-400">
      <span aria-hidden>—</span>
      <span className="sr-only">No figure in the data</span>
    </span>
  );
}

function Checkbox({ label, checked, indeterminate, onChange }: { label: string; checked: boolean; indeterminate?: boolean; onChange: (event: React.ChangeEvent<HTMLInputElement>) => void }) {
  return (
    <input
      type="checkbox"
      aria-label={label}
      className="h-4 w-4 cursor-pointer rounded border-slate-300 align-middle accent-brand-600"
      checked={checked}
      ref={(el) => {
        if (el) el.indeterminate = Boolean(indeterminate) && !checked;
      }}
      onChange={onChange}
    />
  );
}

function useColumns(query: string) {
  return useMemo(
    () =>
      helper.columns([
        helper.display({
          id: "select",
          enableSorting: false,
          enableHiding: false,
          meta: { className: "w-9" },
          header: ({ table }) => (
            <Checkbox
              label="Select every body on this page"
              checked={table.getIsAllPageRowsSelected()}
              indeterminate={table.getIsSomePageRowsSelected()}
              onChange={table.getToggleAllPageRowsSelectedHandler()}
            />
          ),
          cell: ({ row }) => <Checkbox label={`Select ${row.original.name}`} checked={row.getIsSelected()} onChange={row.getToggleSelectedHandler()} />,
        }),
        helper.accessor("code", {
          header: "Code",
          cell: (info) => <span className="font-mono text-xs text-slate-600">{info.getValue()}</span>,
        }),
        helper.accessor("name", {
          header: "Name",
          meta: { className: "min-w-[13rem] whitespace-normal" },
          cell: ({ row }) => {
            const r = row.original;
            return (
              <div>
                <span className="inline-flex flex-wrap items-center gap-x-2 gap-y-0.5">
                  <Link href={`/organisations/${encodeURIComponent(r.code)}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                    {r.name}
                  </Link>
                  {r.status === "closed" && <Badge tone="danger">Closed</Badge>}
                </span>
                {r.status === "closed" && r.successors?.length ? (
                  <ul className="mt-0.5 text-xs text-slate-600">
                    {r.successors.map((s) => (
                      <li key={s.code}>
                        <span aria-hidden>→ </span>
                        <span className="sr-only">Succeeded by </span>
                        <Link href={`/organisations/${encodeURIComponent(s.code)}`} className="text-brand-700 hover:underline">{s.name}</Link>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </div>
            );
          },
        }),
        helper.accessor("kind", {
          header: "Kind",
          cell: (info) => <span title={KIND_LABELS[info.getValue()].singular}>{SHORT_KIND_LABELS[info.getValue()]}</span>,
        }),
        helper.accessor("nation", {
          header: "Nation",
          enableSorting: false,
          cell: (info) => NATION_LABELS[info.getValue()],
        }),
        helper.accessor("parent_name", {
          id: "parent",
          header: "Parent",
          enableSorting: false,
          meta: { className: "whitespace-nowrap" },
          cell: ({ row }) => {
            const r = row.original;
            if (!r.parent_code) return <span className="text-slate-400">—</span>;
            return (
              <Link
                href={explorerHref(drillQuery(query, r.parent_code))}
                title={`Show everything under ${r.parent_name ?? r.parent_code}`}
                className="block max-w-[13rem] truncate text-slate-700 underline decoration-slate-300 underline-offset-2 hover:text-brand-700 hover:decoration-brand-600"
              >
                {r.parent_name ?? r.parent_code}
              </Link>
            );
          },
        }),
        helper.accessor("region_name", {
          id: "region",
          header: "Region",
          enableSorting: false,
          meta: { className: "min-w-[7rem] whitespace-normal" },
          cell: ({ row }) => row.original.region_name ?? <span className="text-slate-400">—</span>,
        }),
        helper.accessor("population", {
          header: "Population",
          sortDescFirst: true,
          meta: { numeric: true, className: "whitespace-nowrap" },
          cell: ({ row }) => {
            const { population, population_year } = row.original;
            if (population === null) return <NoFigure />;
            return (
              <span title={population_year ? `Population ${population_year}` : undefined}>
                {formatInteger(Number(population))}
                {population_year && <span className="block text-[11px] leading-4 text-slate-400">{population_year}</span>}
              </span>
            );
          },
        }),
        helper.accessor((r) => r.allocation_gbp_thousands, {
          id: "allocation",
          header: "Allocation",
          sortDescFirst: true,
          meta: { numeric: true, className: "whitespace-nowrap" },
          cell: ({ row }) => {
            const { allocation_gbp_thousands: value, allocation_year: year } = row.original;
            if (value === null) return <NoFigure />;
            const thousands = Number(value);
            return (
              <span title={`£${formatInteger(Math.round(thousands))}k${year ? ` in ${year}` : ""}`}>
                {formatAllocation(thousands)}
                {year && <span className="block text-[11px] leading-4 text-slate-400">{year}</span>}
              </span>
            );
          },
        }),
        helper.accessor("status", {
          header: "Status",
          enableSorting: false,
          cell: ({ row }) =>
            row.original.status === "closed" ? (
              <span title={row.original.close_date ? `Closed ${formatDate(row.original.close_date)}` : undefined}>
                <Badge tone="danger">Closed</Badge>
              </span>
            ) : (
              <Badge tone="success">Open</Badge>
            ),
        }),
        helper.display({
          id: "actions",
          enableSorting: false,
          enableHiding: false,
          header: () => <span className="sr-only">Drill down</span>,
          cell: ({ row }) => {
            const r = row.original;
            const childKinds = CHILD_KINDS[r.kind];
            if (!childKinds) return null;
            return (
              <div className="flex flex-col items-start gap-0.5 text-xs">
                <Link href={explorerHref(drillQuery(query, r.code))} aria-label={`View children of ${r.name}`} className="whitespace-nowrap font-medium text-brand-700 hover:underline">
                  View children <span aria-hidden>›</span>
                </Link>
                {childKinds.length > 1 && (
                  <span className="whitespace-nowrap text-slate-500">
                    {childKinds.map((kind, i) => (
                      <span key={kind}>
                        {i > 0 && <span aria-hidden> · </span>}
                        <Link href={explorerHref(drillQuery(query, r.code, kind))} aria-label={`${KIND_LABELS[kind].plural} under ${r.name}`} className="hover:text-brand-700 hover:underline">
                          {CHILD_LINK_LABELS[kind] ?? SHORT_KIND_LABELS[kind]}
                        </Link>
                      </span>
                    ))}
                  </span>
                )}
              </div>
            );
          },
        }),
      ]),
    [query],
  );
}

type Props = {
  rows: ExplorerRow[];
  total: number;
  /** false when more bodies match than the server counts: total is then a lower bound */
  totalExact: boolean;
  hasNextPage: boolean;
  page: number;
  size: number;
  sort: Sort;
  canWrite: boolean;
  lists: Option[];
};

export function ExplorerTable({ rows, total, totalExact, hasNextPage, page, size, sort, canWrite, lists }: Props) {
  const { query, navigate, pending, href } = useExplorer();
  const clearFilters = useClearFilters();
  const columns = useColumns(query);
  const params = new URLSearchParams(query);

  // Selection is by code and survives paging; a different filter starts afresh
  const selectionKey = filterQuery(query);
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [allMatching, setAllMatching] = useState(false);
  const [selectionFor, setSelectionFor] = useState(selectionKey);
  if (selectionFor !== selectionKey) {
    setSelectionFor(selectionKey);
    setRowSelection({});
    setAllMatching(false);
  }

  const sorting = useMemo(() => sortingFromSort(sort), [sort]);
  const pagination = useMemo<PaginationState>(() => ({ pageIndex: page - 1, pageSize: size }), [page, size]);
  const columnsParam = params.get("columns");
  const visibleColumns = useMemo(() => parseColumns(columnsParam), [columnsParam]);
  const columnVisibility = useMemo<ColumnVisibilityState>(
    // Selecting rows only serves "add to target list": viewers do not get the checkboxes
    () => ({ ...Object.fromEntries(HIDEABLE_COLUMNS.map((c) => [c, visibleColumns.includes(c)])), select: canWrite }),
    [visibleColumns, canWrite],
  );

  const onSortingChange: OnChangeFn<SortingState> = (updater) => {
    const next = functionalUpdate(updater, sorting)[0];
    navigate((p) => {
      if (next && SORTABLE.has(next.id)) p.set("sort", `${next.desc ? "-" : ""}${next.id}`);
      else p.delete("sort");
    });
  };

  const goTo = useCallback(
    (next: PaginationState) =>
      navigate(
        (p) => {
          if (next.pageSize !== size) {
            if (next.pageSize === DEFAULT_PAGE_SIZE) p.delete("size");
            else p.set("size", String(next.pageSize));
            p.delete("page");
          } else if (next.pageIndex > 0) p.set("page", String(next.pageIndex + 1));
          else p.delete("page");
        },
        { resetPage: false },
      ),
    [navigate, size],
  );
  const onPaginationChange: OnChangeFn<PaginationState> = (updater) => goTo(functionalUpdate(updater, pagination));

  // Showing or hiding a column needs no new data: update the address bar without a server round trip
  const onColumnVisibilityChange: OnChangeFn<ColumnVisibilityState> = (updater) => {
    const next = functionalUpdate(updater, columnVisibility);
    let visible = HIDEABLE_COLUMNS.filter((c) => next[c] !== false);
    if (!visible.length) visible = ["name"];
    const p = new URLSearchParams(window.location.search);
    if (visible.join(",") === DEFAULT_COLUMNS.join(",")) p.delete("columns");
    else p.set("columns", visible.join(","));
    window.history.replaceState(null, "", href(toQueryString(p)));
  };

  const onRowSelectionChange: OnChangeFn<RowSelectionState> = (updater) => {
    const next = functionalUpdate(updater, rowSelection);
    if (allMatching && Object.keys(next).length < Object.keys(rowSelection).length) setAllMatching(false);
    setRowSelection(next);
  };

  const table = useTable({
    features,
    columns,
    data: rows,
    getRowId: (row) => row.code,
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    rowCount: total,
    // An inexact total cannot say which page is last
    ...(totalExact ? {} : { pageCount: -1 }),
    enableMultiSort: false,
    enableSortingRemoval: false,
    state: { sorting, pagination, columnVisibility, rowSelection },
    onSortingChange,
    onPaginationChange,
    onColumnVisibilityChange,
    onRowSelectionChange,
  });

  const selectedCodes = Object.keys(rowSelection).filter((code) => rowSelection[code]);
  const selectedCount = allMatching ? total : selectedCodes.length;
  const pageCount = Math.max(1, table.getPageCount());
  const first = total === 0 ? 0 : (page - 1) * size + 1;
  const last = (page - 1) * size + rows.length;
  const allPageSelected = rows.length > 0 && table.getIsAllPageRowsSelected();
  const clearSelection = () => {
    setRowSelection({});
    setAllMatching(false);
  };

  if (total === 0) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-14 text-center">
        <p className="text-base font-semibold text-slate-900">No bodies match these filters</p>
        <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">Try a broader search, another kind of body, or fewer filters. Closed bodies only show under the “Closed” or “All” status.</p>
        <button type="button" onClick={clearFilters} className="mt-4 inline-flex items-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700">
          Clear filters
        </button>
      </div>
    );
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-700" aria-live="polite">
          {!totalExact && "More than "}
          <span className="font-semibold text-slate-900 tabular-nums">{formatInteger(total)}</span> {total === 1 ? "body" : "bodies"}
          {sort === "relevance" && <span className="text-slate-500"> · best matches first</span>}
          {pending && (
            <span className="ml-2 inline-flex items-center gap-1.5 text-slate-500">
              <span aria-hidden className="h-3 w-3 animate-spin rounded-full border-2 border-current border-t-transparent" />
              Updating…
            </span>
          )}
        </p>
        <ColumnMenu table={table} />
      </div>

      {selectedCount > 0 && (
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-lg border border-brand-100 bg-brand-50 px-3 py-2 text-sm">
          <p className="text-brand-900" role="status">
            <span className="font-semibold tabular-nums">{formatInteger(selectedCount)}</span> selected
            {allMatching ? " (every body matching these filters)" : ""}
            <button type="button" onClick={clearSelection} className="ml-2 text-brand-700 underline underline-offset-2 hover:text-brand-900">Clear selection</button>
          </p>
          {canWrite ? (
            <BulkAddToList lists={lists} codes={selectedCodes} filter={allMatching ? filterQuery(query) : null} count={selectedCount} />
          ) : (
            <p className="text-slate-600">Viewers cannot add to target lists.</p>
          )}
        </div>
      )}

      {allPageSelected && total > rows.length && (
        <div className="rounded-md bg-slate-100 px-3 py-2 text-center text-sm text-slate-700">
          {allMatching ? (
            <>
              All <strong className="tabular-nums">{formatInteger(total)}</strong> bodies matching these filters are selected.{" "}
              <button type="button" className="font-medium text-brand-700 underline underline-offset-2" onClick={clearSelection}>Clear selection</button>
            </>
          ) : (
            <>
              All {rows.length} on this page selected —{" "}
              <button type="button" className="font-medium text-brand-700 underline underline-offset-2" onClick={() => setAllMatching(true)}>
                select all {formatInteger(total)} matching
              </button>
            </>
          )}
        </div>
      )}

      <div className={`max-h-[70vh] overflow-auto rounded-lg border border-slate-200 bg-white shadow-sm transition-opacity ${pending ? "opacity-60" : ""}`} aria-busy={pending}>
        <table className="w-full border-separate border-spacing-0 text-left text-[13px]">
          <caption className="sr-only">
            Bodies matching the filters, page {page} of {pageCount}
            {sort !== "relevance" ? `, sorted by ${sort.replace(/^-/, "")} ${sort.startsWith("-") ? "descending" : "ascending"}` : ", best matches first"}
          </caption>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const column = header.column;
                  const sorted = column.getIsSorted();
                  const numeric = column.columnDef.meta?.numeric;
                  const canSort = column.getCanSort();
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : canSort ? "none" : undefined}
                      className={`sticky top-0 z-10 whitespace-nowrap border-b border-slate-200 bg-slate-50 px-3 py-2 text-xs font-semibold text-slate-600 ${numeric ? "text-right" : ""}`}
                    >
                      {header.isPlaceholder ? null : canSort ? (
                        <button
                          type="button"
                          onClick={column.getToggleSortingHandler()}
                          className={`inline-flex items-center gap-1 rounded hover:text-slate-900 ${numeric ? "flex-row-reverse" : ""} ${sorted ? "text-slate-900" : ""}`}
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
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className={`group ${row.getIsSelected() || allMatching ? "bg-brand-50/70" : "hover:bg-slate-50"}`}>
                {row.getVisibleCells().map((cell) => {
                  const meta = cell.column.columnDef.meta;
                  return (
                    <td
                      key={cell.id}
                      className={`border-b border-slate-100 px-3 py-1.5 align-top text-slate-800 ${meta?.numeric ? "text-right tabular-nums" : ""} ${meta?.className ?? "whitespace-nowrap"}`}
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
              onChange={(e) => goTo({ pageIndex: 0, pageSize: Number(e.target.value) })}
            >
              {PAGE_SIZES.map((s) => <option key={s} value={s}>{s}</option>)}
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
    </div>
  );
}

function PageButton({ label, disabled, onClick, children }: { label: string; disabled: boolean; onClick: () => void; children: React.ReactNode }) {
  return (
    <button type="button" aria-label={label} title={label} disabled={disabled} onClick={onClick} className="border-l border-slate-200 px-3 py-1 text-base leading-6 text-slate-700 first:border-l-0 hover:bg-slate-50 disabled:cursor-not-allowed disabled:text-slate-300 disabled:hover:bg-white">
      <span aria-hidden>{children}</span>
    </button>
  );
}

type ExplorerTableInstance = ReactTable<typeof features, ExplorerRow>;

function ColumnMenu({ table }: { table: ExplorerTableInstance }) {
  const ref = useDismissableDetails();
  const hideable = table.getAllLeafColumns().filter((c) => c.getCanHide());
  return (
    <details ref={ref} className="relative">
      <summary className="inline-flex cursor-pointer list-none items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50 [&::-webkit-details-marker]:hidden">
        Columns <span aria-hidden className="text-xs text-slate-500">▾</span>
      </summary>
      <div className="absolute right-0 z-30 mt-1 w-56 rounded-md border border-slate-200 bg-white p-2 shadow-lg">
        <fieldset>
          <legend className="px-1 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Show columns</legend>
          {hideable.map((column) => (
            <label key={column.id} className="flex items-center gap-2 rounded px-1 py-1 text-sm text-slate-700 hover:bg-slate-50">
              <input type="checkbox" className="h-4 w-4 accent-brand-600" checked={column.getIsVisible()} onChange={column.getToggleVisibilityHandler()} />
              {COLUMN_LABELS[column.id as HideableColumn] ?? column.id}
            </label>
          ))}
        </fieldset>
        <button
          type="button"
          className="mt-1 w-full rounded px-1 py-1 text-left text-xs font-medium text-brand-700 hover:bg-slate-50"
          onClick={() => table.setColumnVisibility(Object.fromEntries(HIDEABLE_COLUMNS.map((c) => [c, DEFAULT_COLUMNS.includes(c)])))}
        >
          Reset to default columns
        </button>
      </div>
    </details>
  );
}
