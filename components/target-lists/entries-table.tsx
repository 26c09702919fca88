"use client";

import { createContext, useCallback, useContext, useId, useMemo, useRef, useState, useTransition } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { functionalUpdate, useTable, type OnChangeFn, type RowSelectionState } from "@tanstack/react-table";
import { bulkStageAction, updateEntryAction } from "@/app/actions/team-work";
import type { EntrySort, ListEntryJson } from "@/lib/target-lists/entries";
import type { TablePage } from "@/lib/tables/page";
import { CLOSED_STAGES, PRIORITY_LABELS, STAGES, STAGE_LABELS, isStage, type Priority, type Stage } from "@/lib/target-lists/vocabulary";
import { KIND_LABELS, type OrganisationKind } from "@/lib/organisations/vocabulary";
import { formatDate, formatGbp, formatInteger } from "@/lib/format";
import { Badge } from "@/components/ui/badge";
import { dataColumnHelper, dataTableFeatures } from "@/components/data-table/features";
import { DataTableGrid } from "@/components/data-table/data-table";
import { DataTablePagination } from "@/components/data-table/pagination";
import { ColumnMenu } from "@/components/data-table/column-menu";
import { EmptyState, emptyStateButtonClass } from "@/components/data-table/empty-state";
import { ResultCount } from "@/components/data-table/result-count";
import { SelectAllMatching, SelectionBar, selectionColumn, useRowSelection } from "@/components/data-table/selection";
import { useUrlColumns, useUrlPagination, useUrlSorting } from "@/components/data-table/url-state";
import { useExplorer } from "@/components/explorer/explorer-state";
import { DebouncedInput } from "@/components/explorer/debounced-input";
import { controlClass } from "@/components/explorer/explorer-filters";
import { DEFAULT_PAGE_SIZE, PAGE_SIZES, SHORT_KIND_LABELS } from "@/components/explorer/query";
import { InlineSelect, inlineSelectClass } from "./inline-select";

export type Member = { id: string; name: string };
type Row = ListEntryJson;
type Notice = { tone: "success" | "error"; text: string };
type Report = (notice: Notice) => void;

/** Columns the user can show or hide; the body and its stage always show. */
export const ENTRY_HIDEABLE_COLUMNS = ["kind", "icb", "owner", "priority", "next_step_date", "value", "tags", "updated"] as const;
type HideableColumn = (typeof ENTRY_HIDEABLE_COLUMNS)[number];
const DEFAULT_COLUMNS: readonly HideableColumn[] = ENTRY_HIDEABLE_COLUMNS;
const FALLBACK_COLUMNS: readonly HideableColumn[] = ["owner"];
const COLUMN_LABELS: Record<HideableColumn, string> = {
  kind: "Kind",
  icb: "ICB or board",
  owner: "Owner",
  priority: "Priority",
  next_step_date: "Next step",
  value: "Value",
  tags: "Tags",
  updated: "Updated",
};
const SORTABLE: ReadonlySet<string> = new Set(["name", "kind", "stage", "owner", "priority", "next_step_date", "value", "updated"]);
const SORT_LABELS: Record<string, string> = { name: "body", kind: "kind", stage: "stage", owner: "owner", priority: "priority", next_step_date: "next step date", value: "value", updated: "last update" };
const NOUN = { one: "body", many: "bodies" };
/** The parameters that choose which entries show: a change of these starts the selection afresh */
const FILTER_PARAMS = ["q", "stage", "owner"] as const;

const STAGE_TONES: Record<Stage, string> = {
  identified: "bg-slate-100 text-slate-700 ring-slate-200",
  researching: "bg-sky-50 text-sky-800 ring-sky-200",
  engaged: "bg-indigo-50 text-indigo-800 ring-indigo-200",
  proposal: "bg-amber-50 text-amber-900 ring-amber-200",
  won: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  lost: "bg-rose-50 text-rose-800 ring-rose-200",
};
const PRIORITY_TONES: Record<Priority, "danger" | "warning" | "neutral"> = { high: "danger", medium: "warning", low: "neutral" };
const stageOptions = STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }));

/** "NHS West Yorkshire Integrated Care Board" as "NHS West Yorkshire ICB" (the full name is its title) */
const shortIcbName = (name: string) => name.replace(/ Integrated Care Board$/, " ICB");
const stageLabel = (stage: string) => (isStage(stage) ? STAGE_LABELS[stage] : stage);
const dayMonth = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

