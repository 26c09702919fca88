"use client";
// The profile's two procurement charts, each in a dashboard chart card with its table beside it
// ("View as table") and a legend of who published. The drawings load after hydration.
import dynamic from "next/dynamic";
import type { ReactNode } from "react";
import type { QuarterCount, SpendMonth } from "@/lib/procurement/profile";
import { BUYER_RELATIONS, BUYER_RELATION_LABELS, type BuyerRelation } from "@/lib/procurement/vocabulary";
import { formatMonth } from "@/lib/format";
import { ChartCard } from "@/components/dashboard/chart-card";
import { ChartFrame, ChartLoading, DataTable, Legend, formatGbp, formatInt } from "@/components/dashboard/chart-kit";
import { RELATION_COLOURS } from "./relation";

const QuarterChart = dynamic(() => import("./procurement-recharts").then((m) => m.QuarterChart), { ssr: false, loading: ChartLoading });
const SpendMonthChart = dynamic(() => import("./procurement-recharts").then((m) => m.SpendMonthChart), { ssr: false, loading: ChartLoading });

const CHART_HEIGHT = 240;

/** A chart of its exact height, with the legend of the publishers its rows include. */
function StackedByRelation({ rows, children }: { rows: Record<BuyerRelation, number>[]; children: ReactNode }) {
  const present = BUYER_RELATIONS.filter((relation) => rows.some((row) => row[relation] > 0));
  return (
    <div>
      <ChartFrame height={CHART_HEIGHT}>{children}</ChartFrame>
      <Legend label="Published by" items={present.map((relation) => ({ label: BUYER_RELATION_LABELS[relation], colour: RELATION_COLOURS[relation] }))} />
    </div>
  );
}

const relationColumns = <Row extends Record<BuyerRelation, number>>(format: (value: number) => string) =>
  BUYER_RELATIONS.map((relation) => ({ key: relation, header: BUYER_RELATION_LABELS[relation], numeric: true, value: (row: Row) => row[relation], render: (row: Row) => format(row[relation]) }));

export function NoticesPerQuarterCard({ name, quarters, contractsHref }: { name: string; quarters: QuarterCount[]; contractsHref: string }) {
  return (
    <ChartCard
      id="procurement-quarters"
      title="Notices per quarter"
      description={<>Notices of {name}, the bodies below it and its predecessors, by the quarter they were first published, over every quarter the loaded data reaches.</>}
      chart={<StackedByRelation rows={quarters}><QuarterChart data={quarters} height={CHART_HEIGHT} /></StackedByRelation>}
      table={
        <DataTable
          caption={`Notices per quarter, ${name}`}
          rows={quarters}
          rowKey={(q) => q.quarter}
          columns={[
            { key: "label", header: "Quarter", value: (q) => q.label },
            { key: "total", header: "Notices", numeric: true, value: (q) => q.total, render: (q) => formatInt(q.total) },
            ...relationColumns<QuarterCount>(formatInt),
          ]}
        />
      }
      exploreHref={contractsHref}
      exploreLabel="Open these notices on the contracts page"
    />
  );
}

export function SpendPerMonthCard({ name, months }: { name: string; months: SpendMonth[] }) {
  const rows = months.map((m) => ({ ...m, label: formatMonth(m.month, "short") }));
  return (
    <ChartCard
      id="procurement-spend-months"
      title="Spend over £25k per month"
      description={<>Payments of £25,000 or more by {name}, the bodies below it and its predecessors, as published in their spend transparency files (£, by payment date).</>}
      chart={<StackedByRelation rows={rows}><SpendMonthChart data={rows} height={CHART_HEIGHT} /></StackedByRelation>}
      table={
        <DataTable
          caption={`Spend over £25k per month, ${name}`}
          rows={rows}
          rowKey={(m) => m.month}
          columns={[
            { key: "label", header: "Month", value: (m) => m.month, render: (m) => m.label },
            { key: "lines", header: "Payments", numeric: true, value: (m) => m.lines, render: (m) => formatInt(m.lines) },
            { key: "amount", header: "Amount", numeric: true, value: (m) => m.amount, render: (m) => formatGbp(m.amount) },
            ...relationColumns<(typeof rows)[number]>(formatGbp),
          ]}
        />
      }
    />
  );
}
