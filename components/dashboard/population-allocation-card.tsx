"use client";
// The market's population and allocation card: each ICB, health board and LHB by population,
// allocation or allocation per head, with why some have no figure. Drawn by market-recharts.tsx.
import dynamic from "next/dynamic";
import { useMemo, useState } from "react";
import type { AreaBodyRow } from "@/lib/dashboard/market";
import { NATION_COLOURS } from "@/lib/dashboard/labels";
import { downloadHrefs, explorerHref, type DashboardFilters } from "@/lib/dashboard/links";
import { formatMonth } from "@/lib/format";
import { NATION_LABELS, NATIONS } from "@/lib/organisations/vocabulary";
import { EmptyState } from "@/components/ui/empty-state";
import { ChartCard, ChartSelect } from "./chart-card";
import { AREA_KINDS, ChartFrame, ChartLoading, DataTable, Legend, MissingNote, TableLink, formatCompact, formatGbp, formatGbpCompact, formatInt, placeLabel, plural } from "./chart-kit";

const PopulationAllocationChart = dynamic(() => import("./market-recharts").then((m) => m.PopulationAllocationChart), { ssr: false, loading: ChartLoading });

const METRICS = {
  population: { label: "Population (residents)", article: "a resident-population", axis: "Resident population (people; ONS, NRS, NISRA estimates)", format: formatCompact },
  patients: { label: "Registered patients", article: "a registered-patient", axis: "Registered patients (GP practice lists, April 2026)", format: formatCompact },
  allocation: { label: "Allocation", article: "an allocation", axis: "Core allocation 2025/26 (£)", format: formatGbpCompact },
  perHead: { label: "Allocation per resident", article: "an allocation-per-resident", axis: "£ per resident (population estimate)", format: formatGbp },
  perPatient: { label: "Allocation per registered patient", article: "an allocation-per-registered-patient", axis: "£ per registered patient (April 2026)", format: formatGbp },
} as const;
type Metric = keyof typeof METRICS;
const TOP = 15;

function metricValue(row: AreaBodyRow, metric: Metric): number | null {
  if (metric === "population") return row.population;
  if (metric === "patients") return row.registeredPatients;
  if (metric === "allocation") return row.allocationGbpThousands === null ? null : row.allocationGbpThousands * 1000;
  if (metric === "perPatient") return row.allocationPerPatientGbp;
  return row.allocationPerHeadGbp;
}

/** Why some bodies have no registered-patient figure, or none per registered patient. */
function missingPatientsReason(missing: AreaBodyRow[], metric: "patients" | "perPatient"): string {
  const outsideEngland = missing.some((r) => r.nation !== "england");
  const icbMoved = metric === "perPatient" && missing.some((r) => r.kind === "icb" && r.registeredPatients !== null && r.allocationGbpThousands !== null);
  return [
    outsideEngland ? "Registered patients come from NHS England's GP practice file: England only." : "",
    icbMoved ? "An ICB whose boundary moved in April 2026 has no allocation for its new area, so no figure per registered patient." : "",
  ].filter(Boolean).join(" ") + " ";
}

/** Why figures are missing, from which bodies lack them (data/PROVENANCE.md, "Not found"). */
function missingReasons(missing: AreaBodyRow[]): { population: string; allocation: string } {
  const icbNoPopulation = missing.some((r) => r.kind === "icb" && r.population === null);
  const otherNoPopulation = missing.some((r) => r.kind !== "icb" && r.population === null);
  const icbNoAllocation = missing.some((r) => r.kind === "icb" && r.allocationGbpThousands === null);
  const otherNoAllocation = missing.some((r) => r.kind !== "icb" && r.allocationGbpThousands === null);
  return {
    population: [
      icbNoPopulation ? "ICBs whose boundaries changed on 1 April 2026 have no population estimate for their new area in the data." : "",
      otherNoPopulation ? "Some bodies outside England have no population estimate in the data." : "",
    ].filter(Boolean).join(" ") + " ",
    allocation: [
      icbNoAllocation ? "The 2025/26 allocations were made to the 42 ICBs before the April 2026 mergers, so the merged ICBs have none in the data." : "",
      otherNoAllocation ? "Allocations in Scotland, Wales and Northern Ireland are not in the data (it holds NHS England's ICB allocations only)." : "",
    ].filter(Boolean).join(" "),
  };
}

