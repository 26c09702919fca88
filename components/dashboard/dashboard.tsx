// The dashboard page (server components): its header, sent at once, and its body, streamed when
// lib/dashboard's figures are in: the team's section, then the market's, each a grid of chart
// cards that hydrate on the client. Nothing here queries.
import { Suspense, type ReactNode } from "react";
import Link from "next/link";
import type { DashboardData } from "@/lib/dashboard";
import { NATION_LABELS } from "@/lib/organisations/vocabulary";
import { PageHeader } from "@/components/ui/card";
import { Bone, Skeleton } from "@/components/ui/skeleton";
import { FilterError } from "@/components/data-table/filter-error";
import { BodiesByKindCard, MarketFilters, PcnSizesCard, WhoCommissionsCard } from "./market-charts";
import { PopulationAllocationCard } from "./population-allocation-card";
import { MergedAccountsNotice } from "./merged-accounts";
import { ContractsEndingCard } from "./contracts-ending-card";
import { CoverageCard, NotesActivityCard, OverdueCard, PipelineCard, StartPipelineCard } from "./team-charts";

/** Needs no figures: in the page's first bytes, before its body streams in. */
export function DashboardHeader() {
  return (
    <PageHeader title="Dashboard">
      Your team&apos;s pipeline and the market it sells into, from the atlas&apos;s reference data. Select a bar to open what it counts in the explorer, or
      switch a chart to a table. The counts of every kind of body and the bodies closed in reorganisations are on the{" "}
      <Link href="/structure" className="text-brand-700 underline underline-offset-2">structure page</Link>.
    </PageHeader>
  );
}

/** What shows while the figures load: the two sections' headings and their cards' boxes. */
export function DashboardSkeleton() {
  return (
    <Skeleton label="Loading the dashboard…">
      {[0, 1].map((section) => (
        <div key={section} className="mb-10">
          <Bone className="mb-4 h-7 w-56" />
          <div className="grid gap-6 lg:grid-cols-2">
            {[0, 1].map((card) => <Bone key={card} className="h-80 rounded-lg" />)}
          </div>
        </div>
      ))}
    </Skeleton>
  );
}

/**
 * One client card, hydrated on its own: React hydrates a server-rendered Suspense boundary after
 * the rest, yielding to the browser as it goes, and commits each boundary apart, so the cards'
 * hydration is not one long task on a slow phone. Nothing in them suspends on the server: the
 * fallback is never sent.
 */
function Hydrated({ children }: { children: ReactNode }) {
  return <Suspense>{children}</Suspense>;
}

export function Dashboard({ data, teamName, canWrite }: { data: DashboardData; teamName: string; canWrite: boolean }) {
  const { options, filters, problems, market, team } = data;
  const regionName = options.regions.find((r) => r.code === filters.region)?.name;
  const hasEntries = options.lists.some((l) => l.entries > 0);
  const place = regionName ?? (filters.nation ? NATION_LABELS[filters.nation] : null);
  return (
    <>
      {problems.length > 0 && (
        <div className="mb-6">
          <FilterError title="Some filters were left out" message={`${problems.join("; ")}.`} resetHref="/" resetLabel="Show the dashboard with no filters" />
        </div>
      )}

      <section id="team" aria-labelledby="team-heading" className="mb-10 scroll-mt-4">
        <h2 id="team-heading" className="mb-4 text-lg font-semibold text-slate-900">Your team&apos;s work <span className="font-normal text-slate-600">· {teamName}</span></h2>
        <MergedAccountsNotice notices={team.mergers} />
        <div className="grid gap-6 lg:grid-cols-2">
          {team.pipeline && team.coverage ? (
            <>
              <Hydrated><PipelineCard rows={team.pipeline} lists={options.lists} filters={filters} /></Hydrated>
              <Hydrated><CoverageCard rows={team.coverage} filters={filters} /></Hydrated>
            </>
          ) : (
            <Hydrated><StartPipelineCard canWrite={canWrite} archivedLists={options.allLists - options.lists.length} /></Hydrated>
          )}
          <Hydrated><NotesActivityCard activity={team.notes} wide={!team.overdue} /></Hydrated>
          {team.overdue && <Hydrated><OverdueCard rows={team.overdue} hasEntries={hasEntries} /></Hydrated>}
        </div>
      </section>

      <section id="market" aria-labelledby="market-heading" className="scroll-mt-4">
        <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
          <h2 id="market-heading" className="text-lg font-semibold text-slate-900">
            The market{place ? <span className="font-normal text-slate-600"> · {place}</span> : null}
          </h2>
          <Hydrated><MarketFilters filters={filters} regions={options.regions} /></Hydrated>
        </div>
        <div className="grid gap-6 lg:grid-cols-2">
          <Hydrated><PopulationAllocationCard rows={market.areas} filters={filters} regionName={regionName} /></Hydrated>
          <Hydrated><BodiesByKindCard rows={market.kinds} filters={filters} regionName={regionName} /></Hydrated>
          <Hydrated><WhoCommissionsCard rows={market.commissioning} filters={filters} /></Hydrated>
          <Hydrated><PcnSizesCard distribution={market.pcns} filters={filters} icbs={options.icbs} regionName={regionName} /></Hydrated>
          <Hydrated><ContractsEndingCard rows={market.contractsEnding} coverage={market.procurementCoverage} filters={filters} regionName={regionName} /></Hydrated>
        </div>
      </section>
    </>
  );
}
