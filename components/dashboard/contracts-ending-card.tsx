"use client";
// The market's procurement card: contracts ending in the next 12 months per ICB, health board or
// area HSC trust (each counting its whole scope), under the coverage note; a bar or a row opens
// /contracts filtered to that body and window.
import dynamic from "next/dynamic";
import type { ContractsEndingRow } from "@/lib/dashboard/procurement";
import { DASHBOARD_ENDING_MONTHS } from "@/lib/dashboard/labels";
import type { DashboardFilters } from "@/lib/dashboard/links";
import type { ProcurementCoverage } from "@/lib/procurement/coverage";
import { NATION_LABELS } from "@/lib/organisations/vocabulary";
import { EmptyState } from "@/components/ui/empty-state";
import { CoverageNote } from "@/components/procurement/coverage-note";
import { ChartCard } from "./chart-card";
import { ChartFrame, ChartLoading, DataTable, TableLink, formatInt, placeLabel, plural } from "./chart-kit";

const ContractsEndingChart = dynamic(() => import("@/components/procurement/procurement-recharts").then((m) => m.ContractsEndingChart), { ssr: false, loading: ChartLoading });

const endingHref = (code: string) => `/contracts?buyer=${encodeURIComponent(code)}&ends_within_months=${DASHBOARD_ENDING_MONTHS}`;

export function ContractsEndingCard({ rows, coverage, filters, regionName }: { rows: ContractsEndingRow[]; coverage: ProcurementCoverage; filters: DashboardFilters; regionName?: string }) {
  const data = rows.map((row) => ({ ...row, href: endingHref(row.code) }));
  const height = data.length * 28 + 56;
  const loaded = coverage.notices.reduce((sum, source) => sum + source.notices, 0);
  return (
    <ChartCard
      id="contracts-ending"
      wide
      title={`Contracts ending in the next ${DASHBOARD_ENDING_MONTHS} months`}
      description={
        <>
          Per ICB, health board and area HSC trust in {placeLabel(filters, regionName)}: contracts in notices of the body, the bodies below it (its trusts and sub-ICB
          locations) and its predecessors that end from today to {DASHBOARD_ENDING_MONTHS} months on. {plural(rows.reduce((sum, r) => sum + r.contracts, 0), "contract")} in {plural(rows.length, "body", "bodies")}.
        </>
      }
      chart={
        <ChartFrame height={height}>
          <ContractsEndingChart data={data} height={height} />
        </ChartFrame>
      }
      table={
        <DataTable
          caption={`Contracts ending in the next ${DASHBOARD_ENDING_MONTHS} months, ${placeLabel(filters, regionName)}`}
          rows={rows}
          rowKey={(r) => r.code}
          columns={[
            { key: "name", header: "ICB or board", value: (r) => r.name, render: (r) => <TableLink href={endingHref(r.code)}>{r.name}</TableLink> },
            { key: "nation", header: "Nation", value: (r) => NATION_LABELS[r.nation] },
            { key: "contracts", header: "Contracts ending", numeric: true, value: (r) => r.contracts, render: (r) => formatInt(r.contracts) },
          ]}
        />
      }
      exploreHref={`/contracts?ends_within_months=${DASHBOARD_ENDING_MONTHS}`}
      exploreLabel="Open every contract ending on the contracts page"
      empty={
        rows.length === 0 ? (
          <EmptyState look="card" title={loaded === 0 ? "No procurement notices are loaded" : `No contract ends in the next ${DASHBOARD_ENDING_MONTHS} months here`}>
            {loaded === 0 ? "Run the import or a sync to load notices." : `None of the ${plural(loaded, "notice")} loaded has a contract ending in the window for these bodies.`}
          </EmptyState>
        ) : undefined
      }
      footnote={<CoverageNote coverage={coverage} />}
    />
  );
}
