"use client";

import { useCallback, useId, useState } from "react";
import { KIND_LABELS, NATIONS, NATION_LABELS, ORGANISATION_KINDS, STATUS_LABELS } from "@/lib/organisations/vocabulary";
import { STAGES, STAGE_LABELS } from "@/lib/target-lists/vocabulary";
import { useTableUrlState } from "@/components/data-table/table-url-state";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/input";
import { CheckboxList, LabelledSelect, listValues, toggleListValue, RangeInputs, SearchBox, Section, type Option } from "@/components/data-table/filter-controls";

export type { Option };

/** Parameters that narrow the results; "clear filters" removes these and keeps page size and columns. */
export const FILTER_PARAMS = ["nation", "kind", "region", "parent", "commissions", "status", "q", "min_population", "max_population", "min_patients", "max_patients", "min_allocation", "max_allocation", "list", "stage", "has_notes", "contract_ending_within_months", "open_tenders"];

/** The windows the filter offers; the API takes any number of months from 1 to 120. */
const ENDING_WINDOWS = [3, 6, 12, 18, 24, 36];
const PROCUREMENT_HINT = "Notices the body published, or a body it succeeded did (a merged ICB, a CCG); not those of bodies below it. The notices loaded are a sample.";

export function activeFilterCount(query: string): number {
  const params = new URLSearchParams(query);
  return FILTER_PARAMS.filter((key) => key !== "q" && key !== "parent" && params.get(key) && !(key === "status" && params.get(key) === "open")).length;
}

export function useClearFilters() {
  const { navigate } = useTableUrlState();
  return useCallback(() => navigate((p) => {
    for (const key of FILTER_PARAMS) p.delete(key);
    if (p.get("sort") === "relevance") p.delete("sort");
  }), [navigate]);
}

