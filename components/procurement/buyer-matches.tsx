"use client";

import Link from "next/link";
import { useId, useState, useTransition } from "react";
import { matchNamesAction } from "@/lib/matching/actions";
import type { MatchResult } from "@/lib/matching/engine";
import { SHORT_KIND_LABELS } from "@/lib/organisations/vocabulary";
import { matchBuyerAction, removeBuyerMatchAction } from "@/lib/procurement/actions";
import type { BuyerNameRow, BuyerNamesFilters } from "@/lib/procurement/manual-matches";
import type { TablePage } from "@/lib/tables/page";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Label, Select } from "@/components/ui/input";
import { useWithActiveTeam } from "@/components/ui/active-team";

type Candidate = { code: string; name: string; kind: keyof typeof SHORT_KIND_LABELS };

/** The bodies a search finds: the best match and its alternatives, through the spreadsheet matcher's search. */
const candidatesOf = (result: MatchResult | undefined): Candidate[] => (result?.matched ? [result.matched, ...result.alternatives] : []);

function MatchForm({ row }: { row: BuyerNameRow }) {
  const withTeam = useWithActiveTeam();
  const id = useId();
  const [query, setQuery] = useState(row.buyerName);
  const [candidates, setCandidates] = useState<Candidate[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const search = () =>
    startTransition(async () => {
      setMessage(null);
      const answer = await withTeam(matchNamesAction)({ names: [query] });
      if (!answer.ok) return setMessage(answer.message);
      const found = candidatesOf(answer.data[0]);
      setCandidates(found);
      if (found.length === 0) setMessage(`No body close to "${query}". Try its ODS code.`);
    });
  const choose = (code: string) =>
    startTransition(async () => {
      const answer = await withTeam(matchBuyerAction)({ buyerKey: row.buyerKey, code });
      setMessage(answer.ok ? `Matched ${answer.data.notices} notices to ${code}.` : answer.message);
    });

  return (
    <div className="space-y-2" aria-busy={pending}>
      <form className="flex flex-wrap items-center gap-2" onSubmit={(event) => { event.preventDefault(); if (query.trim()) search(); }}>
        <label htmlFor={`${id}-q`} className="sr-only">Find a body for {row.buyerName} by code or name</label>
        <Input id={`${id}-q`} size="xs" full={false} className="w-64" type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="ODS code or name" />
        <Button type="submit" size="xs" variant="secondary" disabled={pending || !query.trim()}>Find body</Button>
      </form>
      {candidates && candidates.length > 0 && (
        <ul className="space-y-1" aria-label={`Bodies for ${row.buyerName}`}>
          {candidates.map((c) => (
            <li key={c.code}>
              <Button size="xs" variant="secondary" disabled={pending} onClick={() => choose(c.code)} aria-label={`Match ${row.buyerName} to ${c.name} (${c.code})`}>
                {c.name} <span className="font-normal text-slate-500">· {c.code} · {SHORT_KIND_LABELS[c.kind]}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
      {message && <p role="status" className="text-xs text-slate-700">{message}</p>}
    </div>
  );
}

function RemoveMatch({ row }: { row: BuyerNameRow }) {
  const withTeam = useWithActiveTeam();
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const remove = () =>
    startTransition(async () => {
      const answer = await withTeam(removeBuyerMatchAction)({ buyerKey: row.buyerKey });
      setMessage(answer.ok ? "Removed: the importer's rules apply again." : answer.message);
    });
  return (
    <div className="space-y-1">
      <p>
        {row.manual!.name} <span className="text-slate-500">· {row.manual!.code}{row.manual!.matchedBy ? ` · by ${row.manual!.matchedBy}` : ""}</span>
      </p>
      <Button size="xs" variant="danger" disabled={pending} onClick={remove} aria-label={`Remove the manual match of ${row.buyerName}`}>Remove match</Button>
      {message && <p role="status" className="text-xs text-slate-700">{message}</p>}
    </div>
  );
}

function pageHref(filters: BuyerNamesFilters, page: number): string {
  const params = new URLSearchParams();
  if (filters.q) params.set("q", filters.q);
  if (filters.show !== "unmatched") params.set("show", filters.show);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return `/admin/buyers${query ? `?${query}` : ""}`;
}

/** Unmatched (or manually matched) buyer names with their notice counts, each with its match form. */
export function BuyerMatches({ page, filters }: { page: TablePage<BuyerNameRow>; filters: BuyerNamesFilters }) {
  const lastPage = Math.max(1, Math.ceil(page.total / page.size));
  return (
    <Card>
      <form className="mb-4 flex flex-wrap items-end gap-3" action="/admin/buyers">
        <div>
          <Label htmlFor="buyers-q">Buyer name</Label>
          <Input id="buyers-q" name="q" type="search" size="sm" full={false} className="w-72" defaultValue={filters.q ?? ""} placeholder="Part of a name" />
        </div>
        <div>
          <Label htmlFor="buyers-show">Show</Label>
          <Select id="buyers-show" name="show" size="sm" full={false} defaultValue={filters.show}>
            <option value="unmatched">Unmatched names</option>
            <option value="manual">Names matched by hand</option>
          </Select>
        </div>
        <Button type="submit" size="sm" variant="secondary">Search</Button>
      </form>
      {page.rows.length === 0 ? (
        <EmptyState look="card" title={filters.show === "manual" ? "No manual matches" : "Every buyer name is matched"}>
          {filters.q ? `Nothing matches "${filters.q}".` : "Nothing waits here."}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">Buyer names, {filters.show === "manual" ? "matched by hand" : "unmatched"}, with their notices in the shipped sample and any sync</caption>
            <thead>
              <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
                <th scope="col" className="py-2 pr-3">Buyer as published</th>
                <th scope="col" className="pr-3 text-right">Notices</th>
                <th scope="col">{filters.show === "manual" ? "Matched to" : "Match to a body"}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 align-top">
              {page.rows.map((row) => (
                <tr key={row.buyerKey}>
                  <td className="py-2 pr-3">{row.buyerName}</td>
                  <td className="pr-3 text-right tabular-nums">{row.notices}</td>
                  <td className="py-2">{row.manual ? <RemoveMatch row={row} /> : <MatchForm row={row} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Pages" className="mt-4 flex items-center gap-4 text-sm">
        <span className="text-slate-600">{page.total} names · page {page.page} of {lastPage}</span>
        {page.page > 1 && <Link className="text-brand-700 underline" href={pageHref(filters, page.page - 1)}>Previous</Link>}
        {page.hasNextPage && <Link className="text-brand-700 underline" href={pageHref(filters, page.page + 1)}>Next</Link>}
      </nav>
    </Card>
  );
}
