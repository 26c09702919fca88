"use client";
// The market charts' drawings, with recharts. Loaded by the cards in market-charts.tsx through
// next/dynamic after hydration (never imported statically): the cards prepare the rows and the
// height; these draw them, with their tooltips, and send a click on a bar where it leads.
import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from "recharts";
import type { AreaBodyRow, CommissionerKindRow, HistogramBin, KindNationRow } from "@/lib/dashboard/market";
import { ARRANGEMENT_COLOURS } from "@/lib/dashboard/labels";
import { ARRANGEMENT_LABELS, KIND_LABELS, NATION_LABELS, type Arrangement } from "@/lib/organisations/vocabulary";
import { perPatientLabel, perResidentLabel } from "@/lib/organisations/per-head";
import { formatMonth } from "@/lib/format";
import { formatCompact, formatGbp, formatGbpCompact, formatInt, plural, useNarrow } from "./chart-kit";
import { bottomCategoryAxis, CaptionTick, ColouredBar, CURSOR, GRID, TipBox, leftCountAxis, rowTip, topValueAxis, wrappedTick } from "./recharts-kit";

// ---------- population and allocation ----------

export type MetricSpec = { label: string; axis: string; format: (value: number) => string };
export type AreaBar = AreaBodyRow & { value: number; fill: string };

export function PopulationAllocationChart({ data, height, metric }: { data: AreaBar[]; height: number; metric: MetricSpec }) {
  const router = useRouter();
  const narrow = useNarrow();
  return (
    <BarChart
      responsive
      style={{ width: "100%", height }}
      data={data}
      layout="vertical"
      margin={{ top: 4, right: narrow ? 52 : 64, bottom: 4, left: 0 }}
    >
      <CartesianGrid horizontal={false} stroke={GRID} />
      <XAxis {...topValueAxis(metric.axis)} tickCount={narrow ? 3 : 5} tickFormatter={(v: number) => metric.format(v)} />
      <YAxis type="category" dataKey="shortName" width={narrow ? 126 : 220} tick={wrappedTick(narrow ? 126 : 220)} interval={0} />
      <Tooltip
        cursor={CURSOR}
        content={rowTip<AreaBar>((row) => {
          return (
            <TipBox
              title={row.name}
              lines={[
                row.population !== null ? `Population ${formatInt(row.population)} residents (${row.populationYear ?? "year not given"})` : "No population figure in the data",
                row.registeredPatients !== null ? `${formatInt(row.registeredPatients)} registered patients (${formatMonth(row.registeredPatientsMonth!)})` : null,
                row.allocationGbpThousands !== null ? `Allocation ${formatGbpCompact(row.allocationGbpThousands * 1000)} (${row.allocationYear})` : "No allocation in the data",
                row.allocationPerHeadGbp !== null ? `${formatGbp(row.allocationPerHeadGbp)} ${perResidentLabel(row.populationYear)}` : null,
                row.allocationPerPatientGbp !== null ? `${formatGbp(row.allocationPerPatientGbp)} ${perPatientLabel(row.registeredPatientsMonth)}` : null,
                "Select to open its profile",
              ].filter(Boolean)}
            />
          );
        })}
      />
      <Bar dataKey="value" name={metric.label} shape={ColouredBar} cursor="pointer" isAnimationActive={false}
        onClick={(bar) => router.push(`/organisations/${encodeURIComponent((bar.payload as AreaBodyRow).code)}`)}>
        <LabelList dataKey="value" position="right" fontSize={11} fill="#334155" formatter={(v: unknown) => (typeof v === "number" ? metric.format(v) : "")} />
      </Bar>
    </BarChart>
  );
}

// ---------- bodies by kind and nation ----------

export type KindBar = KindNationRow & { axisLabel: string; fill: string };

