import type { ReactNode } from "react";
import { formatInteger } from "@/lib/format";
import type { Noun } from "./selection";

/** "1,234 bodies", announced politely, with "Updating…" while the server renders the next page. */
export function ResultCount({ total, totalExact = true, noun, pending, children }: { total: number; totalExact?: boolean; noun: Noun; pending: boolean; children?: ReactNode }) {
  return (
    <p className="text-sm text-slate-700" aria-live="polite">
      {!totalExact && "More than "}
      <span className="font-semibold text-slate-900 tabular-nums">{formatInteger(total)}</span> {total === 1 ? noun.one : noun.many}
      {children}
      {pending && (
        <span className="ml-2 inline-flex items-center gap-1.5 text-slate-500">
          <span aria-hidden className="h-3 w-3 animate-spin rounded-full border-2 border-current border-t-transparent" />
          Updating…
        </span>
      )}
    </p>
  );
}
