"use client";
// The market charts' cards (population and allocation has a file of its own). The figures come from the server page (aggregated in PostgreSQL); these
// cards are server-rendered with their headings, controls, legends, tables and CSV links, and the
// drawings (market-recharts.tsx, with recharts) load after hydration in a frame of their height.
import dynamic from "next/dynamic";
import { useState } from "react";
import type { CommissionerKindRow, KindNationRow, PcnDistribution } from "@/lib/dashboard/market";
import { ARRANGEMENT_COLOURS, COMMISSIONER_SHORT, NATION_COLOURS, NATION_SHORT } from "@/lib/dashboard/labels";
import { downloadHrefs, explorerHref, type DashboardFilters } from "@/lib/dashboard/links";
import { formatMonth } from "@/lib/format";
import { ARRANGEMENTS, ARRANGEMENT_LABELS, NATION_LABELS, NATIONS, SHORT_KIND_PLURALS } from "@/lib/organisations/vocabulary";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ChartCard, ChartSelect, FilterForm } from "./chart-card";
import { ChartFrame, ChartLoading, DataTable, Legend, MissingNote, TableLink, formatInt, placeLabel, plural } from "./chart-kit";

// The drawings: recharts loads with them, after hydration, never in the page's first load
const BodiesByKindChart = dynamic(() => import("./market-recharts").then((m) => m.BodiesByKindChart), { ssr: false, loading: ChartLoading });
const PcnSizesChart = dynamic(() => import("./market-recharts").then((m) => m.PcnSizesChart), { ssr: false, loading: ChartLoading });
const WhoCommissionsChart = dynamic(() => import("./market-recharts").then((m) => m.WhoCommissionsChart), { ssr: false, loading: ChartLoading });

// ---------- bodies by kind and nation ----------

export function BodiesByKindCard({ rows, filters, regionName }: { rows: KindNationRow[]; filters: DashboardFilters; regionName?: string }) {
  const multiNation = new Set(rows.map((r) => r.nation)).size > 1;
  const data = rows.map((r) => ({
    ...r,
    axisLabel: multiNation ? `${SHORT_KIND_PLURALS[r.kind]} (${NATION_SHORT[r.nation]})` : SHORT_KIND_PLURALS[r.kind],
    fill: NATION_COLOURS[r.nation],
  }));
  const max = Math.max(1, ...rows.map((r) => r.open));
  const ticks = [1, 10, 100, 1000, 10000, 100000].filter((t) => t <= max * 10);
  const nations = NATIONS.filter((n) => rows.some((r) => r.nation === n));
  const total = rows.reduce((s, r) => s + r.open, 0);
  const href = (r: KindNationRow) => explorerHref({ nation: r.nation, kind: r.kind, region: filters.region });
  return (
    <ChartCard
      id="bodies-by-kind"
      title="How the system is structured: bodies by kind and nation"
      description={<>Open bodies of each kind in {placeLabel(filters, regionName)}: {formatInt(total)} in all. The scale is logarithmic, so a few national bodies and thousands of practices both show.</>}
      chart={
        <div>
          <ChartFrame height={data.length * 28 + 56}>
            <BodiesByKindChart data={data} height={data.length * 28 + 56} ticks={ticks} hrefFor={href} />
          </ChartFrame>
          {nations.length > 1 && <Legend label="Nations" items={nations.map((n) => ({ label: NATION_LABELS[n], colour: NATION_COLOURS[n] }))} />}
        </div>
      }
      table={
        <DataTable
          caption={`Open bodies by kind and nation, ${placeLabel(filters, regionName)}`}
          rows={rows}
          rowKey={(r) => `${r.nation}-${r.kind}`}
          columns={[
            { key: "kind", header: "Kind", value: (r) => r.label, render: (r) => <TableLink href={href(r)}>{r.label}</TableLink> },
            { key: "nation", header: "Nation", value: (r) => NATION_LABELS[r.nation] },
            { key: "open", header: "Open bodies", numeric: true, value: (r) => r.open, render: (r) => formatInt(r.open) },
          ]}
        />
      }
      downloads={downloadHrefs("bodies-by-kind", filters)}
      exploreHref={explorerHref({ nation: filters.nation, region: filters.region })}
      empty={rows.length === 0 ? <EmptyState look="card" title="No open body matches these filters" /> : undefined}
      footnote={filters.region ? "Within an NHS England region: the national bodies, which have no region, are not counted." : <>Closed bodies and the April 2026 ICB mergers are on the <TableLink href="/structure">structure page</TableLink>.</>}
    />
  );
}

// ---------- the size of PCNs ----------

const PCN_CHART_HEIGHT = 280;

