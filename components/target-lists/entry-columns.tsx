"use client";
// The columns of a list's entries table: what each shows, which sort and which the user may hide.
import { useMemo } from "react";
import Link from "next/link";
import type { ListEntryJson } from "@/lib/target-lists/entries";
import { PRIORITY_LABELS, type Priority } from "@/lib/target-lists/vocabulary";
import { formatGbp } from "@/lib/format";
import { Badge } from "@/components/ui/badge";
import { Blank } from "@/components/data-table/blank";
import { dataColumnHelper } from "@/components/data-table/features";
import { selectionColumn } from "@/components/data-table/selection";
import { KindLabel, OrganisationCell } from "@/components/organisations/organisation-cell";
import { NextStepCell, OwnerCell, StageCell, UpdatedCell } from "./entry-cells";
import { EntryHistory } from "./entry-history";

type Row = ListEntryJson;

/** Columns the user can show or hide; the body and its stage always show. */
export const ENTRY_HIDEABLE_COLUMNS = ["kind", "icb", "owner", "priority", "next_step_date", "value", "tags", "updated"] as const;
type HideableColumn = (typeof ENTRY_HIDEABLE_COLUMNS)[number];
export const ENTRY_DEFAULT_COLUMNS: readonly HideableColumn[] = ENTRY_HIDEABLE_COLUMNS;
export const ENTRY_FALLBACK_COLUMNS: readonly HideableColumn[] = ["owner"];
export const ENTRY_COLUMN_LABELS: Record<HideableColumn, string> = {
  kind: "Kind",
  icb: "ICB or board",
  owner: "Owner",
  priority: "Priority",
  next_step_date: "Next step",
  value: "Value",
  tags: "Tags",
  updated: "Updated",
};
export const ENTRY_SORTABLE: ReadonlySet<string> = new Set(["name", "kind", "stage", "owner", "priority", "next_step_date", "value", "updated"]);
/** How the table's caption names each sort */
export const ENTRY_SORT_LABELS: Record<string, string> = { name: "body", kind: "kind", stage: "stage", owner: "owner", priority: "priority", next_step_date: "next step date", value: "value", updated: "last update" };

const PRIORITY_TONES: Record<Priority, "danger" | "warning" | "neutral"> = { high: "danger", medium: "warning", low: "neutral" };
/** "NHS West Yorkshire Integrated Care Board" as "NHS West Yorkshire ICB" (the full name is its title) */
const shortIcbName = (name: string) => name.replace(/ Integrated Care Board$/, " ICB");

export function useEntryColumns() {
  return useMemo(() => {
    const helper = dataColumnHelper<Row>();
    return helper.columns([
      selectionColumn<Row>({ pageLabel: "Select every body on this page", rowLabel: (r) => `Select ${r.organisation.name}` }),
      helper.accessor((r) => r.organisation.name, {
        id: "name",
        header: "Body",
        enableHiding: false,
        meta: { className: "min-w-[12rem] whitespace-normal" },
        cell: ({ row }) => (
          <>
            <OrganisationCell organisation={row.original.organisation} successors={row.original.successors} standalone />
            <EntryHistory history={row.original.history} />
          </>
        ),
      }),
      helper.accessor((r) => r.organisation.kind, {
        id: "kind",
        header: "Kind",
        cell: (info) => <KindLabel kind={info.getValue()} />,
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
