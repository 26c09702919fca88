"use client";
// The market charts. The figures come from the server page (aggregated in PostgreSQL); these
// components draw them, offer them as a table and a CSV, and send a click on a bar to the explorer
// or the body it stands for.
import { useMemo, useState } from "react";
import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from "recharts";
import type { AreaBodyRow, CommissionerKindRow, HistogramBin, KindNationRow, PcnDistribution } from "@/lib/dashboard/market";
import { ARRANGEMENT_COLOURS, COMMISSIONER_SHORT, KIND_SHORT, NATION_COLOURS, NATION_SHORT } from "@/lib/dashboard/labels";
import { csvHref, explorerHref, type DashboardFilters } from "@/lib/dashboard/links";
import { ARRANGEMENTS, ARRANGEMENT_LABELS, KIND_LABELS, NATION_LABELS, NATIONS } from "@/lib/organisations/vocabulary";
import { ChartCard, EmptyState, FilterForm, secondaryLinkClass, selectClass } from "./chart-card";
import {
  AXIS_LABEL,
  AXIS_TICK,
  CaptionTick,
  ColouredBar,
  CURSOR,
  DataTable,
  GRID,
  Legend,
  MissingNote,
  TableLink,
  TipBox,
  formatCompact,
  formatGbp,
  formatGbpCompact,
  formatInt,
  plural,
  rowOf,
  useNarrow,
  wrappedTick,
} from "./chart-kit";

const AREA_KINDS = "icb,health-board,local-health-board,hsc-trust";

function placeLabel(filters: DashboardFilters, regionName?: string): string {
  if (regionName) return regionName;
  return filters.nation ? NATION_LABELS[filters.nation] : "the UK";
}

// ---------- population and allocation ----------

const METRICS = {
  population: { label: "Population", article: "a population", axis: "Resident population (people)", format: formatCompact },
  allocation: { label: "Allocation", article: "an allocation", axis: "Core allocation 2025/26 (£)", format: formatGbpCompact },
  perHead: { label: "Allocation per head", article: "an allocation-per-head", axis: "Allocation per head (£ per person)", format: formatGbp },
} as const;
type Metric = keyof typeof METRICS;
const TOP = 15;

