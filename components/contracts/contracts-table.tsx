"use client";

import { useMemo } from "react";
import Link from "next/link";
import type { NoticeRow, NoticeSort } from "@/lib/procurement/notices";
import { BUYER_RELATION_LABELS, NOTICE_STATUS_LABELS, PROCUREMENT_SOURCE_LABELS, type NoticeStatus } from "@/lib/procurement/vocabulary";
import { formatDate, formatGbp } from "@/lib/format";
import type { ExportFormat } from "@/lib/export";
import type { TablePage } from "@/lib/tables/page";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Blank } from "@/components/data-table/blank";
import { dataColumnHelper } from "@/components/data-table/features";
import { DataTableGrid } from "@/components/data-table/data-table";
import { DataTablePagination } from "@/components/data-table/pagination";
import { TableToolbar } from "@/components/data-table/column-menu";
import { useServerTable } from "@/components/data-table/use-server-table";
import { useTableUrlState } from "@/components/data-table/table-url-state";
import { ExportMenu } from "@/components/export/export-menu";
import { exportQuery } from "@/components/explorer/query";
import { AddBuyerButton } from "./add-buyer";
import { useClearNoticeFilters } from "./contracts-filters";
import { DEFAULT_NOTICE_COLUMNS, NOTICE_COLUMN_LABELS, NOTICE_COLUMNS, NOTICE_FILTER_PARAMS } from "./query";

const helper = dataColumnHelper<NoticeRow>();
const SORTABLE: ReadonlySet<string> = new Set(["title", "value", "published", "deadline", "contract_end"]);
const NOUN = { one: "notice", many: "notices" };
const FALLBACK = ["title"] as const;
const STATUS_TONES: Record<NoticeStatus, "neutral" | "brand" | "success" | "danger" | "warning"> = { planned: "neutral", open: "success", closed: "warning", awarded: "brand", cancelled: "danger", unknown: "neutral" };

/** Relation labels as a row states them ("by a body below"), beside the buyer. */
const RELATION_NOTES = { below: "By a body below", predecessor: BUYER_RELATION_LABELS.predecessor } as const;

/** The notice's value: a range, or its one figure, in its currency. */
export function NoticeValue({ min, max, currency }: { min: number | null; max: number | null; currency: string | null }) {
  if (min === null && max === null) return <Blank label="No value published" />;
  const money = (n: number) => (currency && currency !== "GBP" ? `${currency} ${Math.round(n).toLocaleString("en-GB")}` : formatGbp(n));
  return <span className="tabular-nums">{min !== null && max !== null && min !== max ? `${money(min)} – ${money(max)}` : money((max ?? min)!)}</span>;
}

export function NoticeStatusBadge({ status }: { status: NoticeStatus }) {
  return <Badge tone={STATUS_TONES[status]}>{NOTICE_STATUS_LABELS[status]}</Badge>;
}

const day = (value: string | null) => (value ? formatDate(value) : <Blank label="Not given" />);

function useColumns(addable: boolean) {
  return useMemo(
    () =>
      helper.columns([
        // First, so the one-click action stays in view however many columns are shown
        ...(addable
          ? [
              helper.display({
                id: "add",
                enableSorting: false,
                enableHiding: false,
                header: () => <span className="sr-only">Add the buyer to a list</span>,
                cell: ({ row }) => {
                  const r = row.original;
                  return <AddBuyerButton buyer={r.buyer_code && r.buyer_body_name ? { code: r.buyer_code, name: r.buyer_body_name } : null} buyerName={r.buyer_name} />;
                },
              }),
            ]
          : []),
        helper.accessor("title", {
          header: "Notice",
          meta: { className: "min-w-[16rem] whitespace-normal" },
          cell: ({ row }) => (
            <Link href={`/contracts/${row.original.id}`} className="font-medium text-brand-700 hover:underline">
              {row.original.title}
            </Link>
          ),
        }),
        helper.accessor("buyer_name", {
          id: "buyer",
          header: "Buyer",
          enableSorting: false,
          meta: { className: "min-w-[12rem] whitespace-normal" },
          cell: ({ row }) => {
            const r = row.original;
            return (
              <div className="space-y-0.5">
                {r.buyer_code && r.buyer_body_name ? (
                  <Link href={`/organisations/${r.buyer_code}`} className="text-slate-800 underline decoration-slate-300 underline-offset-2 hover:text-brand-700">{r.buyer_body_name}</Link>
                ) : (
                  <span className="text-slate-800">{r.buyer_name}</span>
                )}
                {r.buyer_code && r.buyer_body_name !== r.buyer_name && <span className="block text-[11px] leading-4 text-slate-600">Published as {r.buyer_name}</span>}
                {!r.buyer_code && <span className="block text-[11px] leading-4 text-slate-600">Not matched to a body</span>}
                {r.relation && r.relation !== "self" && <Badge tone="warning">{RELATION_NOTES[r.relation]}</Badge>}
              </div>
            );
          },
        }),
        helper.accessor((r) => r.value_max ?? r.value_min, {
          id: "value",
          header: "Value",
          sortDescFirst: true,
          meta: { numeric: true, className: "whitespace-nowrap" },
          cell: ({ row }) => <NoticeValue min={row.original.value_min === null ? null : Number(row.original.value_min)} max={row.original.value_max === null ? null : Number(row.original.value_max)} currency={row.original.currency} />,
        }),
        helper.accessor("status", { header: "Status", enableSorting: false, cell: (info) => <NoticeStatusBadge status={info.getValue()} /> }),
        helper.accessor("published_at", { id: "published", header: "Published", sortDescFirst: true, meta: { className: "whitespace-nowrap" }, cell: (info) => formatDate(info.getValue()) }),
        helper.accessor("tender_deadline", { id: "deadline", header: "Tender deadline", meta: { className: "whitespace-nowrap" }, cell: (info) => day(info.getValue()) }),
        helper.accessor("contract_end", { id: "contract_end", header: "Contract ends", meta: { className: "whitespace-nowrap" }, cell: (info) => day(info.getValue()) }),
        helper.accessor("source", { header: "Source", enableSorting: false, meta: { className: "whitespace-nowrap" }, cell: (info) => PROCUREMENT_SOURCE_LABELS[info.getValue()] }),
      ]),
    [addable],
  );
}

