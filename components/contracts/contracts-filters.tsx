"use client";

import { useCallback, useId, useState } from "react";
import { NATIONS, NATION_LABELS } from "@/lib/organisations/vocabulary";
import { NOTICE_STATUSES, NOTICE_STATUS_LABELS } from "@/lib/procurement/vocabulary";
import { useTableUrlState } from "@/components/data-table/table-url-state";
import { CheckboxList, LabelledSelect, listValues, toggleListValue, RangeInputs, Section } from "@/components/data-table/filter-controls";
import { Button } from "@/components/ui/button";
import { DebouncedInput } from "@/components/ui/debounced-input";
import { Checkbox } from "@/components/ui/input";
import { activeNoticeFilters, NOTICE_FILTER_PARAMS } from "./query";

const EXPIRY_WINDOWS = [3, 6, 12, 18, 24];

export function useClearNoticeFilters() {
  const { navigate } = useTableUrlState();
  return useCallback(() => navigate((p) => {
    for (const key of NOTICE_FILTER_PARAMS) p.delete(key);
    if (p.get("sort") === "relevance") p.delete("sort");
  }), [navigate]);
}

/** A labelled free-text or date filter, written to the URL when the user pauses or leaves it. */
function TextFilter({ name, label, hint, type = "text", params, commit, placeholder, maxLength }: { name: string; label: string; hint?: string; type?: "text" | "date"; params: URLSearchParams; commit: (key: string, value: string) => void; placeholder?: string; maxLength?: number }) {
  const id = useId();
  const onCommit = useCallback((value: string) => commit(name, value.trim()), [commit, name]);
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-700">{label}</label>
      <DebouncedInput id={id} type={type} size="sm" value={params.get(name) ?? ""} onCommit={onCommit} delay={500} placeholder={placeholder} maxLength={maxLength} autoComplete="off" spellCheck={false} aria-describedby={hint ? `${id}-hint` : undefined} />
      {hint && <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">{hint}</p>}
    </div>
  );
}

/** Every filter of the contracts page, each labelled and reachable by keyboard; they write to the URL. */
export function ContractsFilters() {
  const { query, navigate } = useTableUrlState();
  const clear = useClearNoticeFilters();
  const [open, setOpen] = useState(false);
  const params = new URLSearchParams(query);
  const active = activeNoticeFilters(query);

  const set = useCallback((key: string, value: string) => navigate((p) => (value ? p.set(key, value) : p.delete(key))), [navigate]);
  const toggle = (key: string, value: string, on: boolean) => navigate((p) => toggleListValue(p, key, value, on));

  return (
    <aside aria-label="Filters" className="lg:self-start">
      <Button variant="secondary" className="mb-3 w-full justify-between lg:hidden" aria-expanded={open} aria-controls="contracts-filter-panel" onClick={() => setOpen(!open)}>
        <span>Filters{active > 0 && ` (${active} active)`}</span>
        <span aria-hidden>{open ? "▴" : "▾"}</span>
      </Button>
      <div id="contracts-filter-panel" className={`${open ? "block" : "hidden"} rounded-lg border border-slate-200 bg-white shadow-sm lg:block`}>
        <div className="flex items-center justify-between border-b border-slate-100 px-4 py-2.5">
          <h2 className="text-sm font-semibold text-slate-900">Filters{active > 0 && <span className="ml-1.5 rounded-full bg-brand-50 px-1.5 py-0.5 text-xs font-medium text-brand-700">{active}</span>}</h2>
          <button type="button" onClick={clear} className="text-xs font-medium text-brand-700 hover:underline disabled:text-slate-400 disabled:no-underline" disabled={active === 0 && !params.get("q")}>
            Clear all
          </button>
        </div>

        <Section title="Timing">
          <label className="flex items-start gap-2 text-sm leading-5 text-slate-700">
            <Checkbox className="mt-0.5" checked={params.get("open") === "1"} onChange={(e) => set("open", e.target.checked ? "1" : "")} />
            Open for bids (deadline not passed)
          </label>
          <LabelledSelect
            label="Contract ends within"
            value={params.get("ends_within_months") ?? ""}
            onChange={(v) => set("ends_within_months", v)}
            options={EXPIRY_WINDOWS.map((n) => ({ value: String(n), label: `${n} months` }))}
            emptyLabel="Any end date"
            hint="From today to the same day N months on"
          />
        </Section>

        <Section title="Buyer">
          <TextFilter name="buyer" label="Buyer code" params={params} commit={set} placeholder="e.g. QSL" maxLength={12} hint="Includes the bodies below it and its predecessors" />
          <CheckboxList className="grid grid-cols-2 gap-x-2 gap-y-1" options={NATIONS.map((n) => ({ value: n, label: NATION_LABELS[n] }))} checked={new Set(listValues(params, "nation"))} onToggle={(value, on) => toggle("nation", value, on)} />
        </Section>

        <Section title="Status">
          <CheckboxList className="grid grid-cols-2 gap-x-2 gap-y-1" options={NOTICE_STATUSES.map((s) => ({ value: s, label: NOTICE_STATUS_LABELS[s] }))} checked={new Set(listValues(params, "status"))} onToggle={(value, on) => toggle("status", value, on)} />
        </Section>

        <Section title="What and who">
          <TextFilter name="cpv" label="CPV division or code" params={params} commit={set} placeholder="e.g. 85 or 85121100" maxLength={10} />
          <TextFilter name="supplier" label="Supplier name contains" params={params} commit={set} maxLength={100} />
        </Section>

        <Section title="Value">
          <RangeInputs label="value in pounds" unit="£" minKey="min_value" maxKey="max_value" params={params} commit={set} step="any" />
        </Section>

        <Section title="Published">
          <div className="grid grid-cols-2 gap-2">
            <TextFilter name="published_from" label="From" type="date" params={params} commit={set} />
            <TextFilter name="published_to" label="To" type="date" params={params} commit={set} />
          </div>
        </Section>
      </div>
    </aside>
  );
}
