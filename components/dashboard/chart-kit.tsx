"use client";
// Small pieces the dashboard charts share: a narrow-screen hook, category ticks that wrap long names,
// a bar coloured from its data row, the tooltip box, an HTML legend, a sortable table and the
// number formats.
import Link from "next/link";
import { useMemo, useState, useSyncExternalStore, type ReactNode } from "react";
import { Rectangle, type BarShapeProps } from "recharts";

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

/** slate-700 and slate-600 on white: 10:1 and 7.6:1 */
export const AXIS_TICK = { fontSize: 12, fill: "#334155" } as const;
export const AXIS_LABEL = { fontSize: 12, fill: "#475569" } as const;
export const GRID = "#e2e8f0";
export const CURSOR = { fill: "#f1f5f9" } as const;

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

type TickProps = { x?: number | string; y?: number | string; payload?: { value?: unknown } };

/** Characters of 12 px text that fit beside a category axis `width` px wide (about 7 px a character, with room for the tick). */
export const charsFor = (width: number) => Math.max(6, Math.floor((width - 14) / 7));

/**
 * A category tick for a horizontal-bar chart `width` px wide: long names wrap to two lines and
 * the rest is shortened, never clipped (the full name is in its <title>, the tooltip and the table).
 */
export function wrappedTick(width: number, maxLines = 2) {
  const maxChars = charsFor(width);
  function Tick({ x = 0, y = 0, payload }: TickProps) {
    const text = String(payload?.value ?? "");
    const lines = wrapLabel(text, maxChars, maxLines);
    const lineHeight = 13;
    const top = Number(y) - ((lines.length - 1) * lineHeight) / 2;
    return (
      <text x={Number(x)} y={top} dy={4} textAnchor="end" fontSize={12} fill="#334155">
        <title>{text}</title>
        {lines.map((line, i) => (
          <tspan key={i} x={Number(x)} dy={i === 0 ? 4 : lineHeight}>{line}</tspan>
        ))}
      </text>
    );
  }
  return Tick;
}

/** A tick for a right-hand caption axis ("2 of 7", "23"): one line, never wrapped. */
export function CaptionTick({ x = 0, y = 0, payload }: TickProps) {
  return (
    <text x={Number(x)} y={Number(y)} dy={4} textAnchor="start" fontSize={11} fill="#334155">
      {String(payload?.value ?? "")}
    </text>
  );
}

/** A bar whose colour comes from the `fill` of its data row (Cell is deprecated in recharts 3). */
export function ColouredBar(props: BarShapeProps) {
  const fill = (props.payload as { fill?: string } | undefined)?.fill ?? props.fill;
  return <Rectangle {...props} fill={fill} />;
}

export function TipBox({ title, lines }: { title: ReactNode; lines: ReactNode[] }) {
  return (
    <div className="max-w-72 rounded-md border border-slate-200 bg-white px-3 py-2 text-xs text-slate-700 shadow-md">
      <p className="mb-1 font-semibold text-slate-900">{title}</p>
      {lines.map((line, i) => (
        <p key={i} className="tabular-nums">{line}</p>
      ))}
    </div>
  );
}

/** The data row under the pointer, from a tooltip's payload. */
export function rowOf<T>(payload: ReadonlyArray<{ payload?: unknown }> | undefined): T | undefined {
  return payload?.[0]?.payload as T | undefined;
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
const gbpCompact = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", notation: "compact", maximumFractionDigits: 1 });
export const formatGbpCompact = (value: number) => gbpCompact.format(value);
const gbpWhole = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", maximumFractionDigits: 0 });
export const formatGbp = (value: number) => gbpWhole.format(value);
const integer = new Intl.NumberFormat("en-GB");
export const formatInt = (value: number) => integer.format(value);
export const plural = (n: number, one: string, many = `${one}s`) => `${formatInt(n)} ${n === 1 ? one : many}`;