export function PopulationAllocationCard({ rows, filters, regionName }: { rows: AreaBodyRow[]; filters: DashboardFilters; regionName?: string }) {
  const [metric, setMetric] = useState<Metric>("population");
  const [sort, setSort] = useState<"value" | "name">("value");
  const [showAll, setShowAll] = useState(false);
  const { data, missing } = useMemo(() => {
    const withValue = rows
      .map((r) => ({ ...r, value: metricValue(r, metric), fill: NATION_COLOURS[r.nation] }))
      .filter((r): r is typeof r & { value: number } => r.value !== null);
    withValue.sort((a, b) => (sort === "value" ? b.value - a.value : a.shortName.localeCompare(b.shortName)));
    return { data: withValue, missing: rows.filter((r) => metricValue(r, metric) === null) };
  }, [rows, metric, sort]);
  const shown = showAll ? data : data.slice(0, TOP);
  const nations = NATIONS.filter((n) => rows.some((r) => r.nation === n));
  const reasons = missingReasons(missing);
  const withPopulation = rows.filter((r) => r.population !== null);
  const withAllocation = rows.filter((r) => r.allocationGbpThousands !== null);
  const totalPopulation = withPopulation.reduce((s, r) => s + (r.population ?? 0), 0);
  const withPatients = rows.filter((r) => r.registeredPatients !== null);
  const totalPatients = withPatients.reduce((s, r) => s + (r.registeredPatients ?? 0), 0);
  const patientsMonth = withPatients[0]?.registeredPatientsMonth;
  const totalAllocation = withAllocation.reduce((s, r) => s + (r.allocationGbpThousands ?? 0), 0) * 1000;

  const chart =
    data.length === 0 ? (
      <p className="rounded-md bg-slate-50 px-3 py-4 text-sm text-slate-700">No body here has {METRICS[metric].article} figure in the data.</p>
    ) : (
      <div>
        <ChartFrame height={shown.length * 30 + 56}>
          <PopulationAllocationChart data={shown} height={shown.length * 30 + 56} metric={METRICS[metric]} />
        </ChartFrame>
        {data.length > TOP && (
          <button type="button" onClick={() => setShowAll((v) => !v)} aria-expanded={showAll} className="mt-2 text-sm font-medium text-brand-700 underline underline-offset-2">
            {showAll ? `Show the top ${TOP} only` : `Show all ${data.length}`}
          </button>
        )}
        {nations.length > 1 && <Legend label="Nations" items={nations.map((n) => ({ label: NATION_LABELS[n], colour: NATION_COLOURS[n] }))} />}
      </div>
    );

  const table = (
    <DataTable
      caption={`Population and allocation by body, ${placeLabel(filters, regionName)}`}
      rows={rows}
      rowKey={(r) => r.code}
      sortable
      initialSort={{ key: "population", direction: "descending" }}
      columns={[
        { key: "name", header: "Body", value: (r) => r.name, render: (r) => <TableLink href={`/organisations/${encodeURIComponent(r.code)}`}>{r.name}</TableLink> },
        { key: "nation", header: "Nation", value: (r) => NATION_LABELS[r.nation] },
        { key: "region", header: "Region", value: (r) => r.regionName },
        { key: "population", header: "Population (residents)", numeric: true, value: (r) => r.population, render: (r) => (r.population === null ? "not in the data" : <>{formatInt(r.population)} <span className="text-xs text-slate-500">{r.populationYear}</span></>) },
        { key: "patients", header: "Registered patients", numeric: true, value: (r) => r.registeredPatients, render: (r) => (r.registeredPatients === null ? "—" : <>{formatInt(r.registeredPatients)} <span className="text-xs text-slate-500">{formatMonth(r.registeredPatientsMonth!, "short")}</span></>) },
        { key: "allocation", header: "Allocation (£)", numeric: true, value: (r) => r.allocationGbpThousands, render: (r) => (r.allocationGbpThousands === null ? "not in the data" : <>{formatGbpCompact(r.allocationGbpThousands * 1000)} <span className="text-xs text-slate-500">{r.allocationYear}</span></>) },
        { key: "perHead", header: "£ per resident", numeric: true, value: (r) => r.allocationPerHeadGbp, render: (r) => (r.allocationPerHeadGbp === null ? "—" : formatGbp(r.allocationPerHeadGbp)) },
        { key: "perPatient", header: "£ per registered patient", numeric: true, value: (r) => r.allocationPerPatientGbp, render: (r) => (r.allocationPerPatientGbp === null ? "—" : formatGbp(r.allocationPerPatientGbp)) },
      ]}
      footer={
        <tr>
          <th scope="row" className="px-2 py-1.5 text-left">Total of the figures in the data</th>
          <td colSpan={2} />
          <td className="px-2 py-1.5 text-right tabular-nums">{formatInt(totalPopulation)} <span className="text-xs font-normal text-slate-500">({withPopulation.length} of {rows.length})</span></td>
          <td className="px-2 py-1.5 text-right tabular-nums">{formatInt(totalPatients)} <span className="text-xs font-normal text-slate-500">({withPatients.length} of {rows.length})</span></td>
          <td className="px-2 py-1.5 text-right tabular-nums">{formatGbpCompact(totalAllocation)} <span className="text-xs font-normal text-slate-500">({withAllocation.length} of {rows.length})</span></td>
          <td colSpan={2} />
        </tr>
      }
    />
  );

  return (
    <ChartCard
      id="population-allocation"
      wide
      title="Population and allocation by ICB, health board and LHB"
      description={<>Resident population (ONS, NRS and NISRA estimates; the year of each is in the table), patients registered at GP practices ({patientsMonth ? formatMonth(patientsMonth) : "England only"}; NHS England) and the 2025/26 core allocation (England only), with allocation per resident and per registered patient. {plural(rows.length, "body", "bodies")} in {placeLabel(filters, regionName)}.</>}
      chart={
        <>
          <div className="mb-3 flex flex-wrap items-end gap-3">
            <ChartSelect label="Show" value={metric} onChange={(e) => setMetric(e.target.value as Metric)}>
              {Object.entries(METRICS).map(([key, m]) => <option key={key} value={key}>{m.label}</option>)}
            </ChartSelect>
            <ChartSelect label="Sort" value={sort} onChange={(e) => setSort(e.target.value as "value" | "name")}>
              <option value="value">Largest first</option>
              <option value="name">By name</option>
            </ChartSelect>
          </div>
          {chart}
        </>
      }
      table={table}
      downloads={downloadHrefs("population-allocation", filters)}
      exploreHref={explorerHref({ nation: filters.nation, region: filters.region, kind: AREA_KINDS })}
      empty={rows.length === 0 ? <EmptyState look="card" title="No ICB, health board or LHB matches these filters" /> : undefined}
      footnote={
        missing.length > 0 ? (
          <MissingNote>
            <strong>Not drawn, no {METRICS[metric].label.toLowerCase()} figure in the data:</strong>{" "}
            {missing.length > 12 ? plural(missing.length, "body", "bodies") : missing.map((r) => r.shortName).join(", ")}.{" "}
            {metric === "perHead" && "It needs both a population and an allocation. "}
            {metric === "perPatient" && "It needs both registered patients and an allocation for the same area. "}
            {(metric === "population" || metric === "perHead") && reasons.population}
            {(metric === "patients" || metric === "perPatient") && missingPatientsReason(missing, metric)}
            {metric !== "population" && metric !== "patients" && reasons.allocation}
          </MissingNote>
        ) : undefined
      }
    />
  );
}
