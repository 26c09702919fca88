"use client";
// The recharts side of the dashboard charts: axis styles, category ticks that wrap long names, a
// bar coloured from its data row and the tooltip box. Only the *-recharts.tsx modules import this,
// and the cards load those with next/dynamic after hydration: nothing the page imports statically
// may import recharts (tests/dashboard/first-load.test.ts checks it).
import type { ReactNode } from "react";
import { Rectangle, type BarShapeProps } from "recharts";
import { wrapLabel } from "./chart-kit";

/** slate-700 and slate-600 on white: 10:1 and 7.6:1 */
export const AXIS_TICK = { fontSize: 12, fill: "#334155" } as const;
export const AXIS_LABEL = { fontSize: 12, fill: "#475569" } as const;
export const GRID = "#e2e8f0";
export const CURSOR = { fill: "#f1f5f9" } as const;

/** The value axis along the top of a horizontal-bar chart, named at its right end: spread onto an XAxis. */
export function topValueAxis(label: string) {
  return {
    type: "number",
    orientation: "top",
    tick: AXIS_TICK,
    height: 46,
    label: { value: label, position: "insideTopRight", offset: 0, dy: -2, style: AXIS_LABEL },
  } as const;
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

/** A tooltip's content: what `render` draws for the data row under the pointer, nothing when there is none. */
export function rowTip<T>(render: (row: T) => ReactNode) {
  return function RowTip({ payload }: { payload?: ReadonlyArray<{ payload?: unknown }> }) {
    const row = rowOf<T>(payload);
    return row ? render(row) : null;
  };
}

/** The category axis along the bottom of a column chart, named under it: spread onto an XAxis. */
export function bottomCategoryAxis(label: string) {
  return { dataKey: "label", tick: AXIS_TICK, height: 40, label: { value: label, position: "insideBottom", offset: -12, style: AXIS_LABEL } } as const;
}

/** The count axis on the left of a column chart, named along it: spread onto a YAxis (`inset` moves the name off the ticks). */
export function leftCountAxis(label: string, width: number, inset: number) {
  return { tick: AXIS_TICK, allowDecimals: false, width, label: { value: label, angle: -90, position: "insideLeft", offset: inset, dy: 40, style: AXIS_LABEL } } as const;
}

/** The data row under the pointer, from a tooltip's payload. */
export function rowOf<T>(payload: ReadonlyArray<{ payload?: unknown }> | undefined): T | undefined {
  return payload?.[0]?.payload as T | undefined;
}
