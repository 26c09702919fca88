import type { Metadata } from "next";
import { getDb } from "@/lib/db/client";
import { requirePageAuth } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { todayIso } from "@/lib/format";
import { toSearchParams } from "@/lib/paging";
import { readCoverage } from "@/lib/procurement/coverage";
import { noticesTable } from "@/lib/procurement/notices";
import { readTablePage } from "@/lib/tables/server";
import { listTargetLists } from "@/lib/target-lists";
import { listViews } from "@/lib/views";
import { viewFollowStates } from "@/lib/alerts/follows";
import { TableUrlStateProvider } from "@/components/data-table/table-url-state";
import { FilterError } from "@/components/data-table/filter-error";
import { SearchBox } from "@/components/data-table/filter-controls";
import { CoverageNote } from "@/components/procurement/coverage-note";
import { ContractsPageHeader } from "@/components/contracts/contracts-page";
import { ContractsFilters } from "@/components/contracts/contracts-filters";
import { ContractsTable } from "@/components/contracts/contracts-table";
import { BuyerListProvider } from "@/components/contracts/add-buyer";

export const metadata: Metadata = { title: "Contracts" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ContractsPage({ searchParams }: Props) {
  const ctx = await requirePageAuth();
  const db = getDb();
  const params = toSearchParams(await searchParams);
  const [coverage, lists, views, read] = await Promise.all([readCoverage(db), listTargetLists(db, ctx), listViews(db, ctx, "contracts"), readTablePage(noticesTable, db, { today: todayIso() }, params)]);
  const follows = await viewFollowStates(db, ctx, views.map((v) => v.id));
  const canWrite = can(ctx, "write");
  const viewName = params.get("view");
  return (
    <TableUrlStateProvider basePath="/contracts">
      <ContractsPageHeader views={views.map((v) => ({ id: v.id, name: v.name, query: v.query, createdBy: v.createdBy.name, follow: follows[v.id] }))} canManage={can(ctx, "manage")} viewName={viewName} canSave={canWrite && read.ok} total={read.ok ? read.page.total : null} />
      <div className="gap-6 lg:grid lg:grid-cols-[15rem_minmax(0,1fr)]">
        <ContractsFilters />
        <div className="min-w-0 space-y-3">
          <SearchBox label="Search notice titles and descriptions" placeholder="Keywords in titles and descriptions — e.g. community equipment, “patient transport”" maxLength={200} />
          <CoverageNote coverage={coverage} />
          {read.ok ? (
            <BuyerListProvider lists={lists.map((l) => ({ value: l.id, label: l.name }))} canWrite={canWrite}>
              <ContractsTable page={read.page} canWrite={canWrite} />
            </BuyerListProvider>
          ) : (
            <FilterError message={read.error} resetHref="/contracts" resetLabel="Start again with no filters" />
          )}
        </div>
      </div>
    </TableUrlStateProvider>
  );
}
