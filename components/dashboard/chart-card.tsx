"use client";
// A dashboard card: a heading, what the chart shows and in what units, the chart or (on request)
// the same figures as a table, an Excel or CSV download of them and a link into the explorer or the list.
import Link from "next/link";
import { useId, useState, type ComponentProps, type ReactNode } from "react";
import type { ExportFormat } from "@/lib/export";
import { ExportMenu } from "@/components/export/export-menu";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";

const linkClass = "font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900";

export function ChartCard({
  id,
  title,
  description,
  controls,
  chart,
  table,
  downloads,
  exploreHref,
  exploreLabel = "Open in the explorer",
  footnote,
  empty,
  wide = false,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  /** Filters that belong to this chart (an ICB, a list, a measure) */
  controls?: ReactNode;
  chart: ReactNode;
  table: ReactNode;
  /** The chart's figures as Excel and CSV */
  downloads?: Record<ExportFormat, string>;
  exploreHref?: string;
  exploreLabel?: string;
  footnote?: ReactNode;
  /** Shown instead of the chart, the table toggle and the download when there is nothing to draw */
  empty?: ReactNode;
  /** Spans both columns of the grid on wide screens */
  wide?: boolean;
}) {
  const [asTable, setAsTable] = useState(false);
  const headingId = useId();
  const panelId = useId();
  return (
    <section id={id} aria-labelledby={headingId} className={`flex min-w-0 scroll-mt-4 flex-col rounded-lg border border-slate-200 bg-white shadow-sm ${wide ? "lg:col-span-2" : ""}`}>
      <header className="border-b border-slate-100 px-4 py-3 sm:px-5">
        <h3 id={headingId} className="text-base font-semibold text-slate-900">{title}</h3>
        {description && <div className="mt-1 text-sm text-slate-600">{description}</div>}
        {!empty && (
          <div className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
            <Button variant="secondary" size="sm" onClick={() => setAsTable((v) => !v)} aria-pressed={asTable} aria-controls={panelId}>
              {asTable ? "View as chart" : "View as table"}
            </Button>
            {downloads && <ExportMenu links={downloads} label="Download data" />}
            {exploreHref && (
              <Link href={exploreHref} className={linkClass}>
                {exploreLabel}
              </Link>
            )}
          </div>
        )}
      </header>
      <div id={panelId} className="flex min-w-0 flex-1 flex-col px-4 py-4 sm:px-5">
        {controls && <div className="mb-3 flex flex-wrap items-end gap-3">{controls}</div>}
        {empty ? empty : asTable ? <div className="max-h-[640px] overflow-auto">{table}</div> : chart}
        {footnote && <div className="mt-3 text-xs text-slate-600">{footnote}</div>}
      </div>
    </section>
  );
}

/** A GET form that changes one dashboard filter and keeps the others (works without JavaScript). */
export function FilterForm({ id, anchor, keep, children, after }: { id?: string; anchor: string; keep: Record<string, string | undefined>; children: ReactNode; after?: ReactNode }) {
  return (
    <form id={id} method="get" action={`/#${anchor}`} className="flex flex-wrap items-end gap-2">
      {Object.entries(keep).map(([name, value]) => (value ? <input key={name} type="hidden" name={name} value={value} /> : null))}
      {children}
      <Button type="submit" variant="secondary" size="sm">
        Apply
      </Button>
      {after}
    </form>
  );
}

/** A chart's own control: a select under a small label (in a FilterForm, give it a name). */
export function ChartSelect({ label, width = "", className = "", ...rest }: { label: string; width?: string } & ComponentProps<typeof Select>) {
  return (
    <label className={`text-sm text-slate-800 ${className}`}>
      <span className="block text-xs font-medium text-slate-700">{label}</span>
      <Select size="sm" full={false} className={`mt-1 block max-w-full ${width}`} {...rest} />
    </label>
  );
}
