"use client";
// The one export control: a menu offering "Excel (.xlsx)" and "CSV". Each item is a plain download
// link (it works without JavaScript), enhanced to stream the file with fetch so a large export shows
// its progress and can be cancelled, then saved from a Blob.
import { useRef, useState } from "react";
import type { ExportFormat } from "@/lib/export";
import { formatInteger } from "@/lib/format";
import { Button } from "@/components/ui/button";
import { Menu, closeMenu } from "@/components/ui/menu";

const FORMATS: { format: ExportFormat; label: string; hint: string }[] = [
  { format: "xlsx", label: "Excel (.xlsx)", hint: "Opens as it is: codes as text, figures as numbers, dates as dates" },
  { format: "csv", label: "CSV", hint: "For other tools and integrations" },
];

type Status =
  | { state: "idle" }
  | { state: "running"; format: ExportFormat; bytes: number; rows: number }
  | { state: "done"; format: ExportFormat; filename: string; rows: number; bytes: number }
  | { state: "cancelled" }
  | { state: "error"; message: string };

const NEWLINE = 10;

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function filenameFrom(disposition: string | null, format: ExportFormat): string {
  const star = disposition?.match(/filename\*=(?:UTF-8'')?([^;]+)/i);
  if (star?.[1]) return decodeURIComponent(star[1].replace(/"/g, ""));
  return disposition?.match(/filename="?([^";]+)"?/i)?.[1] ?? `commissioning-atlas_export.${format}`;
}

function save(chunks: Uint8Array<ArrayBuffer>[], type: string, filename: string) {
  const url = URL.createObjectURL(new Blob(chunks, { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/**
 * `links` are the download URLs of each format; `total`, when known, is how many rows the export
 * holds, for the CSV's progress bar (a workbook is compressed, so only its bytes can be counted).
 */
export function ExportMenu({ links, total, label = "Export" }: { links: Record<ExportFormat, string>; total?: number; label?: string }) {
  const [status, setStatus] = useState<Status>({ state: "idle" });
  const controller = useRef<AbortController | null>(null);

  async function run(format: ExportFormat) {
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    setStatus({ state: "running", format, bytes: 0, rows: 0 });
    try {
      const response = await fetch(links[format], { signal: abort.signal, credentials: "same-origin" });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? `The export failed (HTTP ${response.status}).`);
      }
      const filename = filenameFrom(response.headers.get("Content-Disposition"), format);
      const reader = response.body.getReader();
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      let bytes = 0;
      let lines = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        bytes += value.byteLength;
        if (format === "csv") for (let i = 0; i < value.length; i++) if (value[i] === NEWLINE) lines++;
        setStatus({ state: "running", format, bytes, rows: Math.max(0, lines - 1) });
      }
      save(chunks, response.headers.get("Content-Type") ?? "application/octet-stream", filename);
      // The first line of a CSV is its header
      setStatus({ state: "done", format, filename, rows: Math.max(0, lines - 1), bytes });
    } catch (error) {
      if (abort.signal.aborted) setStatus({ state: "cancelled" });
      else setStatus({ state: "error", message: error instanceof Error ? error.message : "The export failed." });
    } finally {
      if (controller.current === abort) controller.current = null;
    }
  }

  const running = status.state === "running";
  const percent = running && status.format === "csv" && total ? Math.min(100, Math.round((status.rows / total) * 100)) : null;

  return (
    <div className="relative">
      <Menu
        label={
          <>
            <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4"><path d="M10.75 2.75a.75.75 0 0 0-1.5 0v8.61L6.3 8.24a.75.75 0 1 0-1.1 1.02l4.25 4.5a.75.75 0 0 0 1.1 0l4.25-4.5a.75.75 0 1 0-1.1-1.02l-2.95 3.12V2.75Z" /><path d="M3.5 12.75a.75.75 0 0 0-1.5 0v2.5A2.75 2.75 0 0 0 4.75 18h10.5A2.75 2.75 0 0 0 18 15.25v-2.5a.75.75 0 0 0-1.5 0v2.5c0 .69-.56 1.25-1.25 1.25H4.75c-.69 0-1.25-.56-1.25-1.25v-2.5Z" /></svg>
            {label} <span aria-hidden className="text-xs text-slate-500">▾</span>
          </>
        }
        placement="sheet"
        panelClassName="py-1"
      >
        <ul>
          {FORMATS.map(({ format, label: itemLabel, hint }) => (
            <li key={format}>
              <a
                href={links[format]}
                download
                aria-disabled={running || undefined}
                onClick={(event) => {
                  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
                  event.preventDefault();
                  closeMenu(event.currentTarget);
                  if (!running) void run(format);
                }}
                className="block px-3 py-1.5 text-sm hover:bg-slate-50 focus-visible:bg-slate-50 focus-visible:outline-none"
              >
                <span className="block font-medium text-brand-700">{itemLabel}</span>
                <span className="block text-xs text-slate-600">{hint}</span>
              </a>
            </li>
          ))}
        </ul>
      </Menu>
      {status.state !== "idle" && (
        <div className="fixed inset-x-4 z-30 mt-2 rounded-md border border-slate-200 bg-white p-3 text-sm shadow-lg sm:absolute sm:inset-x-auto sm:right-0 sm:w-80">
          <div aria-live="polite">
            {running && (
              <>
                <p className="font-medium text-slate-900">Exporting…</p>
                <p className="mt-0.5 tabular-nums text-slate-600">
                  {status.format === "csv" && `${formatInteger(status.rows)}${total === undefined ? "" : ` of ${formatInteger(total)}`} rows · `}
                  {formatBytes(status.bytes)}
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
                Downloaded <span className="break-all font-medium">{status.filename}</span> ({status.format === "csv" ? `${formatInteger(status.rows)} rows, ` : ""}
                {formatBytes(status.bytes)}).
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
