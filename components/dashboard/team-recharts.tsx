"use client";
// The team charts' drawings, with recharts. Loaded by the cards in team-charts.tsx through
// next/dynamic after hydration (never imported statically): the cards prepare the rows and the
// height; these draw them, with their tooltips, and send a click on a bar where it leads.
import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from "recharts";
import type { CoverageRow, NotesActivity, OverdueRow, PipelineRow } from "@/lib/dashboard/team";
import { OVERDUE_BUCKETS, OVERDUE_COLOURS } from "@/lib/dashboard/labels";
import { formatGbp, formatGbpCompact, formatInt, plural, useNarrow } from "./chart-kit";
import { bottomCategoryAxis, CaptionTick, ColouredBar, CURSOR, GRID, TipBox, leftCountAxis, rowTip, topValueAxis, wrappedTick } from "./recharts-kit";

// ---------- pipeline ----------

export type PipelineBar = PipelineRow & { label: string; fill?: string };

export function PipelineChart({ data, height, metric, format, hrefFor }: {
  data: PipelineBar[];
  height: number;
  metric: "count" | "valueGbp";
  format: (value: number) => string;
  hrefFor: (stage: string) => string;
}) {
  const router = useRouter();
  const narrow = useNarrow();
  return (
    <BarChart responsive style={{ width: "100%", height }} data={data} layout="vertical" margin={{ top: 4, right: narrow ? 48 : 64, bottom: 4, left: 0 }}>
      <CartesianGrid horizontal={false} stroke={GRID} />
      <XAxis {...topValueAxis(metric === "count" ? "Entries (count)" : "Estimated value (£)")} allowDecimals={false} tickCount={narrow ? 3 : 5} tickFormatter={(v: number) => (metric === "count" ? formatInt(v) : formatGbpCompact(v))} />
      <YAxis type="category" dataKey="label" width={100} tick={wrappedTick(100, 1)} interval={0} />
      <Tooltip
        cursor={CURSOR}
        content={rowTip<PipelineBar>((row) => <TipBox title={row.label} lines={[plural(row.count, "entry", "entries"), row.valueGbp > 0 ? `${formatGbp(row.valueGbp)} estimated` : "No value set", "Select to see them in the explorer"]} />)}
      />
      <Bar dataKey={metric} name={metric === "count" ? "Entries" : "Estimated value"} shape={ColouredBar} cursor="pointer" isAnimationActive={false}
        onClick={(bar) => router.push(hrefFor((bar.payload as PipelineRow).stage))}>
        <LabelList dataKey={metric} position="right" fontSize={11} fill="#334155" formatter={(v: unknown) => (typeof v === "number" ? format(v) : "")} />
      </Bar>
    </BarChart>
  );
}

// ---------- coverage ----------

export type CoverageBar = CoverageRow & { percent: number; caption: string };

export function CoverageChart({ data, height, hrefFor }: { data: CoverageBar[]; height: number; hrefFor: (row: CoverageRow) => string }) {
  const router = useRouter();
  const narrow = useNarrow();
  return (
    <BarChart responsive style={{ width: "100%", height }} data={data} layout="vertical" margin={{ top: 4, right: 4, bottom: 4, left: 0 }}>
      <CartesianGrid horizontal={false} stroke={GRID} />
      <XAxis {...topValueAxis("On a list (% of bodies)")} domain={[0, 100]} ticks={narrow ? [0, 50, 100] : [0, 25, 50, 75, 100]} tickFormatter={(v: number) => `${v}%`} />
      <YAxis yAxisId="regions" type="category" dataKey="label" width={narrow ? 120 : 180} tick={wrappedTick(narrow ? 120 : 180)} interval={0} />
      <YAxis yAxisId="captions" type="category" dataKey="caption" orientation="right" width={48} axisLine={false} tickLine={false} interval={0} tick={CaptionTick} />
      <Tooltip
        cursor={CURSOR}
        content={rowTip<CoverageBar>((row) => <TipBox title={row.label} lines={[`${row.onList} of ${row.total} on a list (${row.percent}%)`, "Select to see them in the explorer"]} />)}
      />
      <Bar yAxisId="regions" dataKey="percent" name="On a list" fill="#0072B2" background={{ fill: "#f1f5f9" }} cursor="pointer" isAnimationActive={false}
        onClick={(bar) => router.push(hrefFor(bar.payload as CoverageRow))} />
    </BarChart>
  );
}

// ---------- notes per week ----------

export type WeekRow = Record<string, string | number>;

export function NotesActivityChart({ data, height, authors, colour, hrefFor }: {
  data: WeekRow[];
  height: number;
  authors: NotesActivity["authors"];
  colour: (index: number) => string;
  hrefFor: (authorId: string, week: string) => string;
}) {
  const router = useRouter();
  const narrow = useNarrow();
  return (
    <BarChart responsive style={{ width: "100%", height }} data={data} margin={{ top: 12, right: 8, bottom: 24, left: 0 }}>
      <CartesianGrid vertical={false} stroke={GRID} />
      <XAxis {...bottomCategoryAxis("Week starting (Monday)")} interval={narrow ? 6 : 3} />
      <YAxis {...leftCountAxis("Notes (count)", 40, 14)} />
      <Tooltip
        cursor={CURSOR}
        content={rowTip<WeekRow>((row) => {
          const lines = authors.filter((a) => Number(row[a.id]) > 0).map((a) => `${a.name}: ${row[a.id]}`);
          return <TipBox title={`Week of ${row.label}`} lines={lines.length ? [...lines, "Select to read that author's notes"] : ["No notes"]} />;
        })}
      />
      {authors.map((author, i) => (
        <Bar key={author.id} dataKey={author.id} name={author.name} stackId="authors" fill={colour(i)} stroke="#ffffff" strokeWidth={1} cursor="pointer" isAnimationActive={false}
          onClick={(bar) => router.push(hrefFor(author.id, String((bar.payload as { week: string }).week)))} />
      ))}
    </BarChart>
  );
}

// ---------- overdue next steps ----------

export function OverdueChart({ data, height }: { data: OverdueRow[]; height: number }) {
  const router = useRouter();
  const narrow = useNarrow();
  // Each bucket is a bar of its own, read from the row: { ...row, ...row.buckets }
  const rows = data.map((r) => ({ ...r, ...r.buckets }));
  return (
    <BarChart responsive style={{ width: "100%", height }} data={rows} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 0 }}>
      <CartesianGrid horizontal={false} stroke={GRID} />
      <XAxis {...topValueAxis("Overdue entries (count)")} allowDecimals={false} />
      <YAxis type="category" dataKey="listName" width={narrow ? 120 : 180} tick={wrappedTick(narrow ? 120 : 180)} interval={0} />
      <Tooltip
        cursor={CURSOR}
        content={rowTip<OverdueRow>((row) => <TipBox title={row.listName} lines={[`${row.total} overdue`, ...OVERDUE_BUCKETS.filter((b) => row.buckets[b.key]).map((b) => `${b.label}: ${row.buckets[b.key]}`), "Select to open the list"]} />)}
      />
      {OVERDUE_BUCKETS.map((b) => (
        <Bar key={b.key} dataKey={b.key} name={b.label} stackId="overdue" fill={OVERDUE_COLOURS[b.key]} stroke="#ffffff" strokeWidth={1} cursor="pointer" isAnimationActive={false}
          onClick={(bar) => router.push(`/lists/${encodeURIComponent((bar.payload as OverdueRow).listId)}`)} />
      ))}
    </BarChart>
  );
}
