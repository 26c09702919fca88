import { Suspense } from "react";
import type { Metadata } from "next";
import { getDb } from "@/lib/db/client";
import type { AuthContext } from "@/lib/auth/context";
import { requirePageAuth } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { explorerTable } from "@/lib/organisations/explorer";
import { readTablePage } from "@/lib/tables/server";
import { parentChain } from "@/lib/organisations/read";
import { listServiceCategories } from "@/lib/commissioning";
import { listTargetLists } from "@/lib/target-lists";
import { listViews } from "@/lib/views";
import { viewFollowStates } from "@/lib/alerts/follows";
import { formatInteger } from "@/lib/format";
import { TableUrlStateProvider } from "@/components/data-table/table-url-state";
import { ExplorerFilters, ExplorerSearch } from "@/components/explorer/explorer-filters";
import { ExplorerTable } from "@/components/explorer/explorer-table";
import { ParentBreadcrumbs, type Crumb } from "@/components/explorer/breadcrumbs";
import { SavedViewsMenu, SaveViewButton, ViewTitle } from "@/components/views/saved-views";
import { ExplorerExport } from "@/components/explorer/export";
import { toSearchParams } from "@/lib/paging";
import { FilterError } from "@/components/data-table/filter-error";
import { Bone, FilteredTableBodySkeleton } from "@/components/ui/skeleton";

export const metadata: Metadata = { title: "Explorer" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Everything the explorer shows below its title: read once, awaited by the two parts that stream. */
async function loadExplorer(ctx: AuthContext, params: URLSearchParams) {
  const db = getDb();
  const [regions, categories, lists, views, read] = await Promise.all([
    db.organisation.findMany({ where: { kind: "nhse-region", status: "open" }, orderBy: { name: "asc" }, select: { code: true, name: true } }),
    listServiceCategories(db),
    listTargetLists(db, ctx),
    listViews(db, ctx, "explorer"),
    readTablePage(explorerTable, db, { teamId: ctx.team.id }, params),
  ]);

  let chain: Crumb[] = [];
  if (read.ok && read.filters.parent) {
    const parent = await db.organisation.findFirst({ where: { code: read.filters.parent }, select: { code: true, name: true, kind: true } });
    if (parent) {
      const above = await parentChain(db, parent.code);
      chain = [...above.reverse(), parent].map((o) => ({ code: o.code, name: o.name, kind: o.kind as Crumb["kind"] }));
    }
  }
  const follows = await viewFollowStates(db, ctx, views.map((v) => v.id));
  return { regions, categories, listOptions: lists.map((l) => ({ value: l.id, label: l.name })), views, follows, canManage: can(ctx, "manage"), read, chain };
}

type Explorer = Promise<Awaited<ReturnType<typeof loadExplorer>>>;

async function ExplorerActions({ explorer, viewName, canWrite }: { explorer: Explorer; viewName: string | null; canWrite: boolean }) {
  const { views, follows, canManage, read } = await explorer;
  return (
    <>
      <SavedViewsMenu page="explorer" views={views.map((v) => ({ id: v.id, name: v.name, query: v.query, createdBy: v.createdBy.name, follow: follows[v.id] }))} current={viewName} canManage={canManage} />
      {canWrite && read.ok && <SaveViewButton page="explorer" placeholder="e.g. North West ICBs by population" />}
      {read.ok && <ExplorerExport total={read.page.total} viewName={viewName} />}
    </>
  );
}

async function ExplorerBody({ explorer, canWrite }: { explorer: Explorer; canWrite: boolean }) {
  const { regions, categories, listOptions, read, chain } = await explorer;
  return (
    <div className="gap-6 lg:grid lg:grid-cols-[15rem_minmax(0,1fr)]">
      <ExplorerFilters
        regions={regions.map((r) => ({ value: r.code, label: r.name }))}
        categories={categories.map((c) => ({ value: c.slug, label: c.name }))}
        lists={listOptions}
      />
      <div className="min-w-0 space-y-3">
        <ExplorerSearch />
        {chain.length > 0 && <ParentBreadcrumbs chain={chain} />}
        {read.ok ? (
          <ExplorerTable page={read.page} canWrite={canWrite} lists={listOptions} />
        ) : (
          <FilterError message={read.error} resetHref="/explorer" resetLabel="Start again with no filters" />
        )}
        {read.ok && read.page.total > 0 && (
          <p className="text-xs text-slate-500">
            Populations (residents), registered patients and allocations are the latest published figures ({formatInteger(read.page.total)} bodies match); “—” means the data has no figure.
          </p>
        )}
      </div>
    </div>
  );
}

/**
 * The title and what the explorer is are sent at once; the header's buttons and the filters and
 * table stream in behind skeletons when the page's reads are in. So the page shows progress, and
 * its first paint already holds its largest text instead of waiting for the reveal.
 */
export default async function ExplorerPageRoute({ searchParams }: Props) {
  const ctx = await requirePageAuth();
  const params = toSearchParams(await searchParams);
  const explorer = loadExplorer(ctx, params);
  const canWrite = can(ctx, "write");
  const viewName = params.get("view");

  return (
    <TableUrlStateProvider>
      <div className="mb-5 flex flex-wrap items-end justify-between gap-4">
        <div>
          <ViewTitle title="Explorer" viewName={viewName} />
          <p className="mt-1 text-sm text-slate-600">Every commissioning body in the four nations: filter, drill down the hierarchy, build target lists and export.</p>
        </div>
        <div className="ml-auto flex flex-wrap items-center justify-end gap-2">
          <Suspense fallback={["w-28", "w-24", "w-28"].map((width, i) => <Bone key={i} className={`h-8 rounded-md ${width}`} />)}>
            <ExplorerActions explorer={explorer} viewName={viewName} canWrite={canWrite} />
          </Suspense>
        </div>
      </div>
      <Suspense fallback={<FilteredTableBodySkeleton label="Loading the explorer…" above={["h-9 rounded-md", "h-5 w-40"]} cells={["h-4 w-4", "h-4 w-14", "h-4 flex-1", "h-4 w-24", "hidden h-4 w-32 sm:block", "h-4 w-20"]} />}>
        <ExplorerBody explorer={explorer} canWrite={canWrite} />
      </Suspense>
    </TableUrlStateProvider>
  );
}
