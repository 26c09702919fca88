"use client";
// Small pieces the dashboard cards share, none of them recharts: a narrow-screen hook, label
// wrapping, the frame and skeleton a lazily loaded chart is drawn in, an HTML legend, a sortable
// table and the number formats. What draws with recharts is in recharts-kit.tsx and the
// *-recharts.tsx modules, loaded only after hydration (next/dynamic) and only when a chart scrolls
// near the viewport (ChartFrame), so recharts is not part of the page's first load.
import Link from "next/link";
import { useCallback, useMemo, useState, useSyncExternalStore, type ReactNode } from "react";
import type { DashboardFilters } from "@/lib/dashboard/links";
import { NATION_LABELS } from "@/lib/organisations/vocabulary";

const NARROW_QUERY = "(max-width: 640px)";

function subscribe(onChange: () => void) {
  const media = window.matchMedia(NARROW_QUERY);
  media.addEventListener("change", onChange);
  return () => media.removeEventListener("change", onChange);
}

/** True on phone-width screens (re-renders when the window crosses 640 px). */
export function useNarrow(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(NARROW_QUERY).matches, () => false);
}

/** Shortens text to `max` characters with an ellipsis, at a word boundary when one is near. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(1, max - 1));
  const space = cut.lastIndexOf(" ");
  if (space >= cut.length * 0.6) cut = cut.slice(0, space);
  return `${cut.replace(/[\s,;:–-]+$/, "")}…`;
}

/** Splits a label into at most `maxLines` lines of about `maxChars`, the last one shortened with an ellipsis. */
export function wrapLabel(text: string, maxChars: number, maxLines = 2): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let current = "";
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const candidate = current ? `${current} ${word}` : word;
    if (candidate.length <= maxChars || !current) {
      current = candidate;
      continue;
    }
    lines.push(current);
    current = word;
    if (lines.length === maxLines - 1) {
      current = words.slice(i).join(" ");
      break;
    }
  }
  if (current) lines.push(current);
  return lines.slice(0, maxLines).map((line, i, all) => (i === all.length - 1 ? truncate(line, maxChars) : line));
}

// ---------- what the cards say ----------

/** The bodies whose areas cover the country: ICBs, health boards, LHBs and area HSC trusts */
export const AREA_KINDS = "icb,health-board,local-health-board,hsc-trust";

/** Where the figures are from: the region, the nation or the UK. */
export function placeLabel(filters: DashboardFilters, regionName?: string): string {
  if (regionName) return regionName;
  return filters.nation ? NATION_LABELS[filters.nation] : "the UK";
}

// ---------- where a lazily loaded chart is drawn ----------

/** How far below the viewport a chart starts loading, so it is usually drawn by the time it shows. */
const LOAD_AHEAD = "100px 0px";

/** True once the element has come within LOAD_AHEAD of the viewport (then stays true). */
function useNearViewport(): [(element: HTMLDivElement | null) => void, boolean] {
  const [near, setNear] = useState(false);
  const ref = useCallback((element: HTMLDivElement | null) => {
    if (!element) return;
    if (typeof IntersectionObserver === "undefined") return setNear(true);
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        setNear(true);
        observer.disconnect();
      }
    }, { rootMargin: LOAD_AHEAD });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, near];
}

/**
 * A box of the chart's exact height. The chart (its drawing code and its rendering, the page's
 * main-thread work) waits until the box scrolls near the viewport; until then, and while the code
 * loads, the skeleton fills it, and the chart is drawn at the same height, so nothing below moves.
 */
export function ChartFrame({ height, children }: { height: number; children: ReactNode }) {
  const [ref, near] = useNearViewport();
  return (
    <div ref={ref} className="relative w-full min-w-0" style={{ height }}>
      {near ? children : <ChartLoading />}
    </div>
  );
}

/** The `loading` of each chart's next/dynamic: fills its ChartFrame and says so to screen readers. */
export function ChartLoading() {
  return (
    <div role="status" aria-busy="true" className="flex h-full w-full items-center justify-center rounded-md bg-slate-50 motion-safe:animate-pulse">
      <span className="sr-only">Loading chart…</span>
    </div>
  );
}

