"use client";

import { useId, useState, useTransition } from "react";
import { downloadMatchedAction, matchNamesAction, readSpreadsheetAction } from "@/lib/matching/actions";
import { MATCH_BATCH, MAX_MATCH_BYTES, MAX_MATCH_ROWS } from "@/lib/matching/vocabulary";
import { formatInteger, plural } from "@/lib/format";
import type { Option } from "@/components/explorer/explorer-filters";
import { BulkAddToList } from "@/components/explorer/bulk-add";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input, Label, Select } from "@/components/ui/input";
import { MatchResults } from "./match-results";
import { resolved, rowState, todayCodes, type MatchRow } from "./rows";
import { useWithActiveTeam } from "@/components/ui/active-team";

type Upload = { file: File; format: "csv" | "xlsx"; headers: string[]; rows: string[][] };

const LIMITS = `At most ${formatInteger(MAX_MATCH_ROWS)} rows and ${MAX_MATCH_BYTES / 1024 / 1024} MB; the first sheet of a workbook.`;

function saveFile(base64: string, filename: string, contentType: string) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: contentType }));
  const link = Object.assign(document.createElement("a"), { href: url, download: filename });
  link.click();
  URL.revokeObjectURL(url);
}

/** Upload, pick the column, match in chunks with progress, settle the rows that wait, then add to a list or download. */
export function MatchAccounts({ lists, canWrite }: { lists: Option[]; canWrite: boolean }) {
  const withTeam = useWithActiveTeam();
  const id = useId();
  const [chosenFile, setChosenFile] = useState<File | null>(null);
  const [upload, setUpload] = useState<Upload | null>(null);
  const [column, setColumn] = useState(0);
  const [rows, setRows] = useState<MatchRow[]>([]);
  const [done, setDone] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const matching = rows.length > 0 && done < rows.length;

  function read(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = chosenFile;
    if (!file) return setError("Choose a CSV or .xlsx file first.");
    setError(null);
    setRows([]);
    setDone(0);
    startTransition(async () => {
      const form = new FormData();
      form.set("file", file);
      const answer = await withTeam(readSpreadsheetAction)(form);
      if (!answer.ok) return setError(answer.message);
      setUpload({ file, format: answer.data.format, headers: answer.data.headers, rows: answer.data.rows });
      setColumn(answer.data.column);
    });
  }

  function match() {
    if (!upload) return;
    const names = upload.rows.map((row) => row[column] ?? "");
    setRows(names.map((input) => ({ input, result: null })));
    setDone(0);
    setError(null);
    startTransition(async () => {
      for (let start = 0; start < names.length; start += MATCH_BATCH) {
        const answer = await withTeam(matchNamesAction)({ names: names.slice(start, start + MATCH_BATCH) });
        if (!answer.ok) return setError(`Matching stopped at row ${formatInteger(start + 2)}: ${answer.message}`);
        setRows((current) => current.map((row, n) => (n >= start && n < start + answer.data.length ? { ...row, result: answer.data[n - start]! } : row)));
        setDone(Math.min(names.length, start + MATCH_BATCH));
      }
    });
  }

  function choose(index: number, choice: MatchRow["choice"]) {
    setRows((current) => current.map((row, n) => (n === index ? { ...row, choice } : row)));
  }

  function download() {
    if (!upload) return;
    startTransition(async () => {
      const form = new FormData();
      form.set("file", upload.file);
      form.set("codes", JSON.stringify(rows.map((row) => resolved(row)?.matched?.code ?? null)));
      const answer = await withTeam(downloadMatchedAction)(form);
      if (!answer.ok) return setError(answer.message);
      saveFile(answer.data.base64, answer.data.filename, answer.data.contentType);
    });
  }

  const waiting = rows.filter((r) => rowState(r) === "waiting").length;
  const codes = todayCodes(rows);
  const finished = rows.length > 0 && !matching;

  return (
    <div className="space-y-6">
      <Card title="1. Your spreadsheet" description={`A CSV or Excel (.xlsx) export from your CRM with a column of account names or codes: old CCG names, ICB or trust names, with or without "NHS", Welsh names. ${LIMITS}`}>
        <form onSubmit={read} className="flex flex-wrap items-end gap-3">
          <div>
            <Label htmlFor={`${id}-file`}>Spreadsheet of accounts</Label>
            <Input id={`${id}-file`} type="file" onChange={(e) => setChosenFile(e.target.files?.[0] ?? null)} accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" full={false} />
          </div>
          <Button type="submit" variant="secondary" disabled={pending} pending={pending && !upload}>Read file</Button>
        </form>
      </Card>

      {upload && (
        <Card title="2. The column to match" description={`${upload.file.name}: ${plural(upload.rows.length, "row")}, ${plural(upload.headers.length, "column")}.`}>
          <div className="flex flex-wrap items-end gap-3">
            <div>
              <Label htmlFor={`${id}-column`}>Column of account names or codes</Label>
              <Select id={`${id}-column`} full={false} value={column} onChange={(e) => setColumn(Number(e.target.value))} disabled={matching}>
                {upload.headers.map((header, n) => <option key={n} value={n}>{header}</option>)}
              </Select>
            </div>
            <Button onClick={match} disabled={pending}>Match {plural(upload.rows.length, "row")}</Button>
          </div>
          <p className="mt-2 text-sm text-slate-600">First values: {upload.rows.slice(0, 3).map((row) => row[column] || "(empty)").join(" · ")}</p>
        </Card>
      )}

      {rows.length > 0 && (
        <Card title="3. What was found" description="Names are compared without case, punctuation, accents, NHS, and ICB, CCG or trust designators; then by closeness. A closed body leads to the open bodies of today through its successions (several for a split), and a sub-ICB location to its ICB. Reference data as imported (see Structure for its sources and dates).">
          <div className="mb-4 space-y-1">
            <progress className="h-2 w-full" max={rows.length} value={done} aria-label="Rows matched" />
            <p role="status" className="text-sm text-slate-700">
              {formatInteger(done)} of {formatInteger(rows.length)} matched
              {finished && ` · ${plural(waiting, "row waits", "rows wait")} for your choice`}
            </p>
          </div>
          <MatchResults rows={rows} onChoose={choose} />
        </Card>
      )}

      {finished && (
        <Card title="4. Use the result" description={waiting > 0 ? `${plural(waiting, "row")} still waiting for your choice ${waiting === 1 ? "is" : "are"} left out until you choose.` : undefined}>
          <div className="space-y-4">
            {canWrite ? (
              codes.length > 0 ? (
                <div>
                  <p className="mb-2 text-sm text-slate-700">Today&apos;s bodies of the rows found or chosen: {plural(codes.length, "body", "bodies")}.</p>
                  <BulkAddToList lists={lists} codes={codes} filter={null} count={codes.length} />
                </div>
              ) : (
                <p className="text-sm text-slate-600">No row has a body yet to add to a list.</p>
              )
            ) : (
              <p className="text-sm text-slate-600">Your role can match and download; an analyst in your team can add the result to a list.</p>
            )}
            <div>
              <Button variant="secondary" onClick={download} disabled={pending}>
                Download {upload?.format === "xlsx" ? "Excel (.xlsx)" : "CSV"} with the bodies added
              </Button>
              <p className="mt-1 text-xs text-slate-500">Your columns as they were, then atlas_code, atlas_name, atlas_kind, atlas_status and atlas_today.</p>
            </div>
          </div>
        </Card>
      )}

      <div aria-live="polite">{error && <p role="alert" className="text-sm text-rose-700">{error}</p>}</div>
    </div>
  );
}