/**
 * What the cells need besides their row. It reaches them through context, not through the column
 * definitions: those stay the same object for the table's life, so a re-render after a save never
 * remounts a cell (which would drop the keyboard focus from the select just used).
 */
type CellEnv = { listId: string; canEdit: boolean; members: Member[]; today: string; report: Report };
const CellContext = createContext<CellEnv | null>(null);
function useCellEnv(): CellEnv {
  const env = useContext(CellContext);
  if (!env) throw new Error("Entries table cells need the EntriesTable around them");
  return env;
}

function StageBadge({ stage }: { stage: string }) {
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${isStage(stage) ? STAGE_TONES[stage] : STAGE_TONES.identified}`}>
      {stageLabel(stage)}
    </span>
  );
}

function Blank({ label }: { label: string }) {
  return (
    <span className="text-slate-500" title={label}>
      <span aria-hidden>—</span>
      <span className="sr-only">{label}</span>
    </span>
  );
}

function OrganisationCell({ row }: { row: Row }) {
  const o = row.organisation;
  return (
    <div>
      <span className="inline-flex flex-wrap items-center gap-x-2 gap-y-0.5">
        <Link href={`/organisations/${encodeURIComponent(o.code)}`} className="rounded font-medium text-brand-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600">
          {o.name}
        </Link>
        {o.status === "closed" && <Badge tone="danger">Closed</Badge>}
      </span>
      <span className="block font-mono text-[11px] leading-4 text-slate-600">{o.code}</span>
      {o.status === "closed" &&
        (row.successors.length ? (
          <ul className="mt-0.5 text-xs text-slate-600">
            {row.successors.map((s) => (
              <li key={s.code}>
                <span aria-hidden>→ </span>
                <span className="sr-only">Succeeded by </span>
                <Link href={`/organisations/${encodeURIComponent(s.code)}`} className="text-brand-700 hover:underline">{s.name}</Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-0.5 text-xs text-slate-600">No successor recorded</p>
        ))}
    </div>
  );
}

/** The stage: a select that saves at once for analysts ("Lost" first asks why), a badge for viewers. */
function StageCell({ row }: { row: Row }) {
  const { listId, canEdit, report } = useCellEnv();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [askingReason, setAskingReason] = useState(false);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);
  // Remounts the select (back to the saved stage, keeping focus) when "Lost" is abandoned
  const [resetKey, setResetKey] = useState(0);
  const selectRef = useRef<HTMLSelectElement>(null);
  const reasonId = useId();
  const name = row.organisation.name;
  const lostNote = row.stage === "lost" && row.lost_reason ? (
    <p id={`${reasonId}-current`} className="mt-0.5 max-w-[9rem] truncate text-[11px] leading-4 text-slate-600" title={row.lost_reason}>
      Lost: {row.lost_reason}
    </p>
  ) : null;

  if (!canEdit) {
    return (
      <div>
        <StageBadge stage={row.stage} />
        {lostNote}
      </div>
    );
  }

  const save = (stage: Stage, lostReason?: string) =>
    new Promise<boolean>((resolve) =>
      start(async () => {
        const result = await updateEntryAction({ listId, entryId: row.id, version: row.version, stage, ...(lostReason ? { lostReason } : {}) });
        if (result.ok) {
          report({ tone: "success", text: `${name} moved to ${STAGE_LABELS[stage]}.` });
          resolve(true);
        } else {
          report({ tone: "error", text: result.message });
          // A stale version: show the current values the message names
          if (result.code === "conflict") router.refresh();
          resolve(false);
        }
      }),
    );

  const cancelLost = () => {
    setAskingReason(false);
    setReason("");
    setReasonError(null);
    setResetKey((k) => k + 1);
  };

  return (
    <InlineSelect
      key={resetKey}
      selectRef={selectRef}
      autoFocus={resetKey > 0}
      label={`Stage of ${name}`}
      value={row.stage}
      options={stageOptions}
      pending={pending}
      describedBy={lostNote ? `${reasonId}-current` : undefined}
      onCommit={(next) => {
        if (next === "lost") {
          setAskingReason(true);
          return;
        }
        setAskingReason(false);
        return save(next as Stage);
      }}
    >
      {askingReason ? (
        <form
          className="mt-1 w-52 space-y-1 rounded-md border border-rose-200 bg-rose-50 p-2"
          onSubmit={(event) => {
            event.preventDefault();
            if (!reason.trim()) {
              setReasonError("Say why it was lost.");
              return;
            }
            void save("lost", reason.trim()).then((ok) => {
              if (ok) {
                // The form goes away: focus goes back to the stage it set
                setAskingReason(false);
                selectRef.current?.focus();
              } else cancelLost();
            });
          }}
          onKeyDown={(event) => {
            if (event.key === "Escape") {
              event.preventDefault();
              cancelLost();
            }
          }}
        >
          <label htmlFor={reasonId} className="block text-xs font-medium text-rose-900">
            Why was it lost?<span className="sr-only"> ({name})</span>
          </label>
          <input
            id={reasonId}
            autoFocus
            maxLength={500}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              setReasonError(null);
            }}
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={reasonError ? `${reasonId}-error` : undefined}
            className="block w-full rounded border border-rose-300 bg-white px-2 py-1 text-xs focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30"
            placeholder="e.g. went with the incumbent"
          />
          {reasonError && <p id={`${reasonId}-error`} className="text-xs text-rose-800">{reasonError}</p>}
          <div className="flex gap-2">
            <button type="submit" disabled={pending} className="rounded bg-rose-700 px-2 py-0.5 text-xs font-medium text-white hover:bg-rose-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-rose-700 disabled:opacity-60">
              {pending ? "Saving…" : "Mark lost"}
            </button>
            <button type="button" onClick={cancelLost} className="rounded px-2 py-0.5 text-xs font-medium text-rose-900 underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-rose-700">
              Cancel
            </button>
          </div>
        </form>
      ) : (
        lostNote
      )}
    </InlineSelect>
  );
}

/** The owner: a select of the team's members (or unassigned) for analysts, a name for viewers. */
function OwnerCell({ row }: { row: Row }) {
  const { listId, canEdit, members, report } = useCellEnv();
  const router = useRouter();
  const [pending, start] = useTransition();
  if (!canEdit) return row.owner ? <span>{row.owner.name}</span> : <span className="text-slate-600">Unassigned</span>;
  const options = [{ value: "", label: "Unassigned" }, ...members.map((m) => ({ value: m.id, label: m.name }))];
  // An owner who has since left the team still shows, so the select never claims "Unassigned"
  if (row.owner && !members.some((m) => m.id === row.owner!.id)) options.push({ value: row.owner.id, label: `${row.owner.name} (left the team)` });
  const name = row.organisation.name;
  return (
    <InlineSelect
      label={`Owner of ${name}`}
      value={row.owner?.id ?? ""}
      options={options}
      pending={pending}
      onCommit={(next) =>
        new Promise<boolean>((resolve) =>
          start(async () => {
            const result = await updateEntryAction({ listId, entryId: row.id, version: row.version, ownerId: next || null });
            if (result.ok) {
              const owner = members.find((m) => m.id === next)?.name;
              report({ tone: "success", text: owner ? `${name} is now owned by ${owner}.` : `${name} is now unassigned.` });
              resolve(true);
            } else {
              report({ tone: "error", text: result.message });
              if (result.code === "conflict") router.refresh();
              resolve(false);
            }
          }),
        )
      }
    />
  );
}

function NextStepCell({ row }: { row: Row }) {
  const { today } = useCellEnv();
  const { next_step: step, next_step_date: date, stage } = row;
  if (!step && !date) return <Blank label="No next step" />;
  const overdue = Boolean(date && date < today && !CLOSED_STAGES.includes(stage as Stage));
  return (
    <div>
      {step && <span className="line-clamp-2" title={step}>{step}</span>}
      {date && (
        <span className={`block text-[11px] leading-4 ${overdue ? "font-semibold text-rose-700" : "text-slate-600"}`}>
          {overdue && <span className="mr-1 rounded bg-rose-100 px-1 py-px text-[10px] uppercase tracking-wide">Overdue</span>}
          {overdue ? "was due " : "by "}
          <time dateTime={date}>{formatDate(date)}</time>
        </span>
      )}
    </div>
  );
}

function UpdatedCell({ iso }: { iso: string }) {
  const { today } = useCellEnv();
  const full = formatDate(iso);
  // This year's dates without the year, to keep the column narrow
  return <time dateTime={iso} title={full}>{iso.slice(0, 4) === today.slice(0, 4) ? dayMonth.format(new Date(iso)) : full}</time>;
}

function useColumns() {
  return useMemo(() => {
    const helper = dataColumnHelper<Row>();
    return helper.columns([
      selectionColumn<Row>({ pageLabel: "Select every body on this page", rowLabel: (r) => `Select ${r.organisation.name}` }),
      helper.accessor((r) => r.organisation.name, {
        id: "name",
        header: "Body",
        enableHiding: false,
        meta: { className: "min-w-[12rem] whitespace-normal" },
        cell: ({ row }) => <OrganisationCell row={row.original} />,
      }),
      helper.accessor((r) => r.organisation.kind, {
        id: "kind",
        header: "Kind",
        cell: (info) => {
          const kind = info.getValue() as OrganisationKind;
          return <span title={KIND_LABELS[kind]?.singular}>{SHORT_KIND_LABELS[kind] ?? kind}</span>;
        },
      }),
      helper.accessor((r) => r.icb_or_board?.name ?? null, {
        id: "icb",
        header: "ICB or board",
        enableSorting: false,
        meta: { className: "min-w-[7.5rem] whitespace-normal" },
        cell: ({ row }) => {
          const icb = row.original.icb_or_board;
          if (!icb) return <Blank label="Not under an ICB or board" />;
          if (icb.code === row.original.organisation.code) return <span className="text-xs text-slate-600">itself</span>;
          return (
            <Link href={`/organisations/${encodeURIComponent(icb.code)}`} title={icb.name} className="block max-w-[12rem] text-slate-700 underline decoration-slate-300 underline-offset-2 hover:text-brand-700 hover:decoration-brand-600">
              {shortIcbName(icb.name)}
            </Link>
          );
        },
      }),
      helper.accessor("stage", {
        header: "Stage",
        enableHiding: false,
        meta: { className: "whitespace-normal" },
        cell: ({ row }) => <StageCell row={row.original} />,
      }),
      helper.accessor((r) => r.owner?.name ?? null, {
        id: "owner",
        header: "Owner",
        cell: ({ row }) => <OwnerCell row={row.original} />,
      }),
      helper.accessor("priority", {
        header: "Priority",
        cell: (info) => {
          const priority = info.getValue() as Priority | null;
          return priority ? <Badge tone={PRIORITY_TONES[priority]}>{PRIORITY_LABELS[priority] ?? priority}</Badge> : <Blank label="No priority" />;
        },
      }),
      helper.accessor("next_step_date", {
        header: "Next step",
        sortDescFirst: false,
        meta: { className: "min-w-[9rem] max-w-[15rem] whitespace-normal" },
        cell: ({ row }) => <NextStepCell row={row.original} />,
      }),
      helper.accessor("estimated_value_gbp", {
        id: "value",
        header: "Value",
        sortDescFirst: true,
        meta: { numeric: true, className: "whitespace-nowrap" },
        cell: (info) => {
          const value = info.getValue();
          return value === null ? <Blank label="No estimated value" /> : formatGbp(value);
        },
      }),
      helper.accessor("tags", {
        header: "Tags",
        enableSorting: false,
        meta: { className: "min-w-[7rem] whitespace-normal" },
        cell: (info) => {
          const tags = info.getValue();
          if (!tags.length) return <Blank label="No tags" />;
          return (
            <ul className="flex flex-wrap gap-1" aria-label="Tags">
              {tags.map((t) => <li key={t} className="rounded bg-slate-100 px-1.5 py-px text-[11px] text-slate-700">{t}</li>)}
            </ul>
          );
        },
      }),
      helper.accessor("updated_at", {
        id: "updated",
        header: "Updated",
        sortDescFirst: true,
        meta: { className: "whitespace-nowrap text-slate-600" },
        cell: (info) => <UpdatedCell iso={info.getValue()} />,
      }),
    ]);
  }, []);
}

type Props = {
  listId: string;
  /** The current page of entries; its total is how many match the filters */
  page: TablePage<Row, EntrySort>;
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
export function EntriesTable({ listId, page: tablePage, listTotal, canEdit, archived = false, readOnlyReason, members, today }: Props) {
  const { rows, total, page, size, sort } = tablePage;
  const { query, navigate, pending, href } = useExplorer();
  const router = useRouter();
  const [notice, setNotice] = useState<Notice | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const report = useCallback<Report>((n) => setNotice(n), []);
  const columns = useColumns();
  // A new array on every server render: the same one as long as the members are the same
  const membersJson = JSON.stringify(members);
  const stableMembers = useMemo(() => JSON.parse(membersJson) as Member[], [membersJson]);
  const cellEnv = useMemo<CellEnv>(() => ({ listId, canEdit, members: stableMembers, today, report }), [listId, canEdit, stableMembers, today, report]);
  const params = new URLSearchParams(query);

  const filterKey = FILTER_PARAMS.map((k) => `${k}=${params.get(k) ?? ""}`).join("&");
  const selection = useRowSelection(filterKey);
  const { rowSelection, allMatching, setAllMatching, clearSelection, selectedIds } = selection;
  // The version of each selected entry when it was ticked: a bulk change of stale rows is refused
  const [tickedVersions, setTickedVersions] = useState<Record<string, number>>({});
  const onRowSelectionChange: OnChangeFn<RowSelectionState> = (updater) => {
    const next = functionalUpdate(updater, rowSelection);
    setTickedVersions((known) => ({ ...known, ...Object.fromEntries(rows.filter((r) => next[r.id]).map((r) => [r.id, r.version])) }));
    selection.onRowSelectionChange(next);
  };

  const { sorting, onSortingChange } = useUrlSorting({ navigate, sort, sortable: SORTABLE, defaultSort: "name" });
  const { pagination, onPaginationChange, setPageSize } = useUrlPagination({ navigate, page, size, defaultSize: DEFAULT_PAGE_SIZE });
  const { columnVisibility, onColumnVisibilityChange, defaultVisibility } = useUrlColumns({
    query,
    href,
    hideable: ENTRY_HIDEABLE_COLUMNS,
    defaults: DEFAULT_COLUMNS,
    fallback: FALLBACK_COLUMNS,
    fixed: { select: canEdit },
  });

  const table = useTable({
    features: dataTableFeatures,
    columns,
    data: rows,
    getRowId: (row) => row.id,
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    rowCount: total,
    enableMultiSort: false,
    enableSortingRemoval: false,
    state: { sorting, pagination, columnVisibility, rowSelection },
    onSortingChange,
    onPaginationChange,
    onColumnVisibilityChange,
    onRowSelectionChange,
  });

  const selectedCount = allMatching ? total : selectedIds.length;
  const pageCount = Math.max(1, table.getPageCount());
  const allPageSelected = rows.length > 0 && table.getIsAllPageRowsSelected();
  const hasFilters = FILTER_PARAMS.some((k) => params.get(k));
  const clearFilters = () => navigate((p) => FILTER_PARAMS.forEach((k) => p.delete(k)));

  if (listTotal === 0) {
    return (
      <EmptyState
        title="No bodies on this list yet"
        action={
          canEdit ? (
            <Link href="/explorer" className={emptyStateButtonClass}>Find bodies in the explorer</Link>
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
        <ResultCount total={total} noun={NOUN} pending={pending}>
          {hasFilters && <span className="text-slate-500"> of {formatInteger(listTotal)} match</span>}
          {hasFilters && (
            <button type="button" onClick={clearFilters} className="ml-2 rounded text-sm font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900 focus-visible:outline-2 focus-visible:outline-brand-600">
              Clear filters
            </button>
          )}
        </ResultCount>
        <ColumnMenu table={table} labels={COLUMN_LABELS} onReset={() => table.setColumnVisibility(defaultVisibility())} />
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

      {canEdit && selectedCount > 0 && (
        <SelectionBar count={selectedCount} allMatching={allMatching} noun={NOUN} onClear={clearSelection}>
          <BulkStageChange
            listId={listId}
            count={selectedCount}
            request={() =>
              allMatching
                ? { filter: Object.fromEntries(FILTER_PARAMS.map((k) => [k, params.get(k) ?? ""])), expectedCount: total }
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

      {canEdit && allPageSelected && total > rows.length && (
        <SelectAllMatching total={total} pageRows={rows.length} allMatching={allMatching} noun={NOUN} onSelectAll={() => setAllMatching(true)} onClear={clearSelection} />
      )}

      {total === 0 ? (
        <EmptyState title="No entries match these filters" action={<button type="button" onClick={clearFilters} className={emptyStateButtonClass}>Clear filters</button>}>
          <p>{formatInteger(listTotal)} {listTotal === 1 ? "body is" : "bodies are"} on this list; try another stage or owner, or a shorter search.</p>
        </EmptyState>
      ) : (
        <>
          <CellContext.Provider value={cellEnv}>
            <DataTableGrid
              table={table}
              pending={pending}
              allSelected={allMatching}
              dense
              rowClassName={(r) => (r.organisation.status === "closed" ? "[&>td]:bg-slate-50/60" : "")}
              caption={`Bodies on this list, page ${page} of ${pageCount}, sorted by ${SORT_LABELS[sortKey] ?? sortKey} ${sort.startsWith("-") ? "descending" : "ascending"}`}
            />
          </CellContext.Provider>
          <DataTablePagination
            table={table}
            page={page}
            size={size}
            sizes={PAGE_SIZES}
            total={total}
            rowsOnPage={rows.length}
            hasNextPage={page * size < total}
            onPageSize={setPageSize}
          />
        </>
      )}
    </div>
  );
}

/** Search, stage and owner, in the URL. */
function EntriesFilters({ members }: { members: Member[] }) {
  const { query, navigate } = useExplorer();
  const params = new URLSearchParams(query);
  const id = useId();
  const set = useCallback(
    (key: string, value: string) =>
      navigate((p) => {
        if (value) p.set(key, value);
        else p.delete(key);
      }),
    [navigate],
  );
  const commitSearch = useCallback((value: string) => set("q", value), [set]);
  return (
    <div className="grid gap-2 sm:grid-cols-[minmax(0,1fr)_11rem_11rem]" role="search" aria-label="Filter this list">
      <div>
        <label htmlFor={`${id}-q`} className="mb-1 block text-xs font-medium text-slate-700">Search this list</label>
        <DebouncedInput id={`${id}-q`} type="search" className={controlClass} value={params.get("q") ?? ""} onCommit={commitSearch} placeholder="Name, code or tag" />
      </div>
      <div>
        <label htmlFor={`${id}-stage`} className="mb-1 block text-xs font-medium text-slate-700">Stage</label>
        <select id={`${id}-stage`} className={controlClass} value={params.get("stage") ?? ""} onChange={(e) => set("stage", e.target.value)}>
          <option value="">Every stage</option>
          {stageOptions.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-owner`} className="mb-1 block text-xs font-medium text-slate-700">Owner</label>
        <select id={`${id}-owner`} className={controlClass} value={params.get("owner") ?? ""} onChange={(e) => set("owner", e.target.value)}>
          <option value="">Anyone</option>
          <option value="none">Unassigned</option>
          {members.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
        </select>
      </div>
    </div>
  );
}

