"use client";

import { useMemo } from "react";
import Link from "next/link";
import type { ExplorerRow, Sort } from "@/lib/organisations/explorer";
import { CHILD_KINDS, NATION_LABELS, SHORT_KIND_LABELS, type OrganisationKind } from "@/lib/organisations/vocabulary";
import { formatDate, formatGbpThousands, formatInteger, formatMonth } from "@/lib/format";
import type { TablePage } from "@/lib/tables/page";
import { explorerHref } from "@/lib/organisations/explorer-href";
import { Badge } from "@/components/ui/badge";
import { StatusBadge } from "@/components/organisations/status-badge";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { KindLabel, OrganisationCell } from "@/components/organisations/organisation-cell";
import { Blank } from "@/components/data-table/blank";
import { dataColumnHelper } from "@/components/data-table/features";
import { DataTableGrid } from "@/components/data-table/data-table";
import { DataTablePagination } from "@/components/data-table/pagination";
import { TableToolbar } from "@/components/data-table/column-menu";
import { SelectAllMatching, SelectionBar, selectionColumn } from "@/components/data-table/selection";
import { useServerTable } from "@/components/data-table/use-server-table";
import { useTableUrlState } from "@/components/data-table/table-url-state";
import { useClearFilters, type Option } from "./explorer-filters";
import { BulkAddToList } from "./bulk-add";
import { COLUMN_LABELS, DEFAULT_COLUMNS, HIDEABLE_COLUMNS, drillQuery, filterQuery } from "./query";

const helper = dataColumnHelper<ExplorerRow>();

/** Short plurals for the drill-down links under a row */
const CHILD_LINK_LABELS: Partial<Record<OrganisationKind, string>> = {
  "sub-icb-location": "Sub-ICBs",
  "nhs-trust": "Trusts",
  pcn: "PCNs",
  "gp-practice": "Practices",
};

const SORTABLE: ReadonlySet<string> = new Set(["name", "code", "kind", "population", "patients", "allocation"]);
const NOUN = { one: "body", many: "bodies" };
/** What shows when every column is hidden */
const FALLBACK_COLUMNS = ["name"] as const;

const NoFigure = () => <Blank label="No figure in the data" />;

/** A count with the year or month it describes beneath it. */
function DatedCount({ value, when, what }: { value: number | null; when: string | null; what: string }) {
  if (value === null) return <NoFigure />;
  return (
    <span title={when ? `${what}, ${when}` : undefined}>
      {formatInteger(Number(value))}
      {when && <span className="block text-[11px] leading-4 text-slate-500">{when}</span>}
    </span>
  );
}

