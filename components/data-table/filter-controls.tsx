"use client";
// The controls of a server table's filter panel (the explorer's, the contracts page's): labelled
// sections, selects, checkbox lists and min/max ranges that write to the URL.
import { useCallback, useId, type ReactNode } from "react";
import { useTableUrlState } from "./table-url-state";
import { DebouncedInput } from "@/components/ui/debounced-input";
import { Checkbox, Select } from "@/components/ui/input";

export type Option = { value: string; label: string };

/** `a,b` and `x=a&x=b` alike. */
export function listValues(params: URLSearchParams, key: string): string[] {
  return params.getAll(key).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
}

/** Adds or removes one value of a comma-list parameter ("nation=england,wales"). */
export function toggleListValue(params: URLSearchParams, key: string, value: string, on: boolean): void {
  const current = new Set(listValues(params, key));
  if (on) current.add(value);
  else current.delete(value);
  params.delete(key);
  if (current.size) params.set(key, [...current].join(","));
}

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="border-t border-slate-100 px-4 py-3 first:border-t-0">
      <legend className="float-left mb-2 w-full text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</legend>
      <div className="clear-both space-y-2">{children}</div>
    </fieldset>
  );
}

export function LabelledSelect({ label, value, onChange, options, emptyLabel, disabled, hint }: { label: string; value: string; onChange: (value: string) => void; options: Option[]; emptyLabel: string; disabled?: boolean; hint?: string }) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-700">{label}</label>
      <Select id={id} size="sm" value={value} onChange={(e) => onChange(e.target.value)} disabled={disabled} aria-describedby={hint ? `${id}-hint` : undefined}>
        <option value="">{emptyLabel}</option>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </Select>
      {hint && <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">{hint}</p>}
    </div>
  );
}

/** A filter of several values: one labelled checkbox each. */
export function CheckboxList({ options, checked, onToggle, className }: { options: Option[]; checked: ReadonlySet<string>; onToggle: (value: string, on: boolean) => void; className: string }) {
  return (
    <div className={className}>
      {options.map((o) => (
        <label key={o.value} className="flex items-start gap-2 text-sm leading-5 text-slate-700">
          <Checkbox className="mt-0.5" checked={checked.has(o.value)} onChange={(e) => onToggle(o.value, e.target.checked)} />
          {o.label}
        </label>
      ))}
    </div>
  );
}

export function RangeInputs({ label, unit, minKey, maxKey, params, commit, step }: { label: string; unit?: string; minKey: string; maxKey: string; params: URLSearchParams; commit: (key: string, value: string) => void; step: string }) {
  const id = useId();
  const commitMin = useCallback((v: string) => commit(minKey, v), [commit, minKey]);
  const commitMax = useCallback((v: string) => commit(maxKey, v), [commit, maxKey]);
  return (
    <div className="grid grid-cols-2 gap-2">
      <div>
        <label htmlFor={`${id}-min`} className="mb-1 block text-xs font-medium text-slate-700">Min {unit && <span className="font-normal text-slate-500">({unit})</span>}<span className="sr-only"> {label}</span></label>
        <DebouncedInput id={`${id}-min`} type="number" inputMode="decimal" min="0" step={step} size="sm" className="tabular-nums" value={params.get(minKey) ?? ""} onCommit={commitMin} delay={500} placeholder="Any" />
      </div>
      <div>
        <label htmlFor={`${id}-max`} className="mb-1 block text-xs font-medium text-slate-700">Max {unit && <span className="font-normal text-slate-500">({unit})</span>}<span className="sr-only"> {label}</span></label>
        <DebouncedInput id={`${id}-max`} type="number" inputMode="decimal" min="0" step={step} size="sm" className="tabular-nums" value={params.get(maxKey) ?? ""} onCommit={commitMax} delay={500} placeholder="Any" />
      </div>
    </div>
  );
}

/** The search box above a table: `q` in the URL; clearing it drops the relevance sort it allowed. */
export function SearchBox({ label, placeholder, maxLength }: { label: string; placeholder: string; maxLength: number }) {
  const { query, navigate } = useTableUrlState();
  const id = useId();
  const q = new URLSearchParams(query).get("q") ?? "";
  const commit = useCallback(
    (value: string) =>
      navigate((p) => {
        if (value) p.set("q", value);
        else {
          p.delete("q");
          if (p.get("sort") === "relevance") p.delete("sort");
        }
      }),
    [navigate],
  );
  return (
    <div className="relative">
      <label htmlFor={id} className="sr-only">{label}</label>
      <span aria-hidden className="pointer-events-none absolute inset-y-0 left-3 flex items-center text-slate-400">
        <svg viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4"><path fillRule="evenodd" d="M9 3.5a5.5 5.5 0 1 0 3.4 9.83l3.63 3.64a.75.75 0 1 0 1.06-1.06l-3.63-3.64A5.5 5.5 0 0 0 9 3.5ZM5 9a4 4 0 1 1 8 0 4 4 0 0 1-8 0Z" clipRule="evenodd" /></svg>
      </span>
      <DebouncedInput
        id={id}
        type="search"
        value={q}
        onCommit={commit}
        maxLength={maxLength}
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder}
        size="sm"
        className="py-2 pl-9"
      />
    </div>
  );
}

