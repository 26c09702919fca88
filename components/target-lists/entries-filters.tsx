"use client";

import { useCallback, useId } from "react";
import { useTableUrlState } from "@/components/data-table/table-url-state";
import { DebouncedInput } from "@/components/ui/debounced-input";
import { Select } from "@/components/ui/input";
import type { Member } from "./entry-cells";
import { STAGE_OPTIONS } from "./stage";

/** The parameters that choose which entries show: a change of these starts the selection afresh */
export const ENTRY_FILTER_PARAMS = ["q", "stage", "owner"] as const;

/** Search, stage and owner, in the URL. */
export function EntriesFilters({ members }: { members: Member[] }) {
  const { query, navigate } = useTableUrlState();
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
        <DebouncedInput id={`${id}-q`} type="search" size="sm" value={params.get("q") ?? ""} onCommit={commitSearch} placeholder="Name, code or tag" />
      </div>
      <div>
        <label htmlFor={`${id}-stage`} className="mb-1 block text-xs font-medium text-slate-700">Stage</label>
        <Select id={`${id}-stage`} size="sm" value={params.get("stage") ?? ""} onChange={(e) => set("stage", e.target.value)}>
          <option value="">Every stage</option>
          {STAGE_OPTIONS.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </Select>
      </div>
      <div>
        <label htmlFor={`${id}-owner`} className="mb-1 block text-xs font-medium text-slate-700">Owner</label>
        <Select id={`${id}-owner`} size="sm" value={params.get("owner") ?? ""} onChange={(e) => set("owner", e.target.value)}>
          <option value="">Anyone</option>
          <option value="none">Unassigned</option>
          {members.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
        </Select>
      </div>
    </div>
  );
}