function useColumns(query: string) {
  return useMemo(
    () =>
      helper.columns([
        selectionColumn<ExplorerRow>({ pageLabel: "Select every body on this page", rowLabel: (r) => `Select ${r.name}` }),
        helper.accessor("code", {
          header: "Code",
          cell: (info) => <span className="font-mono text-xs text-slate-600">{info.getValue()}</span>,
        }),
        helper.accessor("name", {
          header: "Name",
          meta: { className: "min-w-[13rem] whitespace-normal" },
          cell: ({ row }) => <OrganisationCell organisation={row.original} successors={row.original.successors} />,
        }),
        helper.accessor("kind", {
          header: "Kind",
          cell: (info) => <KindLabel kind={info.getValue()} />,
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
            if (!r.parent_code) return <span className="text-slate-500">—</span>;
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
          cell: ({ row }) => row.original.region_name ?? <span className="text-slate-500">—</span>,
        }),
        helper.accessor("population", {
          header: "Population",
          sortDescFirst: true,
          meta: { numeric: true, className: "whitespace-nowrap" },
          cell: ({ row }) => <DatedCount value={row.original.population} when={row.original.population_year} what="Resident population" />,
        }),
        helper.accessor("registered_patients", {
          id: "patients",
          header: "Registered patients",
          sortDescFirst: true,
          meta: { numeric: true, className: "whitespace-nowrap" },
          cell: ({ row }) => {
            const { registered_patients: value, registered_patients_month: month } = row.original;
            return <DatedCount value={value} when={month && formatMonth(month, "short")} what="Patients registered at GP practices" />;
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
                {formatGbpThousands(thousands)}
                {year && <span className="block text-[11px] leading-4 text-slate-500">{year}</span>}
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
              <StatusBadge status={row.original.status} />
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
              // Each link at least 24 px high (WCAG 2.2 target size): the two rows sit close together
              <div className="flex flex-col items-start text-xs">
                <Link href={explorerHref(drillQuery(query, r.code))} className="inline-flex min-h-6 items-center whitespace-nowrap font-medium text-brand-700 hover:underline">
                  View children<span className="sr-only"> of {r.name}</span> <span aria-hidden>›</span>
                </Link>
                {childKinds.length > 1 && (
                  <span className="whitespace-nowrap text-slate-500">
                    {childKinds.map((kind, i) => (
                      <span key={kind}>
                        {i > 0 && <span aria-hidden> · </span>}
                        <Link href={explorerHref(drillQuery(query, r.code, kind))} className="inline-flex min-h-6 items-center hover:text-brand-700 hover:underline">
                          {CHILD_LINK_LABELS[kind] ?? SHORT_KIND_LABELS[kind]}
                          <span className="sr-only"> under {r.name}</span>
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
  /** The bodies on this page; total is a lower bound when more match than the server counts */
  page: TablePage<ExplorerRow, Sort>;
  canWrite: boolean;
  lists: Option[];
};

export function ExplorerTable({ page: data, canWrite, lists }: Props) {
  const { rows, total, totalExact, page, sort } = data;
  const { query } = useTableUrlState();
  const clearFilters = useClearFilters();
  // Selection is by code and survives paging; a different filter starts afresh.
  // Selecting rows only serves "add to target list": viewers do not get the checkboxes.
  const { table, url, selection, pageCount, setPageSize, resetColumns } = useServerTable({
    page: data,
    columns: useColumns(query),
    getRowId: (row) => row.code,
    sortable: SORTABLE,
    unsorted: "relevance",
    hideable: HIDEABLE_COLUMNS,
    defaultColumns: DEFAULT_COLUMNS,
    fallbackColumns: FALLBACK_COLUMNS,
    selectable: canWrite,
    selectionKey: filterQuery(query),
  });
  const { allMatching, selectedIds: selectedCodes, clearSelection } = selection;

  if (total === 0) {
    return (
      <EmptyState
        title="No bodies match these filters"
        action={<button type="button" onClick={clearFilters} className={buttonClass()}>Clear filters</button>}
      >
        Try a broader search, another kind of body, or fewer filters. Closed bodies only show under the “Closed” or “All” status.
      </EmptyState>
    );
  }

  return (
    <div className="space-y-3">
      <TableToolbar table={table} total={total} totalExact={totalExact} noun={NOUN} pending={url.pending} relevance={sort === "relevance"} labels={COLUMN_LABELS} onReset={resetColumns} />

      {selection.count > 0 && (
        <SelectionBar count={selection.count} allMatching={allMatching} noun={NOUN} onClear={clearSelection}>
          {canWrite ? (
            <BulkAddToList lists={lists} codes={selectedCodes} filter={allMatching ? filterQuery(query) : null} count={selection.count} />
          ) : (
            <p className="text-slate-600">Viewers cannot add to target lists.</p>
          )}
        </SelectionBar>
      )}

      {selection.canSelectAllMatching && (
        <SelectAllMatching total={total} pageRows={rows.length} allMatching={allMatching} noun={NOUN} onSelectAll={() => selection.setAllMatching(true)} onClear={clearSelection} />
      )}

      <DataTableGrid
        table={table}
        pending={url.pending}
        allSelected={allMatching}
        caption={
          <>
            Bodies matching the filters, page {page} of {pageCount}
            {sort !== "relevance" ? `, sorted by ${sort.replace(/^-/, "")} ${sort.startsWith("-") ? "descending" : "ascending"}` : ", best matches first"}
          </>
        }
      />

      <DataTablePagination table={table} page={data} onPageSize={setPageSize} />
    </div>
  );
}
