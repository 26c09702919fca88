"use client";

import Link from "next/link";
import { KIND_LABELS, SHORT_KIND_LABELS, type OrganisationKind } from "@/lib/organisations/vocabulary";
import { explorerHref } from "@/lib/organisations/explorer-href";
import { useTableUrlState } from "@/components/data-table/table-url-state";
import { drillQuery } from "./query";

export type Crumb = { code: string; name: string; kind: OrganisationKind };

/** Where a drill-down stands: the parent's chain, top first; each crumb shows what lies under it. */
export function ParentBreadcrumbs({ chain }: { chain: Crumb[] }) {
  const { query } = useTableUrlState();
  const current = chain[chain.length - 1];
  if (!current) return null;
  return (
    <nav aria-label="Drill-down" className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm shadow-sm">
      <ol className="flex flex-wrap items-center gap-x-1.5 gap-y-1">
        <li>
          <Link href={explorerHref(drillQuery(query, null))} className="text-brand-700 hover:underline">All bodies</Link>
        </li>
        {chain.map((crumb) => (
          <li key={crumb.code} className="flex items-center gap-1.5">
            <span aria-hidden className="text-slate-400">›</span>
            {crumb === current ? (
              <span aria-current="page" className="font-semibold text-slate-900" title={KIND_LABELS[crumb.kind].singular}>
                {crumb.name} <span className="font-normal text-slate-500">({SHORT_KIND_LABELS[crumb.kind]})</span>
              </span>
            ) : (
              <Link href={explorerHref(drillQuery(query, crumb.code))} className="text-brand-700 hover:underline" title={`Everything under ${crumb.name}`}>
                {crumb.name}
              </Link>
            )}
          </li>
        ))}
      </ol>
      <span className="flex items-center gap-3 text-xs">
        <Link href={`/organisations/${encodeURIComponent(current.code)}`} className="text-slate-600 hover:text-brand-700 hover:underline">Open profile<span className="sr-only"> of {current.name}</span></Link>
        <Link href={explorerHref(drillQuery(query, null))} className="rounded border border-slate-300 px-2 py-0.5 font-medium text-slate-700 hover:bg-slate-50">
          Clear<span className="sr-only"> drill-down</span>
        </Link>
      </span>
    </nav>
  );
}
