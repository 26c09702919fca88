"use client";

import { useState } from "react";
import Link from "next/link";
import type { MatchResult } from "@/lib/matching/engine";
import { MATCH_METHOD_LABELS } from "@/lib/matching/vocabulary";
import { formatInteger } from "@/lib/format";
import { SHORT_KIND_LABELS } from "@/lib/organisations/vocabulary";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ChooseBody } from "./choose-body";
import { percent, resolved, ROW_STATE_LABELS, rowState, type MatchRow, type RowState } from "./rows";

const PAGE = 50;
const TONES: Record<RowState, "neutral" | "success" | "brand" | "warning"> = { pending: "neutral", found: "success", chosen: "brand", waiting: "warning", skipped: "neutral", blank: "neutral" };

const bodyLink = (body: { code: string; name: string }) => (
  <Link href={`/organisations/${encodeURIComponent(body.code)}`} className="font-medium text-brand-700 hover:underline">{body.name}</Link>
);

function Found({ result }: { result: MatchResult }) {
  if (!result.matched) return <span className="text-slate-500">No body is close enough</span>;
  const { matched, today } = result;
  const leadsElsewhere = today.length !== 1 || today[0]!.code !== matched.code;
  return (
    <div>
      {bodyLink(matched)} <span className="text-xs text-slate-500">{matched.code} · {SHORT_KIND_LABELS[matched.kind]}{matched.status === "closed" ? " · closed" : ""}</span>
      {leadsElsewhere && (
        <p className="text-xs text-slate-600">
          Today: {today.length === 0 ? "no open successor in the data" : today.map((b, n) => <span key={b.code}>{n > 0 && "; "}{bodyLink(b)} ({SHORT_KIND_LABELS[b.kind]})</span>)}
        </p>
      )}
      <p className="text-xs text-slate-500">{result.method ? MATCH_METHOD_LABELS[result.method] : ""} · confidence {percent(result.confidence)}</p>
    </div>
  );
}

/** The rows of the upload with what was found, in pages of 50; rows that wait can be shown alone. */
export function MatchResults({ rows, onChoose }: { rows: MatchRow[]; onChoose: (index: number, choice: MatchRow["choice"]) => void }) {
  const [onlyWaiting, setOnlyWaiting] = useState(false);
  const [page, setPage] = useState(0);
  const waiting = rows.filter((r) => rowState(r) === "waiting").length;
  const shown = rows.map((row, index) => ({ row, index })).filter(({ row }) => !onlyWaiting || rowState(row) === "waiting");
  const pages = Math.max(1, Math.ceil(shown.length / PAGE));
  const current = Math.min(page, pages - 1);
  const slice = shown.slice(current * PAGE, (current + 1) * PAGE);

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2 text-sm" role="group" aria-label="Rows shown">
        <Button size="xs" variant={onlyWaiting ? "secondary" : "primary"} aria-pressed={!onlyWaiting} onClick={() => (setOnlyWaiting(false), setPage(0))}>All rows ({formatInteger(rows.length)})</Button>
        <Button size="xs" variant={onlyWaiting ? "primary" : "secondary"} aria-pressed={onlyWaiting} onClick={() => (setOnlyWaiting(true), setPage(0))}>Waiting for your choice ({formatInteger(waiting)})</Button>
      </div>
      {slice.length === 0 ? (
        <EmptyState look="card" title={onlyWaiting ? "No row waits for your choice" : "No rows"}>{onlyWaiting ? "Every row is found, chosen or skipped." : null}</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Rows of the spreadsheet and the bodies they match</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">Row</th>
                <th scope="col" className="px-3 py-2">In your file</th>
                <th scope="col" className="px-3 py-2">Body</th>
                <th scope="col" className="px-3 py-2">State</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 align-top">
              {slice.map(({ row, index }) => {
                const state = rowState(row);
                const shownResult = resolved(row) ?? row.result;
                return (
                  <tr key={index}>
                    <td className="px-3 py-2 tabular-nums text-slate-500">{formatInteger(index + 2)}</td>
                    <td className="px-3 py-2">{row.input || <span className="text-slate-400">(empty)</span>}</td>
                    <td className="px-3 py-2">
                      {state === "waiting" && row.result ? <ChooseBody row={index + 2} result={row.result} onChoose={(choice) => onChoose(index, choice)} /> : shownResult && state !== "skipped" && state !== "blank" ? <Found result={shownResult} /> : null}
                    </td>
                    <td className="px-3 py-2">
                      <Badge tone={TONES[state]}>{ROW_STATE_LABELS[state]}</Badge>
                      {(state === "chosen" || state === "skipped") && (
                        <Button size="xs" variant="link" className="ml-2" onClick={() => onChoose(index, undefined)} aria-label={`Undo your choice for row ${index + 2}`}>Undo</Button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <nav aria-label="Pages of rows" className="flex items-center gap-3 text-sm">
          <Button size="xs" variant="secondary" disabled={current === 0} onClick={() => setPage(current - 1)}>Previous</Button>
          <span>Page {current + 1} of {pages}</span>
          <Button size="xs" variant="secondary" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>Next</Button>
        </nav>
      )}
    </div>
  );
}
