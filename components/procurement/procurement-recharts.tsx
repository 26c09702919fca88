"use client";
// The procurement charts' drawings, with recharts: a profile's notices per quarter and spend per
// month, each stacked by who published (the body, a body below it, a predecessor), and the
// dashboard's contracts ending per ICB or board. Loaded through next/dynamic after hydration,
// never imported statically.
import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from "recharts";
import type { ContractsEndingRow } from "@/lib/dashboard/procurement";
import type { QuarterCount, SpendMonth } from "@/lib/procurement/profile";
import { BUYER_RELATIONS, BUYER_RELATION_LABELS } from "@/lib/procurement/vocabulary";
import { formatGbp, formatGbpCompact, formatInt, plural, useNarrow } from "@/components/dashboard/chart-kit";
import { bottomCategoryAxis, CURSOR, GRID, TipBox, leftCountAxis, rowTip, topValueAxis, wrappedTick } from "@/components/dashboard/recharts-kit";
import { RELATION_COLOURS } from "./relation";

function relationBars() {
  return BUYER_RELATIONS.map((relation) => (
    <Bar key={relation} dataKey={relation} name={BUYER_RELATION_LABELS[relation]} stackId="relation" fill={RELATION_COLOURS[relation]} stroke="#ffffff" strokeWidth={1} isAnimationActive={false} />
  ));
}

const relationLines = (row: Record<string, unknown>, format: (value: number) => string) =>
  BUYER_RELATIONS.filter((relation) => Number(row[relation]) > 0).map((relation) => `${BUYER_RELATION_LABELS[relation]}: ${format(Number(row[relation]))}`);

export function QuarterChart({ data, height }: { data: QuarterCount[]; height: number }) {
  const narrow = useNarrow();
  return (
    <BarChart responsive style={{ width: "100%", height }} data={data} margin={{ top: 12, right: 8, bottom: 24, left: 0 }}>
      <CartesianGrid vertical={false} stroke={GRID} />
      {/* Every quarter the data reaches can be years of them: label about 10 (4 when narrow) so none overlap */}
      <XAxis {...bottomCategoryAxis("Quarter published")} interval={Math.max(0, Math.ceil(data.length / (narrow ? 4 : 10)) - 1)} />
      <YAxis {...leftCountAxis("Notices (count)", 40, 14)} />
      <Tooltip cursor={CURSOR} content={rowTip<QuarterCount>((row) => <TipBox title={row.label} lines={[plural(row.total, "notice"), ...relationLines(row, formatInt)]} />)} />
      {relationBars()}
    </BarChart>
  );
}

export function SpendMonthChart({ data, height }: { data: (SpendMonth & { label: string })[]; height: number }) {
  const narrow = useNarrow();
  return (
    <BarChart responsive style={{ width: "100%", height }} data={data} margin={{ top: 12, right: 8, bottom: 24, left: 8 }}>
      <CartesianGrid vertical={false} stroke={GRID} />
      <XAxis {...bottomCategoryAxis("Month paid")} interval={narrow ? 11 : 5} />
      <YAxis tick={{ fontSize: 12, fill: "#334155" }} width={56} tickFormatter={(v: number) => formatGbpCompact(v)} />
      <Tooltip cursor={CURSOR} content={rowTip<SpendMonth & { label: string }>((row) => <TipBox title={row.label} lines={[`${formatGbp(row.amount)} in ${plural(row.lines, "payment")}`, ...relationLines(row, formatGbp)]} />)} />
      {relationBars()}
    </BarChart>
  );
}

export type EndingBar = ContractsEndingRow & { href: string };

/** The dashboard's contracts ending per ICB or board: one bar each, a click opens its contracts. */
export function ContractsEndingChart({ data, height }: { data: EndingBar[]; height: number }) {
  const router = useRouter();
  const narrow = useNarrow();
  return (
    <BarChart responsive style={{ width: "100%", height }} data={data} layout="vertical" margin={{ top: 4, right: 40, bottom: 4, left: 0 }}>
      <CartesianGrid horizontal={false} stroke={GRID} />
      <XAxis {...topValueAxis("Contracts ending (count)")} allowDecimals={false} tickCount={narrow ? 3 : 5} />
      <YAxis type="category" dataKey="shortName" width={narrow ? 120 : 200} tick={wrappedTick(narrow ? 120 : 200)} interval={0} />
      <Tooltip cursor={CURSOR} content={rowTip<EndingBar>((row) => <TipBox title={row.name} lines={[plural(row.contracts, "contract"), "Select to see them on the contracts page"]} />)} />
      <Bar dataKey="contracts" name="Contracts ending" fill={RELATION_COLOURS.self} cursor="pointer" isAnimationActive={false} onClick={(bar) => router.push((bar.payload as EndingBar).href)}>
        <LabelList dataKey="contracts" position="right" fontSize={11} fill="#334155" />
      </Bar>
    </BarChart>
  );
}