function metricValue(row: AreaBodyRow, metric: Metric): number | null {
  if (metric === "population") return row.population;
  if (metric === "allocation") return row.allocationGbpThousands === null ? null : row.allocationGbpThousands * 1000;
  return row.allocationPerHeadGbp;
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
  const router = useRouter();
  const narrow = useNarrow();
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
  const totalAllocation = withAllocation.reduce((s, r) => s + (r.allocationGbpThousands ?? 0), 0) * 1000;

  const chart =
    data.length === 0 ? (
      <p className="rounded-md bg-slate-50 px-3 py-4 text-sm text-slate-700">No body here has {METRICS[metric].article} figure in the data.</p>
    ) : (
      <div>
        <BarChart
          responsive
          style={{ width: "100%", height: shown.length * 30 + 56 }}
          data={shown}
          layout="vertical"
          margin={{ top: 4, right: narrow ? 52 : 64, bottom: 4, left: 0 }}
        >
          <CartesianGrid horizontal={false} stroke={GRID} />
          <XAxis
            type="number"
            orientation="top"
            tick={AXIS_TICK}
            tickCount={narrow ? 3 : 5}
            tickFormatter={(v: number) => METRICS[metric].format(v)}
            label={{ value: METRICS[metric].axis, position: "insideTopRight", offset: 0, dy: -2, style: AXIS_LABEL }}
            height={46}
          />
          <YAxis type="category" dataKey="shortName" width={narrow ? 126 : 220} tick={wrappedTick(narrow ? 126 : 220)} interval={0} />
          <Tooltip
            cursor={CURSOR}
            content={({ payload }) => {
              const row = rowOf<(typeof data)[number]>(payload);
              if (!row) return null;
              return (
                <TipBox
                  title={row.name}
                  lines={[
                    row.population !== null ? `Population ${formatInt(row.population)} (${row.populationYear ?? "year not given"})` : "No population figure in the data",
                    row.allocationGbpThousands !== null ? `Allocation ${formatGbpCompact(row.allocationGbpThousands * 1000)} (${row.allocationYear})` : "No allocation in the data",
                    row.allocationPerHeadGbp !== null ? `${formatGbp(row.allocationPerHeadGbp)} per person` : null,
                    "Select to open its profile",
                  ].filter(Boolean)}
                />
              );
            }}
          />
          <Bar dataKey="value" name={METRICS[metric].label} shape={ColouredBar} cursor="pointer" isAnimationActive={false}
            onClick={(bar) => router.push(`/organisations/${encodeURIComponent((bar.payload as AreaBodyRow).code)}`)}>
            <LabelList dataKey="value" position="right" fontSize={11} fill="#334155" formatter={(v: unknown) => (typeof v === "number" ? METRICS[metric].format(v) : "")} />
          </Bar>
        </BarChart>
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
        { key: "population", header: "Population", numeric: true, value: (r) => r.population, render: (r) => (r.population === null ? "not in the data" : <>{formatInt(r.population)} <span className="text-xs text-slate-500">{r.populationYear}</span></>) },
        { key: "allocation", header: "Allocation (£)", numeric: true, value: (r) => r.allocationGbpThousands, render: (r) => (r.allocationGbpThousands === null ? "not in the data" : <>{formatGbpCompact(r.allocationGbpThousands * 1000)} <span className="text-xs text-slate-500">{r.allocationYear}</span></>) },
        { key: "perHead", header: "£ per head", numeric: true, value: (r) => r.allocationPerHeadGbp, render: (r) => (r.allocationPerHeadGbp === null ? "—" : formatGbp(r.allocationPerHeadGbp)) },
      ]}
      footer={
        <tr>
          <th scope="row" className="px-2 py-1.5 text-left">Total of the figures in the data</th>
          <td colSpan={2} />
          <td className="px-2 py-1.5 text-right tabular-nums">{formatInt(totalPopulation)} <span className="text-xs font-normal text-slate-500">({withPopulation.length} of {rows.length})</span></td>
          <td className="px-2 py-1.5 text-right tabular-nums">{formatGbpCompact(totalAllocation)} <span className="text-xs font-normal text-slate-500">({withAllocation.length} of {rows.length})</span></td>
          <td />
        </tr>
      }
    />
  );

  return (
    <ChartCard
      id="population-allocation"
      wide
      title="Population and allocation by ICB, health board and LHB"
      description={<>Resident population (ONS, NRS and NISRA estimates; the year of each is in the table) and the 2025/26 core allocation (England only), with allocation per head. {plural(rows.length, "body", "bodies")} in {placeLabel(filters, regionName)}.</>}
      chart={
        <>
          <div className="mb-3 flex flex-wrap items-end gap-3">
            <label className="text-sm text-slate-800">
              <span className="block text-xs font-medium text-slate-700">Show</span>
              <select className={selectClass} value={metric} onChange={(e) => setMetric(e.target.value as Metric)}>
                {Object.entries(METRICS).map(([key, m]) => <option key={key} value={key}>{m.label}</option>)}
              </select>
            </label>
            <label className="text-sm text-slate-800">
              <span className="block text-xs font-medium text-slate-700">Sort</span>
              <select className={selectClass} value={sort} onChange={(e) => setSort(e.target.value as "value" | "name")}>
                <option value="value">Largest first</option>
                <option value="name">By name</option>
              </select>
            </label>
          </div>
          {chart}
        </>
      }
      table={table}
      csvHref={csvHref("population-allocation", filters)}
      exploreHref={explorerHref({ nation: filters.nation, region: filters.region, kind: AREA_KINDS })}
      empty={rows.length === 0 ? <EmptyState title="No ICB, health board or LHB matches these filters" /> : undefined}
      footnote={
        missing.length > 0 ? (
          <MissingNote>
            <strong>Not drawn, no {METRICS[metric].label.toLowerCase()} figure in the data:</strong>{" "}
            {missing.length > 12 ? plural(missing.length, "body", "bodies") : missing.map((r) => r.shortName).join(", ")}.{" "}
            {metric === "perHead" && "It needs both a population and an allocation. "}
            {metric !== "allocation" && reasons.population}
            {metric !== "population" && reasons.allocation}
          </MissingNote>
        ) : undefined
      }
    />
  );
}