type BulkRequest = { entryIds: string[]; versions?: number[] } | { filter: Record<string, string>; expectedCount: number };

/** "Change stage of N selected": one transaction on the server, all of them or none. */
function BulkStageChange({ listId, count, request, onDone }: { listId: string; count: number; request: () => BulkRequest; onDone: (notice: Notice, conflict: boolean) => void }) {
  const id = useId();
  const [stage, setStage] = useState<Stage | "">("");
  const [reason, setReason] = useState("");
  const [pending, start] = useTransition();
  const apply = () =>
    start(async () => {
      if (!stage) return;
      const result = await bulkStageAction({ listId, stage, ...(stage === "lost" ? { lostReason: reason.trim() } : {}), ...request() });
      if (result.ok) {
        onDone({ tone: "success", text: `Moved ${formatInteger(result.data.updated)} ${result.data.updated === 1 ? "body" : "bodies"} to ${STAGE_LABELS[stage]}.` }, false);
        setStage("");
        setReason("");
      } else {
        onDone({ tone: "error", text: result.message }, result.code === "conflict" || result.code === "not-found");
      }
    });
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        apply();
      }}
    >
      <div>
        <label htmlFor={`${id}-stage`} className="block text-xs font-medium text-brand-900">Change stage to</label>
        <select id={`${id}-stage`} required className={`${inlineSelectClass} mt-0.5`} value={stage} onChange={(e) => setStage(e.target.value as Stage | "")}>
          <option value="">Choose a stage…</option>
          {stageOptions.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      </div>
      {stage === "lost" && (
        <div>
          <label htmlFor={`${id}-reason`} className="block text-xs font-medium text-brand-900">Why were they lost?</label>
          <input id={`${id}-reason`} required maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} className="mt-0.5 block w-56 rounded-md border border-slate-300 bg-white px-2 py-1 text-[13px] shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30" />
        </div>
      )}
      <button
        type="submit"
        disabled={pending || !stage || (stage === "lost" && !reason.trim())}
        aria-busy={pending}
        className="inline-flex items-center gap-2 rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 disabled:opacity-60"
      >
        {pending && <span aria-hidden className="h-3 w-3 animate-spin rounded-full border-2 border-current border-t-transparent" />}
        Change stage of {formatInteger(count)}
      </button>
    </form>
  );
}
