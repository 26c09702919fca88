import Link from "next/link";
import type { ChangeRecord, ChangesFeedParams } from "@/lib/changes";
import { CHANGE_TYPES, CHANGE_TYPE_TEXT } from "@/lib/changes/vocabulary";
import { KIND_LABELS, NATION_LABELS, NATIONS, ORGANISATION_KINDS } from "@/lib/organisations/vocabulary";
import type { TablePage } from "@/lib/tables/page";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Label, Select } from "@/components/ui/input";
import { ChangeList } from "./change-list";

function Choice({ name, label, any, value, options }: { name: string; label: string; any: string; value: string | undefined; options: [string, string][] }) {
  return (
    <div>
      <Label htmlFor={name}>{label}</Label>
      <Select id={name} name={name} defaultValue={value ?? ""} className="mt-1">
        <option value="">{any}</option>
        {options.map(([option, text]) => <option key={option} value={option}>{text}</option>)}
      </Select>
    </div>
  );
}

/** The log's filters as a plain GET form: the URL holds them, so a filtered log can be shared. */
export function ChangesFilters({ filters }: { filters: Partial<ChangesFeedParams> }) {
  return (
    <form method="get" role="search" aria-label="Filter the change log" className="mb-6 flex flex-wrap items-end gap-3">
      <div>
        <Label htmlFor="since">Since</Label>
        <Input id="since" name="since" type="date" defaultValue={filters.since ?? ""} className="mt-1" full={false} />
      </div>
      <div>
        <Label htmlFor="until">Until</Label>
        <Input id="until" name="until" type="date" defaultValue={filters.until ?? ""} className="mt-1" full={false} />
      </div>
      <Choice name="nation" label="Nation" any="All nations" value={filters.nation} options={NATIONS.map((nation) => [nation, NATION_LABELS[nation]])} />
      <Choice name="kind" label="Kind of body" any="Any kind" value={filters.kind} options={ORGANISATION_KINDS.map((kind) => [kind, KIND_LABELS[kind].singular])} />
      <Choice name="type" label="Change" any="Any change" value={filters.type} options={CHANGE_TYPES.map((type) => [type, CHANGE_TYPE_TEXT[type].label])} />
      <div>
        <Label htmlFor="code">Organisation code</Label>
        <Input id="code" name="code" defaultValue={filters.code ?? ""} className="mt-1 w-32" full={false} placeholder="e.g. QHG" />
      </div>
      <Button type="submit">Filter</Button>
      <Link href="/changes" className="py-2 text-sm text-brand-700 underline">Clear</Link>
    </form>
  );
}

export function ChangesResults({ page, params }: { page: TablePage<ChangeRecord>; params: URLSearchParams }) {
  const filtered = [...params.keys()].some((key) => key !== "before" && key !== "limit" && params.get(key));
  if (page.rows.length === 0) {
    return (
      <EmptyState title={filtered ? "No change matches these filters" : "No change is recorded yet"}>
        {filtered ? "Widen the dates or clear a filter." : "The log fills as reference data is imported."}
      </EmptyState>
    );
  }
  const older = new URLSearchParams([...params].filter(([key, value]) => value && key !== "before"));
  if (page.nextBefore) older.set("before", page.nextBefore);
  return (
    <Card>
      <ChangeList changes={page.rows} caption="Changes to the reference data, newest first" />
      {page.nextBefore && <Link href={`/changes?${older.toString()}`} className="mt-4 inline-block text-sm text-brand-700 underline">Older changes</Link>}
    </Card>
  );
}