export function ExplorerFilters({ regions, categories, lists }: { regions: Option[]; categories: Option[]; lists: Option[] }) {
  const { query, navigate } = useTableUrlState();
  const clearFilters = useClearFilters();
  const [open, setOpen] = useState(false);
  const params = new URLSearchParams(query);
  const active = activeFilterCount(query);

  const set = useCallback(
    (key: string, value: string) =>
      navigate((p) => {
        if (value) p.set(key, value);
        else p.delete(key);
        // A stage only means something on a list
        if (key === "list" && !value) p.delete("stage");
      }),
    [navigate],
  );

  const toggle = (key: string, value: string, checked: boolean) => navigate((p) => toggleListValue(p, key, value, checked));

  const nations = new Set(listValues(params, "nation"));
  const kinds = new Set(listValues(params, "kind"));
  const status = params.get("status") ?? "open";
  const list = params.get("list") ?? "";
  const hintId = useId();

  return (
    <aside aria-label="Filters" className="lg:self-start">
      <Button
        variant="secondary"
        className="mb-3 w-full justify-between lg:hidden"
        aria-expanded={open}
        aria-controls="explorer-filter-panel"
        onClick={() => setOpen(!open)}
      >
        <span>Filters{active > 0 && ` (${active} active)`}</span>
        <span aria-hidden>{open ? "▴" : "▾"}</span>
      </Button>
      <div id="explorer-filter-panel" className={`${open ? "block" : "hidden"} rounded-lg border border-slate-200 bg-white shadow-sm lg:block`}>
        <div className="flex items-center justify-between border-b border-slate-100 px-4 py-2.5">
          <h2 className="text-sm font-semibold text-slate-900">Filters{active > 0 && <span className="ml-1.5 rounded-full bg-brand-50 px-1.5 py-0.5 text-xs font-medium text-brand-700">{active}</span>}</h2>
          <button type="button" onClick={clearFilters} className="text-xs font-medium text-brand-700 hover:underline disabled:text-slate-400 disabled:no-underline" disabled={active === 0 && !params.get("q") && !params.get("parent")}>
            Clear all
          </button>
        </div>

        <Section title="Status">
          <div className="grid grid-cols-4 rounded-md border border-slate-300 p-0.5 text-xs font-medium" role="radiogroup" aria-label="Status">
            {(["open", "closed", "unknown", "all"] as const).map((value) => (
              <label key={value} className={`cursor-pointer rounded px-2 py-1 text-center has-[:focus-visible]:outline has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-[#ffb81c] ${status === value ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-50"}`}>
                <input type="radio" name="explorer-status" value={value} checked={status === value} onChange={() => set("status", value === "open" ? "" : value)} className="sr-only" />
                {value === "all" ? "All" : value === "unknown" ? <span title={STATUS_LABELS.unknown}>Unknown</span> : STATUS_LABELS[value]}
              </label>
            ))}
          </div>
        </Section>

        <Section title="Nation">
          <CheckboxList className="grid grid-cols-2 gap-x-2 gap-y-1" options={NATIONS.map((n) => ({ value: n, label: NATION_LABELS[n] }))} checked={nations} onToggle={(value, on) => toggle("nation", value, on)} />
        </Section>

        <Section title="Kind of body">
          <CheckboxList className="max-h-52 space-y-1 overflow-y-auto pr-1" options={ORGANISATION_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k].singular }))} checked={kinds} onToggle={(value, on) => toggle("kind", value, on)} />
        </Section>

        <Section title="Where and what">
          <LabelledSelect label="NHS England region" value={params.get("region") ?? ""} onChange={(v) => set("region", v)} options={regions} emptyLabel="All regions" />
          <LabelledSelect label="Commissions service" value={params.get("commissions") ?? ""} onChange={(v) => set("commissions", v)} options={categories} emptyLabel="Any service" />
        </Section>

        <Section title="Population (residents)">
          <RangeInputs label="resident population" minKey="min_population" maxKey="max_population" params={params} commit={set} step="1000" />
        </Section>

        <Section title="Registered patients">
          <RangeInputs label="registered patients" minKey="min_patients" maxKey="max_patients" params={params} commit={set} step="1000" />
        </Section>

        <Section title="Allocation">
          <RangeInputs label="allocation in £ millions" unit="£m" minKey="min_allocation" maxKey="max_allocation" params={params} commit={set} step="any" />
        </Section>

        <Section title="Procurement">
          <LabelledSelect
            label="Has a contract ending within"
            value={params.get("contract_ending_within_months") ?? ""}
            onChange={(v) => set("contract_ending_within_months", v)}
            options={ENDING_WINDOWS.map((months) => ({ value: String(months), label: `${months} months` }))}
            emptyLabel="Any time, or none"
          />
          <label className="flex items-start gap-2 text-sm leading-5 text-slate-700">
            <Checkbox className="mt-0.5" checked={params.get("open_tenders") === "1"} onChange={(e) => set("open_tenders", e.target.checked ? "1" : "")} aria-describedby={hintId} />
            Has open tenders
          </label>
          <p id={hintId} className="text-xs text-slate-500">{PROCUREMENT_HINT}</p>
        </Section>

        <Section title="Your team">
          <LabelledSelect
            label="On a target list"
            value={list}
            onChange={(v) => set("list", v)}
            options={[{ value: "any", label: "Any of our lists" }, ...lists]}
            emptyLabel="On a list or not"
          />
          <LabelledSelect
            label="Stage on the list"
            value={params.get("stage") ?? ""}
            onChange={(v) => set("stage", v)}
            options={STAGES.map((stage) => ({ value: stage, label: STAGE_LABELS[stage] }))}
            emptyLabel="Any stage"
            disabled={!list}
            hint={list ? undefined : "Choose a list first"}
          />
          <LabelledSelect
            label="Notes from my team"
            value={params.get("has_notes") ?? ""}
            onChange={(v) => set("has_notes", v)}
            options={[{ value: "true", label: "Has notes" }, { value: "false", label: "No notes yet" }]}
            emptyLabel="With or without"
          />
        </Section>
      </div>
    </aside>
  );
}

/** The search box above the table: names, codes and former names, typos forgiven. */
export function ExplorerSearch() {
  return <SearchBox label="Search names and codes" placeholder="Search by name, code or former name — e.g. chesire mersyside" maxLength={100} />;
}
