import Link from "next/link";
import type { ExplorerFilters, ExplorerRow, Sort } from "@/lib/organisations/explorer";
import type { TableRead } from "@/lib/tables/page";
import { KIND_LABELS, type OrganisationKind } from "@/lib/organisations/vocabulary";
import { formatInteger } from "@/lib/format";
import { Card } from "@/components/ui/card";
import { TableUrlStateProvider } from "@/components/data-table/table-url-state";
import { ExplorerSearch } from "@/components/explorer/explorer-filters";
import { ExplorerTable } from "@/components/explorer/explorer-table";
import { toQueryString } from "@/components/data-table/query-string";
import { FilterError } from "@/components/data-table/filter-error";

type Props = {
  organisation: { code: string; name: string };
  kinds: { kind: OrganisationKind; open: number; closed: number }[];
  /** The profile's own query string: the table's filters, sort, page and columns */
  params: URLSearchParams;
  read: TableRead<ExplorerRow, ExplorerFilters, Sort>;
  canWrite: boolean;
  lists: { value: string; label: string }[];
};

/**
 * The bodies directly below a profile's organisation, in the explorer's table: paged, sorted and
 * searched on the server, its state in the profile's URL, so a large ICB's thousands of practices
 * are never all loaded.
 */
export function ChildrenSection({ organisation, kinds, params, read, canWrite, lists }: Props) {
  if (kinds.length === 0) return null;
  const base = `/organisations/${encodeURIComponent(organisation.code)}`;
  const selectedKind = params.get("kind");
  const tabHref = (kind: OrganisationKind | null) => {
    const next = new URLSearchParams(params);
    next.delete("page");
    if (kind) next.set("kind", kind);
    else next.delete("kind");
    const query = toQueryString(next);
    return `${base}${query ? `?${query}` : ""}#below`;
  };
  const explorerQuery = new URLSearchParams(params);
  explorerQuery.set("parent", organisation.code);
  explorerQuery.delete("page");

  return (
    <div id="below" className="mt-6 scroll-mt-6">
      <Card
        title={`Directly below ${organisation.name}`}
        description="Every body whose parent this is, from the same data and table as the explorer."
      >
        <div className="space-y-3">
          <nav aria-label="Kinds of body below" className="flex flex-wrap gap-2 text-sm">
            <KindTab href={tabHref(null)} current={!selectedKind} label="All kinds" count={kinds.reduce((sum, k) => sum + k.open, 0)} />
            {kinds.map((k) => (
              <KindTab key={k.kind} href={tabHref(k.kind)} current={selectedKind === k.kind} label={KIND_LABELS[k.kind].plural} count={k.open} closed={k.closed} />
            ))}
            <Link href={`/explorer?${toQueryString(explorerQuery)}`} className="ml-auto self-center font-medium text-brand-700 hover:underline">
              Open in the explorer →
            </Link>
          </nav>
          <TableUrlStateProvider basePath={base}>
            <ExplorerSearch />
            {read.ok ? (
              <ExplorerTable page={read.page} canWrite={canWrite} lists={lists} />
            ) : (
              <FilterError message={read.error} resetHref={`${base}#below`} resetLabel="Show every body below" />
            )}
          </TableUrlStateProvider>
        </div>
      </Card>
    </div>
  );
}

function KindTab({ href, current, label, count, closed }: { href: string; current: boolean; label: string; count: number; closed?: number }) {
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className={`rounded-full px-3 py-1 ring-1 ring-inset ${current ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"}`}
    >
      {label} <span className={`tabular-nums ${current ? "text-brand-100" : "text-slate-500"}`}>{formatInteger(count)}</span>
      {closed ? <span className="sr-only"> open, {closed} closed</span> : null}
    </Link>
  );
}