export function PcnSizesCard({
  distribution,
  filters,
  icbs,
  regionName,
}: {
  distribution: PcnDistribution;
  filters: DashboardFilters;
  icbs: { code: string; name: string; regionCode: string | null; status: "open" | "closed" }[];
  regionName?: string;
}) {
  const hasPatients = distribution.withPatients > 0;
  const [measure, setMeasure] = useState<"patients" | "practices">(hasPatients ? "patients" : "practices");
  const bins = measure === "patients" ? distribution.patientBins : distribution.practiceBins;
  const icb = icbs.find((i) => i.code === filters.icb);
  const choices = icbs.filter((i) => !filters.region || i.regionCode === filters.region);
  const where = icb ? icb.name : placeLabel(filters, regionName);
  const england = !filters.nation || filters.nation === "england";
  const explore = explorerHref({ nation: "england", kind: "pcn", region: filters.region ?? icb?.regionCode ?? undefined });
  const patientsMonth = distribution.patientsMonth ? formatMonth(distribution.patientsMonth) : null;
  const medians = [
    distribution.medianPatients !== null ? `${formatInt(distribution.medianPatients)} registered patients (${patientsMonth}, the sum of their practices' lists)` : null,
    distribution.medianPractices !== null ? `${formatInt(distribution.medianPractices)} member practices` : null,
  ].filter(Boolean);
  const axis = measure === "patients" ? `Registered patients per PCN (${patientsMonth})` : "Member practices per PCN (ODS, Oct 2025)";

  const controls = england ? (
    <FilterForm anchor="pcn-sizes" keep={{ nation: filters.nation, region: filters.region, list: filters.list }}>
      <ChartSelect label="ICB" width="w-64" name="icb" defaultValue={filters.icb ?? ""}>
        <option value="">All ICBs in {filters.region ? regionName ?? "the region" : "England"}</option>
        {choices.map((i) => (
          <option key={i.code} value={i.code}>{i.name.replace(/^NHS /, "").replace(/ Integrated Care Board$/, "")}{i.status === "closed" ? " (closed)" : ""}</option>
        ))}
      </ChartSelect>
    </FilterForm>
  ) : undefined;

  return (
    <ChartCard
      id="pcn-sizes"
      wide
      title="The size of primary care networks"
      description={
        england ? (
          <>How many PCNs of each size there are in {where}: {plural(distribution.pcns, "open PCN")}{medians.length > 0 ? `, a median of ${medians.join(" and ")}` : ""}.</>
        ) : (
          "How many PCNs of each size there are: England only."
        )
      }
      controls={
        <>
          {controls}
          {hasPatients && (
            <ChartSelect label="Measure" value={measure} onChange={(e) => setMeasure(e.target.value as "patients" | "practices")}>
              <option value="patients">Registered patients</option>
              <option value="practices">Member practices</option>
            </ChartSelect>
          )}
        </>
      }
      chart={
        <ChartFrame height={PCN_CHART_HEIGHT}>
          <PcnSizesChart bins={bins} height={PCN_CHART_HEIGHT} measure={measure} axis={axis} href={explore} />
        </ChartFrame>
      }
      table={
        <DataTable
          caption={`PCNs by ${measure === "patients" ? "registered patients" : "member practices"}, ${where}`}
          rows={bins}
          rowKey={(r) => String(r.bucket)}
          columns={[
            { key: "label", header: measure === "patients" ? "Registered patients" : "Member practices", value: (r) => r.label },
            { key: "pcns", header: "PCNs", numeric: true, value: (r) => r.pcns, render: (r) => formatInt(r.pcns) },
          ]}
        />
      }
      downloads={downloadHrefs("pcn-sizes", filters)}
      exploreHref={explore}
      exploreLabel={icb ? "Open the region's PCNs in the explorer" : "Open these PCNs in the explorer"}
      empty={
        !england ? (
          <EmptyState look="card" title={`PCNs are an England-only tier`}>
            Primary care networks exist in England only. Choose England or all nations above to see them; {filters.nation ? NATION_LABELS[filters.nation] : "this nation"}&apos;s own structure is in the chart of bodies by kind.
          </EmptyState>
        ) : distribution.pcns === 0 ? (
          <EmptyState look="card" title="No open PCN here" />
        ) : undefined
      }
      footnote={
        !england || distribution.pcns === 0 ? undefined : measure === "practices" ? (
          hasPatients ? (
            distribution.withPractices < distribution.pcns ? <MissingNote>{formatInt(distribution.pcns - distribution.withPractices)} PCNs have no member-practice count and are not drawn.</MissingNote> : undefined
          ) : (
            <MissingNote>
              <strong>Registered patients per PCN are not in the data</strong> for these PCNs: none of their practices is in NHS England&apos;s GP practice file, so this chart counts member practices (ODS, October 2025) instead.
              {distribution.withPractices < distribution.pcns ? ` ${formatInt(distribution.pcns - distribution.withPractices)} PCNs have no member-practice count and are not drawn.` : ""}
            </MissingNote>
          )
        ) : distribution.withPatients < distribution.pcns ? (
          <MissingNote>{formatInt(distribution.pcns - distribution.withPatients)} of these PCNs have no registered-patient figure and are not drawn.</MissingNote>
        ) : undefined
      }
    />
  );
}