/** Every notice the filters match, as Excel or CSV, named after the saved view. */
export function ContractsExport({ total, viewName }: { total: number; viewName: string | null }) {
  const { query } = useTableUrlState();
  const href = (format: ExportFormat) => `/api/v1/notices?${exportQuery(query, viewName ?? "notices", format)}`;
  return <ExportMenu links={{ xlsx: href("xlsx"), csv: href("csv") }} total={total} />;
}

/** Under a search: newest first (the default) or best matches first, which ranks every match and is slower for common words. */
function SearchOrder({ sort }: { sort: NoticeSort }) {
  const { navigate } = useTableUrlState();
  const ranked = sort === "relevance";
  return (
    <button type="button" className={buttonClass({ variant: "link" })} onClick={() => navigate((p) => (ranked ? p.delete("sort") : p.set("sort", "relevance")))}>
      {ranked ? "Show newest first" : "Show best matches first"}
    </button>
  );
}

/** The order a caption names: best matches, newest first (the default), or a column and direction. */
const sortCaption = (sort: NoticeSort) =>
  sort === "relevance" ? "best matches first" : sort === "-published" ? "newest first" : `sorted by ${sort.replace(/^-/, "").replace("_", " ")} ${sort.startsWith("-") ? "descending" : "ascending"}`;

export function ContractsTable({ page: data, canWrite }: { page: TablePage<NoticeRow, NoticeSort>; canWrite: boolean }) {
  const { total, totalExact, page, sort } = data;
  const { query } = useTableUrlState();
  const clear = useClearNoticeFilters();
  const filters = new URLSearchParams(query);
  for (const key of [...filters.keys()]) if (!NOTICE_FILTER_PARAMS.includes(key)) filters.delete(key);
  const { table, url, pageCount, setPageSize, resetColumns } = useServerTable({
    page: data,
    columns: useColumns(canWrite),
    getRowId: (row) => String(row.id),
    sortable: SORTABLE,
    unsorted: "relevance",
    defaultSort: "-published",
    hideable: NOTICE_COLUMNS,
    defaultColumns: DEFAULT_NOTICE_COLUMNS,
    fallbackColumns: FALLBACK,
    selectable: false,
    selectionKey: filters.toString(),
  });

  if (total === 0) {
    return (
      <EmptyState title="No notices match these filters" action={<button type="button" onClick={clear} className={buttonClass()}>Clear filters</button>}>
        Try fewer keywords, a wider value range or a longer expiry window. The data is a sample (see the coverage above), so a body may have more notices than are loaded.
      </EmptyState>
    );
  }

  return (
    <div className="space-y-3">
      <TableToolbar table={table} total={total} totalExact={totalExact} noun={NOUN} pending={url.pending} relevance={sort === "relevance"} labels={NOTICE_COLUMN_LABELS} onReset={resetColumns} />
      {filters.get("q") && <p className="text-sm"><SearchOrder sort={sort} /></p>}
      <DataTableGrid
        table={table}
        pending={url.pending}
        caption={
          <>
            Notices matching the filters, page {page} of {pageCount}
            , {sortCaption(sort)}
          </>
        }
      />
      <DataTablePagination table={table} page={data} onPageSize={setPageSize} />
    </div>
  );
}