export function BodiesByKindChart({ data, height, ticks, hrefFor }: { data: KindBar[]; height: number; ticks: number[]; hrefFor: (row: KindNationRow) => string }) {
  const router = useRouter();
  const narrow = useNarrow();
  return (
    <BarChart responsive style={{ width: "100%", height }} data={data} layout="vertical" margin={{ top: 4, right: 52, bottom: 4, left: 0 }}>
      <CartesianGrid horizontal={false} stroke={GRID} />
      <XAxis {...topValueAxis("Open bodies (count, log scale)")} scale="log" domain={[0.7, ticks[ticks.length - 1] ?? 10]} ticks={ticks} allowDataOverflow tickFormatter={(v: number) => formatCompact(v)} />
      <YAxis type="category" dataKey="axisLabel" width={narrow ? 130 : 200} tick={wrappedTick(narrow ? 130 : 200)} interval={0} />
      <Tooltip
        cursor={CURSOR}
        content={rowTip<KindBar>((row) => <TipBox title={`${KIND_LABELS[row.kind].plural}, ${NATION_LABELS[row.nation]}`} lines={[`${formatInt(row.open)} open`, "Select to list them in the explorer"]} />)}
      />
      <Bar dataKey="open" name="Open bodies" shape={ColouredBar} cursor="pointer" isAnimationActive={false} onClick={(bar) => router.push(hrefFor(bar.payload as KindNationRow))}>
        <LabelList dataKey="open" position="right" fontSize={11} fill="#334155" formatter={(v: unknown) => (typeof v === "number" ? formatInt(v) : "")} />
      </Bar>
    </BarChart>
  );
}

// ---------- the size of PCNs ----------

export function PcnSizesChart({ bins, height, measure, axis, href }: { bins: HistogramBin[]; height: number; measure: "patients" | "practices"; axis: string; href: string }) {
  const router = useRouter();
  const narrow = useNarrow();
  return (
    <BarChart responsive style={{ width: "100%", height }} data={bins} margin={{ top: 16, right: 8, bottom: 24, left: 0 }}>
      <CartesianGrid vertical={false} stroke={GRID} />
      <XAxis {...bottomCategoryAxis(axis)} interval={narrow && bins.length > 12 ? 1 : 0} />
      <YAxis {...leftCountAxis("PCNs (count)", 62, 4)} />
      <Tooltip
        cursor={CURSOR}
        content={rowTip<HistogramBin>((row) => {
          const size = measure === "patients" ? `${row.label} registered patients` : `${row.label} member practice${row.label === "1" ? "" : "s"}`;
          return <TipBox title={size} lines={[plural(row.pcns, "PCN"), "Select to list the PCNs in the explorer"]} />;
        })}
      />
      <Bar dataKey="pcns" name="PCNs" fill="#0072B2" cursor="pointer" isAnimationActive={false} onClick={() => router.push(href)}>
        {/* On a phone the bars are too narrow for their figures: the axis, the tooltip and the table give them */}
        {!narrow && <LabelList dataKey="pcns" position="top" fontSize={11} fill="#334155" formatter={(v: unknown) => (typeof v === "number" && v > 0 ? formatInt(v) : "")} />}
      </Bar>
    </BarChart>
  );
}

// ---------- who commissions what ----------

export type CommissionerBar = CommissionerKindRow & { axisLabel: string };

export function WhoCommissionsChart({ data, height, arrangements, hrefFor }: {
  data: CommissionerBar[];
  height: number;
  arrangements: Arrangement[];
  hrefFor: (row: CommissionerKindRow) => string;
}) {
  const router = useRouter();
  const narrow = useNarrow();
  return (
    <BarChart responsive style={{ width: "100%", height }} data={data} layout="vertical" margin={{ top: 4, right: 4, bottom: 4, left: 0 }}>
      <CartesianGrid horizontal={false} stroke={GRID} />
      <XAxis {...topValueAxis("Service categories (count)")} allowDecimals={false} />
      <YAxis yAxisId="kinds" type="category" dataKey="axisLabel" width={narrow ? 140 : 220} tick={wrappedTick(narrow ? 140 : 220)} interval={0} />
      <YAxis yAxisId="counts" type="category" dataKey="categories" orientation="right" width={28} axisLine={false} tickLine={false} interval={0} tick={CaptionTick} />
      <Tooltip
        cursor={CURSOR}
        content={rowTip<CommissionerKindRow>((row) => {
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
        })}
      />
      {arrangements.map((a) => (
        <Bar key={a} yAxisId="kinds" dataKey={a} name={ARRANGEMENT_LABELS[a]} stackId="arrangement" fill={ARRANGEMENT_COLOURS[a]} stroke="#ffffff" strokeWidth={1} cursor="pointer" isAnimationActive={false}
          onClick={(bar) => router.push(hrefFor(bar.payload as CommissionerKindRow))} />
      ))}
    </BarChart>
  );
}
