// Loading skeletons: grey blocks in the shape of the page that is coming, announced to screen
// readers once by their label.
import type { ReactNode } from "react";

/** The frame of a page's skeleton: a polite status with its label for screen readers. */
export function Skeleton({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div role="status" aria-live="polite" className={className ? `animate-pulse ${className}` : "animate-pulse"}>
      {children}
      <span className="sr-only">{label}</span>
    </div>
  );
}

/** One grey block; the classes give its size and rounding (default: rounded). */
export function Bone({ className }: { className: string }) {
  return <div className={/\brounded/.test(className) ? `bg-slate-200 ${className}` : `rounded bg-slate-200 ${className}`} />;
}

/** A table's skeleton: a header band and `rows` rows of cells, one Bone per class in `cells`. */
export function TableSkeleton({ rows, cells, rowPadding = "py-2.5" }: { rows: number; cells: readonly string[]; rowPadding?: string }) {
  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 bg-white">
      <div className="h-9 bg-slate-100" />
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className={`flex gap-4 border-t border-slate-100 px-3 ${rowPadding}`}>
          {cells.map((cell, j) => (
            <Bone key={j} className={cell} />
          ))}
        </div>
      ))}
    </div>
  );
}

/** A page header's skeleton: its title and text lines on the left, its action buttons on the right. */
export function HeaderSkeleton({ lines, actions, align = "end" }: { lines: readonly string[]; actions: readonly string[]; align?: "start" | "end" }) {
  return (
    <div className={`mb-5 flex flex-wrap justify-between gap-4 ${align === "start" ? "items-start" : "items-end"}`}>
      <div className="space-y-2">
        {lines.map((line, i) => (
          <Bone key={i} className={line} />
        ))}
      </div>
      <div className="flex gap-2">
        {actions.map((action, i) => (
          <Bone key={i} className={`h-8 rounded-md ${action}`} />
        ))}
      </div>
    </div>
  );
}

/** The part of a filtered table page below its header: the filter panel, the bands above the table, the table. */
function FilteredTableBones({ above, cells }: { above: readonly string[]; cells: readonly string[] }) {
  return (
    <div className="gap-6 lg:grid lg:grid-cols-[15rem_minmax(0,1fr)]">
      <Bone className="mb-3 hidden h-[32rem] rounded-lg lg:block" />
      <div className="space-y-3">
        {above.map((band, i) => (
          <Bone key={i} className={band} />
        ))}
        <TableSkeleton rows={12} cells={cells} />
      </div>
    </div>
  );
}

/** A filtered table page's skeleton (the contracts page): header, filter panel, the bands above the table, the table. */
export function FilteredTableSkeleton({ label, above, cells }: { label: string; above: readonly string[]; cells: readonly string[] }) {
  return (
    <Skeleton label={label}>
      <HeaderSkeleton lines={["h-7 w-40", "h-4 w-96 max-w-full"]} actions={["w-28", "w-24", "w-28"]} />
      <FilteredTableBones above={above} cells={cells} />
    </Skeleton>
  );
}

/** The same below a header the page has already sent (the explorer). */
export function FilteredTableBodySkeleton({ label, above, cells }: { label: string; above: readonly string[]; cells: readonly string[] }) {
  return (
    <Skeleton label={label}>
      <FilteredTableBones above={above} cells={cells} />
    </Skeleton>
  );
}