// ---------- bodies by kind and nation ----------

export function BodiesByKindCard({ rows, filters, regionName }: { rows: KindNationRow[]; filters: DashboardFilters; regionName?: string }) {
  const router = useRouter();
  const narrow = useNarrow();
  const multiNation = new Set(rows.map((r) => r.nation)).size > 1;
  const data = rows.map((r) => ({
    ...r,
    axisLabel: multiNation ? `${KIND_SHORT[r.kind]} (${NATION_SHORT[r.nation]})` : KIND_SHORT[r.kind],
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
          <BarChart responsive style={{ width: "100%", height: data.length * 28 + 56 }} data={data} layout="vertical" margin={{ top: 4, right: 52, bottom: 4, left: 0 }}>
            <CartesianGrid horizontal={false} stroke={GRID} />
            <XAxis
              type="number"
              scale="log"
              domain={[0.7, ticks[ticks.length - 1] ?? 10]}
              ticks={ticks}
              allowDataOverflow
              orientation="top"
              tick={AXIS_TICK}
              tickFormatter={(v: number) => formatCompact(v)}
              label={{ value: "Open bodies (count, log scale)", position: "insideTopRight", offset: 0, dy: -2, style: AXIS_LABEL }}
              height={46}
            />
            <YAxis type="category" dataKey="axisLabel" width={narrow ? 130 : 200} tick={wrappedTick(narrow ? 130 : 200)} interval={0} />
            <Tooltip
              cursor={CURSOR}
              content={({ payload }) => {
                const row = rowOf<(typeof data)[number]>(payload);
                return row ? <TipBox title={`${KIND_LABELS[row.kind].plural}, ${NATION_LABELS[row.nation]}`} lines={[`${formatInt(row.open)} open`, "Select to list them in the explorer"]} /> : null;
              }}
            />
            <Bar dataKey="open" name="Open bodies" shape={ColouredBar} cursor="pointer" isAnimationActive={false} onClick={(bar) => router.push(href(bar.payload as KindNationRow))}>
              <LabelList dataKey="open" position="right" fontSize={11} fill="#334155" formatter={(v: unknown) => (typeof v === "number" ? formatInt(v) : "")} />
            </Bar>
          </BarChart>
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
      csvHref={csvHref("bodies-by-kind", filters)}
      exploreHref={explorerHref({ nation: filters.nation, region: filters.region })}
      empty={rows.length === 0 ? <EmptyState title="No open body matches these filters" /> : undefined}
      footnote={filters.region ? "Within an NHS England region: the national bodies, which have no region, are not counted." : <>Closed bodies and the April 2026 ICB mergers are on the <TableLink href="/structure">structure page</TableLink>.</>}
    />
  );
}

// ---------- the size of PCNs ----------

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
  const router = useRouter();
  const narrow = useNarrow();
  const hasPatients = distribution.withPatients > 0;
  const [measure, setMeasure] = useState<"patients" | "practices">(hasPatients ? "patients" : "practices");
  const bins = measure === "patients" ? distribution.patientBins : distribution.practiceBins;
  const icb = icbs.find((i) => i.code === filters.icb);
  const choices = icbs.filter((i) => !filters.region || i.regionCode === filters.region);
  const where = icb ? icb.name : placeLabel(filters, regionName);
  const england = !filters.nation || filters.nation === "england";
  const explore = explorerHref({ nation: "england", kind: "pcn", region: filters.region ?? icb?.regionCode ?? undefined });
  const axis = measure === "patients" ? "Registered patients per PCN" : "Member practices per PCN (ODS, Oct 2025)";

  const controls = england ? (
    <FilterForm anchor="pcn-sizes" keep={{ nation: filters.nation, region: filters.region, list: filters.list }}>
      <label className="text-sm text-slate-800">
        <span className="block text-xs font-medium text-slate-700">ICB</span>
        <select name="icb" defaultValue={filters.icb ?? ""} className={`${selectClass} w-64`}>
          <option value="">All ICBs in {filters.region ? regionName ?? "the region" : "England"}</option>
          {choices.map((i) => (
            <option key={i.code} value={i.code}>{i.name.replace(/^NHS /, "").replace(/ Integrated Care Board$/, "")}{i.status === "closed" ? " (closed)" : ""}</option>
          ))}
        </select>
      </label>
    </FilterForm>
  ) : undefined;

  return (
    <ChartCard
      id="pcn-sizes"
      wide
      title="The size of primary care networks"
      description={
        england ? (
          <>How many PCNs of each size there are in {where}: {plural(distribution.pcns, "open PCN")}{distribution.medianPractices !== null ? `, a median of ${formatInt(distribution.medianPractices)} member practices` : ""}.</>
        ) : (
          "How many PCNs of each size there are: England only."
        )
      }
      controls={
        <>
          {controls}
          {hasPatients && (
            <label className="text-sm text-slate-800">
              <span className="block text-xs font-medium text-slate-700">Measure</span>
              <select className={selectClass} value={measure} onChange={(e) => setMeasure(e.target.value as "patients" | "practices")}>
                <option value="patients">Registered patients</option>
                <option value="practices">Member practices</option>
              </select>
            </label>
          )}
        </>
      }
      chart={
        <BarChart responsive style={{ width: "100%", height: 280 }} data={bins} margin={{ top: 16, right: 8, bottom: 24, left: 0 }}>
          <CartesianGrid vertical={false} stroke={GRID} />
          <XAxis dataKey="label" tick={AXIS_TICK} interval={narrow && bins.length > 12 ? 1 : 0} height={40}
            label={{ value: axis, position: "insideBottom", offset: -12, style: AXIS_LABEL }} />
          <YAxis tick={AXIS_TICK} allowDecimals={false} width={62} label={{ value: "PCNs (count)", angle: -90, position: "insideLeft", offset: 4, dy: 40, style: AXIS_LABEL }} />
          <Tooltip
            cursor={CURSOR}
            content={({ payload }) => {
              const row = rowOf<HistogramBin>(payload);
              if (!row) return null;
              const size = measure === "patients" ? `${row.label} registered patients` : `${row.label} member practice${row.label === "1" ? "" : "s"}`;
              return <TipBox title={size} lines={[plural(row.pcns, "PCN"), "Select to list the PCNs in the explorer"]} />;
            }}
          />
          <Bar dataKey="pcns" name="PCNs" fill="#0072B2" cursor="pointer" isAnimationActive={false} onClick={() => router.push(explore)}>
            {/* On a phone the bars are too narrow for their figures: the axis, the tooltip and the table give them */}
            {!narrow && <LabelList dataKey="pcns" position="top" fontSize={11} fill="#334155" formatter={(v: unknown) => (typeof v === "number" && v > 0 ? formatInt(v) : "")} />}
          </Bar>
        </BarChart>
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
      csvHref={csvHref("pcn-sizes", filters)}
      exploreHref={explore}
      exploreLabel={icb ? "Open the region's PCNs in the explorer" : "Open these PCNs in the explorer"}
      empty={
        !england ? (
          <EmptyState title={`PCNs are an England-only tier`}>
            Primary care networks exist in England only. Choose England or all nations above to see them; {filters.nation ? NATION_LABELS[filters.nation] : "this nation"}&apos;s own structure is in the chart of bodies by kind.
          </EmptyState>
        ) : distribution.pcns === 0 ? (
          <EmptyState title="No open PCN here" />
        ) : undefined
      }
      footnote={
        !england || distribution.pcns === 0 ? undefined : measure === "practices" ? (
          <MissingNote>
            <strong>Registered patients per PCN are not in the data</strong>{hasPatients ? ` for ${formatInt(distribution.pcns - distribution.withPatients)} of these PCNs` : ""}: no public copy of NHS Digital&apos;s
            GP registration counts was found (data/SOURCES.md, &ldquo;Not found&rdquo;), so this chart counts member practices (ODS, October 2025) instead.
            {distribution.withPractices < distribution.pcns ? ` ${formatInt(distribution.pcns - distribution.withPractices)} PCNs have no member-practice count and are not drawn.` : ""}
          </MissingNote>
        ) : distribution.withPatients < distribution.pcns ? (
          <MissingNote>{formatInt(distribution.pcns - distribution.withPatients)} of these PCNs have no registered-patient figure and are not drawn.</MissingNote>
        ) : undefined
      }
    />
  );
}

// ---------- who commissions what ----------

export function WhoCommissionsCard({ rows, filters }: { rows: CommissionerKindRow[]; filters: DashboardFilters }) {
  const router = useRouter();
  const narrow = useNarrow();
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
          <BarChart responsive style={{ width: "100%", height: data.length * 28 + 56 }} data={data} layout="vertical" margin={{ top: 4, right: 4, bottom: 4, left: 0 }}>
            <CartesianGrid horizontal={false} stroke={GRID} />
            <XAxis type="number" orientation="top" allowDecimals={false} tick={AXIS_TICK} height={46}
              label={{ value: "Service categories (count)", position: "insideTopRight", offset: 0, dy: -2, style: AXIS_LABEL }} />
            <YAxis yAxisId="kinds" type="category" dataKey="axisLabel" width={narrow ? 140 : 220} tick={wrappedTick(narrow ? 140 : 220)} interval={0} />
            <YAxis yAxisId="counts" type="category" dataKey="categories" orientation="right" width={28} axisLine={false} tickLine={false} interval={0} tick={CaptionTick} />
            <Tooltip
              cursor={CURSOR}
              content={({ payload }) => {
                const row = rowOf<CommissionerKindRow>(payload);
                if (!row) return null;
                return (
                  <TipBox
                    title={`${row.label}, ${NATION_LABELS[row.nation]}`}
                    lines={[
                      plural(row.categories, "service category", "service categories"),
                      ...arrangements.filter((a) => row.byArrangement[a]).map((a) => `${ARRANGEMENT_LABELS[a]}: ${row.byArrangement[a]}`),
                      "Select to open",
                    ]}
                  />
                );
              }}
            />
            {arrangements.map((a) => (
              <Bar key={a} yAxisId="kinds" dataKey={a} name={ARRANGEMENT_LABELS[a]} stackId="arrangement" fill={ARRANGEMENT_COLOURS[a]} stroke="#ffffff" strokeWidth={1} cursor="pointer" isAnimationActive={false}
                onClick={(bar) => router.push(href(bar.payload as CommissionerKindRow))} />
            ))}
          </BarChart>
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
      csvHref={csvHref("who-commissions", { nation: filters.nation })}
      exploreHref="/commissioning"
      exploreLabel="Open the full matrix"
      empty={rows.length === 0 ? <EmptyState title="No who-commissions-what rows for this nation" /> : undefined}
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
      after={active ? <a href={`/${filters.list ? `?list=${encodeURIComponent(filters.list)}` : ""}#market`} className={`${secondaryLinkClass} py-1.5`}>Clear</a> : undefined}
    >
      <label className="text-sm text-slate-800">
        <span className="block text-xs font-medium text-slate-700">Nation</span>
        <select name="nation" defaultValue={filters.nation ?? ""} className={selectClass}>
          <option value="">All four nations</option>
          {NATIONS.map((n) => <option key={n} value={n}>{NATION_LABELS[n]}</option>)}
        </select>
      </label>
      <label className="text-sm text-slate-800">
        <span className="block text-xs font-medium text-slate-700">NHS England region</span>
        <select name="region" defaultValue={filters.region ?? ""} className={selectClass}>
          <option value="">All regions</option>
          {regions.map((r) => <option key={r.code} value={r.code}>{r.name}</option>)}
        </select>
      </label>
    </FilterForm>
  );
}
