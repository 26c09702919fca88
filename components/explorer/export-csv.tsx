"use client";

import { useRef, useState } from "react";
import { formatInteger } from "@/lib/format";
import { Button, buttonClass } from "@/components/ui/button";
import { useTableUrlState } from "@/components/data-table/table-url-state";
import { exportQuery } from "./query";

type Status =
  | { state: "idle" }
  | { state: "running"; bytes: number; rows: number }
  | { state: "done"; filename: string; rows: number; bytes: number }
  | { state: "cancelled" }
  | { state: "error"; message: string };

const NEWLINE = 10;

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function filenameFrom(disposition: string | null): string {
  const star = disposition?.match(/filename\*=(?:UTF-8'')?([^;]+)/i);
  if (star?.[1]) return decodeURIComponent(star[1].replace(/"/g, ""));
  return disposition?.match(/filename="?([^";]+)"?/i)?.[1] ?? "commissioning-atlas_export.csv";
}

/**
 * Export CSV: a plain link (it works without JavaScript), enhanced to stream the file with
 * fetch so a large export shows its progress and can be cancelled, then saved from a Blob.
 */
export function ExportCsvButton({ total, viewName }: { total: number; viewName: string | null }) {
  const { query } = useTableUrlState();
  const [status, setStatus] = useState<Status>({ state: "idle" });
  const controller = useRef<AbortController | null>(null);
  const href = `/api/v1/organisations?${exportQuery(query, viewName ?? "explorer")}`;

  async function run() {
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    setStatus({ state: "running", bytes: 0, rows: 0 });
    try {
      const response = await fetch(href, { signal: abort.signal, credentials: "same-origin", headers: { Accept: "text/csv" } });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? `The export failed (HTTP ${response.status}).`);
      }
      const filename = filenameFrom(response.headers.get("Content-Disposition"));
      const reader = response.body.getReader();
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      let bytes = 0;
      let lines = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        bytes += value.byteLength;
        for (let i = 0; i < value.length; i++) if (value[i] === NEWLINE) lines++;
        setStatus({ state: "running", bytes, rows: Math.max(0, lines - 1) });
      }
      const rows = Math.max(0, lines - 1); // the first line is the header
      const url = URL.createObjectURL(new Blob(chunks, { type: "text/csv;charset=utf-8" }));
      const link = document.createElement("a");
      link.href = url;
      link.download = filename;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 30_000);
      setStatus({ state: "done", filename, rows, bytes });
    } catch (error) {
      if (abort.signal.aborted) setStatus({ state: "cancelled" });
      else setStatus({ state: "error", message: error instanceof Error ? error.message : "The export failed." });
    } finally {
      if (controller.current === abort) controller.current = null;
    }
  }

  const running = status.state === "running";
  const percent = running && total ? Math.min(100, Math.round((status.rows / total) * 100)) : null;

  return (
    <div className="relative">
      <a
        href={href}
        download
        aria-disabled={running || undefined}
        onClick={(event) => {
          if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
          event.preventDefault();
          if (!running) void run();
        }}
        className={buttonClass({ size: "sm" })}
      >
        <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4"><path d="M10.75 2.75a.75.75 0 0 0-1.5 0v8.61L6.3 8.24a.75.75 0 1 0-1.1 1.02l4.25 4.5a.75.75 0 0 0 1.1 0l4.25-4.5a.75.75 0 1 0-1.1-1.02l-2.95 3.12V2.75Z" /><path d="M3.5 12.75a.75.75 0 0 0-1.5 0v2.5A2.75 2.75 0 0 0 4.75 18h10.5A2.75 2.75 0 0 0 18 15.25v-2.5a.75.75 0 0 0-1.5 0v2.5c0 .69-.56 1.25-1.25 1.25H4.75c-.69 0-1.25-.56-1.25-1.25v-2.5Z" /></svg>
        Export CSV
      </a>
      {status.state !== "idle" && (
        <div className="fixed inset-x-4 z-30 mt-2 rounded-md sm:absolute sm:inset-x-auto sm:right-0 sm:w-80 border border-slate-200 bg-white p-3 text-sm shadow-lg">
          <div aria-live="polite">
            {running && (
              <>
                <p className="font-medium text-slate-900">Exporting…</p>
                <p className="mt-0.5 tabular-nums text-slate-600">
                  {formatInteger(status.rows)}
                  {` of ${formatInteger(total)}`} rows · {formatBytes(status.bytes)}
                </p>
                <div
                  role="progressbar"
                  aria-label="Export progress"
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={percent ?? undefined}
                  className="mt-2 h-1.5 overflow-hidden rounded-full bg-slate-100"
                >
                  <div className={`h-full rounded-full bg-brand-600 transition-all ${percent === null ? "w-1/3 animate-pulse" : ""}`} style={percent === null ? undefined : { width: `${percent}%` }} />
                </div>
              </>
            )}
            {status.state === "done" && (
              <p className="text-emerald-800">
                Downloaded <span className="break-all font-medium">{status.filename}</span> ({formatInteger(status.rows)} rows, {formatBytes(status.bytes)}).
              </p>
            )}
            {status.state === "cancelled" && <p className="text-slate-700">Export cancelled.</p>}
            {status.state === "error" && <p role="alert" className="text-rose-700">{status.message}</p>}
          </div>
          <div className="mt-2 flex justify-end gap-3">
            {running ? (
              <Button variant="secondary" size="xs" onClick={() => controller.current?.abort()}>
                Cancel
              </Button>
            ) : (
              <button type="button" onClick={() => setStatus({ state: "idle" })} className="text-xs font-medium text-brand-700 hover:underline">
                Dismiss
              </button>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