// ---------- who commissions what ----------

export function WhoCommissionsCard({ rows, filters }: { rows: CommissionerKindRow[]; filters: DashboardFilters }) {
  const multiNation = new Set(rows.map((r) => r.nation)).size > 1;
  const arrangements = ARRANGEMENTS.filter((a) => rows.some((r) => r.byArrangement[a]));
  const data = rows.map((r) => ({
    ...r,
    axisLabel: multiNation ? `${COMMISSIONER_SHORT[r.commissionerKind]} (${NATION_SHORT[r.nation]})` : COMMISSIONER_SHORT[r.commissionerKind],
    ...Object.fromEntries(arrangements.map((a) => [a, r.byArrangement[a] ?? 0])),
  }));
  const href = (row: CommissionerKindRow) =>
    row.organisationKind && row.bodies > 0
      ? explorerHref({ nation: row.nation, kind: row.organisationKind })
      : row.organisationCode
        ? `/organisations/${encodeURIComponent(row.organisationCode)}`
        : "/commissioning";
  return (
    <ChartCard
      id="who-commissions"
      title="Who commissions what"
      description={<>How many of the 33 service categories each kind of body commissions in {filters.nation ? NATION_LABELS[filters.nation] : "each nation"}, by arrangement.</>}
      chart={
        <div>
          <ChartFrame height={data.length * 28 + 56}>
            <WhoCommissionsChart data={data} height={data.length * 28 + 56} arrangements={arrangements} hrefFor={href} />
          </ChartFrame>
          <Legend label="Arrangements" items={arrangements.map((a) => ({ label: ARRANGEMENT_LABELS[a], colour: ARRANGEMENT_COLOURS[a] ?? "#475569" }))} />
        </div>
      }
      table={
        <DataTable
          caption={`Service categories commissioned by each kind of body, ${filters.nation ? NATION_LABELS[filters.nation] : "per nation"}`}
          rows={rows}
          rowKey={(r) => `${r.nation}-${r.commissionerKind}`}
          columns={[
            { key: "label", header: "Commissioner", value: (r) => r.label, render: (r) => <TableLink href={href(r)}>{r.label}</TableLink> },
            { key: "nation", header: "Nation", value: (r) => NATION_LABELS[r.nation] },
            { key: "categories", header: "Categories", numeric: true, value: (r) => r.categories },
            ...arrangements.map((a) => ({ key: a, header: ARRANGEMENT_LABELS[a], numeric: true, value: (r: CommissionerKindRow) => r.byArrangement[a] ?? 0 })),
          ]}
        />
      }
      downloads={downloadHrefs("who-commissions", { nation: filters.nation })}
      exploreHref="/commissioning"
      exploreLabel="Open the full matrix"
      empty={rows.length === 0 ? <EmptyState look="card" title="No who-commissions-what rows for this nation" /> : undefined}
      footnote={
        <>
          A category can be held under more than one arrangement, so a bar can be longer than its count of categories.{" "}
          {filters.region ? "Set per nation: the region filter does not change it. " : ""}
          Sources for every row are on the <TableLink href="/commissioning">who-commissions-what page</TableLink>.
        </>
      }
    />
  );
}

/** The market filters: nation and NHS England region (a GET form, so it works before the charts load). */
export function MarketFilters({ filters, regions }: { filters: DashboardFilters; regions: { code: string; name: string }[] }) {
  const active = Boolean(filters.nation || filters.region || filters.icb);
  return (
    <FilterForm
      id="market-filters"
      anchor="market"
      keep={{ list: filters.list }}
      after={active ? <a href={`/${filters.list ? `?list=${encodeURIComponent(filters.list)}` : ""}#market`} className={buttonClass({ variant: "secondary", size: "sm" })}>Clear</a> : undefined}
    >
      <ChartSelect label="Nation" name="nation" defaultValue={filters.nation ?? ""}>
        <option value="">All four nations</option>
        {NATIONS.map((n) => <option key={n} value={n}>{NATION_LABELS[n]}</option>)}
      </ChartSelect>
      <ChartSelect label="NHS England region" name="region" defaultValue={filters.region ?? ""}>
        <option value="">All regions</option>
        {regions.map((r) => <option key={r.code} value={r.code}>{r.name}</option>)}
      </ChartSelect>
    </FilterForm>
  );
}
