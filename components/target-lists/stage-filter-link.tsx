"use client";

import type { ReactNode } from "react";
import { useTableUrlState } from "@/components/data-table/table-url-state";
import { toQueryString } from "@/components/data-table/query-string";

/**
 * A pipeline stage as a filter of the table below: shows only that stage's entries, or every stage
 * again when it is the current filter. A real link (it opens in a new tab too); a plain click
 * changes the table's URL in place.
 */
export function StageFilterLink({ stage, children }: { stage: string; children: ReactNode }) {
  const { query, navigate, href } = useTableUrlState();
  const active = new URLSearchParams(query).get("stage") === stage;
  const target = new URLSearchParams(query);
  target.delete("page");
  if (active) target.delete("stage");
  else target.set("stage", stage);
  return (
    <a
      href={href(toQueryString(target))}
      aria-current={active ? "true" : undefined}
      title={active ? "Show every stage" : "Show only this stage"}
      className="rounded after:absolute after:inset-0 after:content-[''] hover:underline focus-visible:outline-none"
      onClick={(event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return;
        event.preventDefault();
        navigate((p) => {
          if (active) p.delete("stage");
          else p.set("stage", stage);
        });
      }}
    >
      {children}
      <span className="sr-only">{active ? " (shown; choose to show every stage)" : " (show only these)"}</span>
    </a>
  );
}
