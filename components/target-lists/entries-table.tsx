"use client";

import { useCallback, useMemo, useRef, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { EntrySort, ListEntryJson } from "@/lib/target-lists/entries";
import type { TablePage } from "@/lib/tables/page";
import { formatInteger } from "@/lib/format";
import { Button, buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { DataTableGrid } from "@/components/data-table/data-table";
import { DataTablePagination } from "@/components/data-table/pagination";
import { ColumnMenu } from "@/components/data-table/column-menu";
import { ResultCount } from "@/components/data-table/result-count";
import { SelectAllMatching, SelectionBar } from "@/components/data-table/selection";
import { useServerTable } from "@/components/data-table/use-server-table";
import { useTableUrlState } from "@/components/data-table/table-url-state";
import { BulkStageChange } from "./bulk-stage-change";
import { CellContext, type CellEnv, type Member, type Notice } from "./entry-cells";
import {
  ENTRY_COLUMN_LABELS,
  ENTRY_DEFAULT_COLUMNS,
  ENTRY_FALLBACK_COLUMNS,
  ENTRY_HIDEABLE_COLUMNS,
  ENTRY_SORTABLE,
  ENTRY_SORT_LABELS,
  useEntryColumns,
} from "./entry-columns";
import { ENTRY_FILTER_PARAMS, EntriesFilters } from "./entries-filters";

export type { Member } from "./entry-cells";

const NOUN = { one: "body", many: "bodies" };

type Props = {
  listId: string;
  /** The current page of entries; total is how many match the filters */
  page: TablePage<ListEntryJson, EntrySort>;
  /** How many entries the list has in all */
  listTotal: number;
  /** Analysts on a list that is not archived */
  canEdit: boolean;
  archived?: boolean;
  /** Why the cells are read-only, when they are */
  readOnlyReason?: string;
  members: Member[];
  /** Today's date (YYYY-MM-DD) as the server sees it: next steps before it are overdue */
  today: string;
};

/**
 * A target list's entries in the explorer's table: searched, filtered, sorted and paged on the
 * server, all in the URL; stage and owner change in place; selected rows change stage together.
 */
export function EntriesTable({ listId, page: data, listTotal, canEdit, archived = false, readOnlyReason, members, today }: Props) {
  const { rows, total, page, sort } = data;
  const router = useRouter();
  const [notice, setNotice] = useState<Notice | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const report = useCallback((n: Notice) => setNotice(n), []);
  // A new array on every server render: the same one as long as the members are the same
  const membersJson = JSON.stringify(members);
  const stableMembers = useMemo(() => JSON.parse(membersJson) as Member[], [membersJson]);
  const cellEnv = useMemo<CellEnv>(() => ({ listId, canEdit, members: stableMembers, today, report }), [listId, canEdit, stableMembers, today, report]);
  const { query, navigate } = useTableUrlState();
  const params = new URLSearchParams(query);
  // The version of each selected entry when it was ticked: a bulk change of stale rows is refused
  const [tickedVersions, setTickedVersions] = useState<Record<string, number>>({});

  const { table, url, selection, pageCount, setPageSize, resetColumns } = useServerTable({
    page: data,
    columns: useEntryColumns(),
    getRowId: (row) => row.id,
    sortable: ENTRY_SORTABLE,
    defaultSort: "name",
    hideable: ENTRY_HIDEABLE_COLUMNS,
    defaultColumns: ENTRY_DEFAULT_COLUMNS,
    fallbackColumns: ENTRY_FALLBACK_COLUMNS,
    selectable: canEdit,
    selectionKey: ENTRY_FILTER_PARAMS.map((k) => `${k}=${params.get(k) ?? ""}`).join("&"),
    onSelect: (next) => setTickedVersions((known) => ({ ...known, ...Object.fromEntries(rows.filter((r) => next[r.id]).map((r) => [r.id, r.version])) })),
  });
  const { allMatching, selectedIds, clearSelection } = selection;
  const hasFilters = ENTRY_FILTER_PARAMS.some((k) => params.get(k));
  const clearFilters = () => navigate((p) => ENTRY_FILTER_PARAMS.forEach((k) => p.delete(k)));

  if (listTotal === 0) {
    return (
      <EmptyState
        title="No bodies on this list yet"
        action={
          canEdit ? (
            <Link href="/explorer" className={buttonClass()}>Find bodies in the explorer</Link>
          ) : undefined
        }
      >
        {archived ? (
          <p>This list is archived. Restore it to add bodies to it.</p>
        ) : canEdit ? (
          <p>In the explorer, filter or search for the bodies you want, tick them (or every body matching your filters) and choose this list under “Add to list”. A body’s profile has “Add to list” too.</p>
        ) : (
          <p>An analyst in your team adds bodies from the <Link href="/explorer" className="text-brand-700 underline">explorer</Link>.</p>
        )}
      </EmptyState>
    );
  }

  const sortKey = sort.replace(/^-/, "");
  const bulkVersions = () => {
    const versions = selectedIds.map((id) => rows.find((r) => r.id === id)?.version ?? tickedVersions[id]);
    return versions.every((v): v is number => typeof v === "number") ? versions : undefined;
  };

  return (
    <div className="space-y-3">
      <EntriesFilters members={members} />

      <div className="flex flex-wrap items-center justify-between gap-2">
        <ResultCount total={total} noun={NOUN} pending={url.pending}>
          {hasFilters && <span className="text-slate-500"> of {formatInteger(listTotal)} match</span>}
          {hasFilters && (
            <Button variant="link" onClick={clearFilters} className="ml-2 text-sm">
              Clear filters
            </Button>
          )}
        </ResultCount>
        <ColumnMenu table={table} labels={ENTRY_COLUMN_LABELS} onReset={resetColumns} />
      </div>

      {readOnlyReason && <p className="text-xs text-slate-500">{readOnlyReason}</p>}

      <div aria-live="polite" aria-atomic="true">
        {notice && (
          <div
            ref={noticeRef}
            tabIndex={-1}
            role={notice.tone === "error" ? "alert" : undefined}
            className={`flex focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 items-start justify-between gap-3 rounded-md px-3 py-2 text-sm ${notice.tone === "error" ? "bg-rose-50 text-rose-900 ring-1 ring-inset ring-rose-200" : "bg-emerald-50 text-emerald-900 ring-1 ring-inset ring-emerald-200"}`}
          >
            <p>{notice.text}</p>
            <button type="button" onClick={() => setNotice(null)} className="shrink-0 rounded text-xs font-medium underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-brand-600">
              Dismiss
            </button>
          </div>
        )}
      </div>

      {canEdit && selection.count > 0 && (
        <SelectionBar count={selection.count} allMatching={allMatching} noun={NOUN} onClear={clearSelection}>
          <BulkStageChange
            listId={listId}
            count={selection.count}
            request={() =>
              allMatching
                ? { filter: Object.fromEntries(ENTRY_FILTER_PARAMS.map((k) => [k, params.get(k) ?? ""])), expectedCount: total }
                : { entryIds: selectedIds, versions: bulkVersions() }
            }
            onDone={(n, conflict) => {
              setNotice(n);
              if (n.tone === "success" || conflict) clearSelection();
              if (conflict) router.refresh();
              // The button that had focus was busy (or went away with the selection): focus the message
              requestAnimationFrame(() => noticeRef.current?.focus());
            }}
          />
        </SelectionBar>
      )}

      {canEdit && selection.canSelectAllMatching && (
        <SelectAllMatching total={total} pageRows={rows.length} allMatching={allMatching} noun={NOUN} onSelectAll={() => selection.setAllMatching(true)} onClear={clearSelection} />
      )}

      {total === 0 ? (
        <EmptyState title="No entries match these filters" action={<button type="button" onClick={clearFilters} className={buttonClass()}>Clear filters</button>}>
          <p>{formatInteger(listTotal)} {listTotal === 1 ? "body is" : "bodies are"} on this list; try another stage or owner, or a shorter search.</p>
        </EmptyState>
      ) : (
        <>
          <CellContext.Provider value={cellEnv}>
            <DataTableGrid
              table={table}
              pending={url.pending}
              allSelected={allMatching}
              dense
              rowClassName={(r) => (r.organisation.status === "closed" ? "[&>td]:bg-slate-50/60" : "")}
              caption={`Bodies on this list, page ${page} of ${pageCount}, sorted by ${ENTRY_SORT_LABELS[sortKey] ?? sortKey} ${sort.startsWith("-") ? "descending" : "ascending"}`}
            />
          </CellContext.Provider>
          <DataTablePagination table={table} page={data} onPageSize={setPageSize} />
        </>
      )}
    </div>
  );
}