export function Legend({ items, label = "Legend" }: { items: { label: string; colour: string }[]; label?: string }) {
  if (items.length === 0) return null;
  return (
    <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700" aria-label={label}>
      {items.map((item) => (
        <li key={item.label} className="flex items-center gap-1.5">
          <span aria-hidden className="inline-block h-3 w-3 shrink-0 rounded-sm" style={{ backgroundColor: item.colour }} />
          {item.label}
        </li>
      ))}
    </ul>
  );
}

/** A note under a chart about figures the data does not have. */
export function MissingNote({ children }: { children: ReactNode }) {
  return <div className="mt-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-xs text-amber-900">{children}</div>;
}

// ---------- the "view as table" tables ----------

export type Column<Row> = {
  key: string;
  header: string;
  /** The value sorted on; null sorts last */
  value: (row: Row) => string | number | null;
  /** What the cell shows (defaults to the value) */
  render?: (row: Row) => ReactNode;
  numeric?: boolean;
};

/** A real table with a caption and column headers; with `sortable`, each header is a button that sorts by it. */
export function DataTable<Row>({ caption, columns, rows, rowKey, sortable = false, initialSort, footer }: {
  caption: string;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  sortable?: boolean;
  initialSort?: { key: string; direction: "ascending" | "descending" };
  footer?: ReactNode;
}) {
  const [sort, setSort] = useState(initialSort ?? null);
  const sorted = useMemo(() => {
    if (!sort) return rows;
    const column = columns.find((c) => c.key === sort.key);
    if (!column) return rows;
    const factor = sort.direction === "ascending" ? 1 : -1;
    return [...rows].sort((a, b) => {
      const x = column.value(a);
      const y = column.value(b);
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
      return (typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y))) * factor;
    });
  }, [rows, columns, sort]);
  return (
    <table className="w-full border-collapse text-sm">
      <caption className="sr-only">{caption}{sortable ? " (select a column heading to sort)" : ""}</caption>
      <thead className="sticky top-0 bg-white">
        <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-600">
          {columns.map((c) => {
            const active = sort?.key === c.key;
            return (
              <th key={c.key} scope="col" aria-sort={sortable ? (active ? sort.direction : "none") : undefined} className={`px-2 py-2 font-medium ${c.numeric ? "text-right" : ""}`}>
                {sortable ? (
                  <button
                    type="button"
                    className="inline-flex items-center gap-1 rounded uppercase tracking-wide hover:text-slate-900"
                    onClick={() => setSort(active && sort.direction === (c.numeric ? "descending" : "ascending")
                      ? { key: c.key, direction: c.numeric ? "ascending" : "descending" }
                      : { key: c.key, direction: c.numeric ? "descending" : "ascending" })}
                  >
                    {c.header}
                    <span aria-hidden className="text-slate-400">{active ? (sort.direction === "ascending" ? "▲" : "▼") : "↕"}</span>
                  </button>
                ) : (
                  c.header
                )}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {sorted.map((row) => (
          <tr key={rowKey(row)}>
            {columns.map((c, i) => {
              const content = c.render ? c.render(row) : (c.value(row) ?? "—");
              const className = `px-2 py-1.5 ${c.numeric ? "text-right tabular-nums" : ""}`;
              return i === 0 ? <th key={c.key} scope="row" className={`${className} text-left font-normal`}>{content}</th> : <td key={c.key} className={className}>{content}</td>;
            })}
          </tr>
        ))}
      </tbody>
      {footer && <tfoot className="border-t border-slate-300 font-medium">{footer}</tfoot>}
    </table>
  );
}

export function TableLink({ href, children }: { href: string; children: ReactNode }) {
  return <Link href={href} className="text-brand-700 underline underline-offset-2 hover:text-brand-900">{children}</Link>;
}

// ---------- number formats ----------

const compact = new Intl.NumberFormat("en-GB", { notation: "compact", maximumFractionDigits: 1 });
export const formatCompact = (value: number) => compact.format(value);
export { formatInteger as formatInt, formatGbp, formatGbpCompact, plural } from "@/lib/format";
