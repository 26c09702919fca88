// The one Excel writer: exceljs's streaming workbook, one sheet, fed by the same batches as the CSV
// writer. Every cell is a value of its column's type (text, number or date), never a formula, so a
// name starting with "=" is just text and needs no neutralising prefix. The header row is frozen
// and filtered, and column widths come from the header and the first batch.
import { once } from "node:events";
import { PassThrough, Readable, type Writable } from "node:stream";
import type { ColumnType, ExportColumn } from "@/lib/export/columns";

export const XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const NUMBER_FORMATS: Record<ColumnType, string> = {
  // "@" keeps a code typed into the cell later as text too
  text: "@",
  integer: "#,##0",
  number: "General",
  money: "#,##0.00",
  date: "yyyy-mm-dd",
  timestamp: "yyyy-mm-dd hh:mm:ss",
};

const MIN_WIDTH = 8;
const MAX_WIDTH = 60;

type Cell = string | number | Date | null;

/** What the CSV writes as text, as a cell of the column's type; a value that does not fit the type stays text. */
export function xlsxCell(type: ColumnType, value: unknown): Cell {
  if (value === null || value === undefined || value === "") return null;
  if (type === "text") return value instanceof Date ? value.toISOString() : String(value);
  if (type === "date" || type === "timestamp") {
    const date = value instanceof Date ? value : new Date(type === "date" && /^\d{4}-\d{2}-\d{2}$/.test(String(value)) ? `${String(value)}T00:00:00Z` : String(value));
    return Number.isNaN(date.getTime()) ? String(value) : date;
  }
  const number = typeof value === "number" ? value : Number(value);
  return Number.isFinite(number) ? number : String(value);
}

function displayLength(type: ColumnType, cell: Cell): number {
  if (cell === null) return 0;
  if (cell instanceof Date) return NUMBER_FORMATS[type].length;
  // Thousands separators and decimals add a third to a number's digits
  return typeof cell === "number" ? Math.ceil(String(Math.round(cell)).length * 1.34) + (type === "money" ? 3 : 0) : cell.length;
}

function widths<Row>(columns: ExportColumn<Row>[], sample: Row[]): number[] {
  return columns.map((column) => {
    const longest = sample.reduce((max, row) => Math.max(max, displayLength(column.type, xlsxCell(column.type, column.value(row)))), column.header.length);
    return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest + 2));
  });
}

/**
 * Waits until the sheet's XML has gone into the compressor. exceljs's sheet stream writes on
 * without waiting (its write never returns false), so a slow client would let the XML pile up in
 * the compressor's input; that input (the one stream the sheet pipes to, in exceljs 4.4) says
 * when it is full, and drains only as fast as the client reads.
 */
async function sheetDrained(sheet: object, out: Writable, signal: AbortSignal) {
  // A readable-stream 3 Transform: no writableNeedDrain getter, the state says it
  const compressor = (sheet as { stream?: { pipes?: (Writable & { _writableState?: { needDrain: boolean } })[] } }).stream?.pipes?.[0];
  if (compressor?._writableState?.needDrain) await once(compressor, "drain", { signal });
  if (out.writableNeedDrain) await once(out, "drain", { signal });
}

/**
 * Streams rows as an .xlsx workbook. The next batch is fetched only once the client has taken what
 * the last one compressed to, so memory stays at about one batch however many rows there are; a
 * client that disconnects stops the query.
 */
export function xlsxStream<Row>(columns: ExportColumn<Row>[], batches: AsyncIterable<Row[]>, options: { sheetName?: string } = {}): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  const stopped = new AbortController();
  const iterator = batches[Symbol.asyncIterator]();
  out.on("close", () => {
    if (out.writableFinished) return;
    stopped.abort();
    void iterator.return?.(undefined);
  });

  async function write() {
    // Loaded on the first workbook, not by every route that imports the export contracts
    const { default: ExcelJS } = await import("exceljs");
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    // Excel's limits on a sheet name: 31 characters, none of []:*?/\
    const sheet = workbook.addWorksheet((options.sheetName ?? "Export").replace(/[[\]:*?/\\]/g, " ").slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
    let next = await iterator.next();
    const width = widths(columns, next.done ? [] : next.value);
    sheet.columns = columns.map((column, index) => ({ key: String(index), width: width[index], style: { numFmt: NUMBER_FORMATS[column.type] } }));
    const header = sheet.addRow(columns.map((c) => c.header));
    header.font = { bold: true };
    header.commit();
    let rows = 1;
    while (!next.done && !stopped.signal.aborted) {
      for (const row of next.value) sheet.addRow(columns.map((c) => xlsxCell(c.type, c.value(row)))).commit();
      rows += next.value.length;
      // The next batch is fetched while this one compresses and goes out
      const fetching = iterator.next();
      fetching.catch(() => {});
      await sheetDrained(sheet, out, stopped.signal);
      next = await fetching;
    }
    if (stopped.signal.aborted) return;
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows, column: columns.length } };
    sheet.commit();
    await workbook.commit();
  }

  write().catch((error: unknown) => {
    if (!stopped.signal.aborted) out.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  // A queue measured in bytes: toWeb's default counts chunks (16,384 of them), which would let the
  // whole workbook pile up in front of a slow client
  const workbook = (Readable.toWeb(out, { strategy: new ByteLengthQueuingStrategy({ highWaterMark: 64 * 1024 }) }) as ReadableStream<Uint8Array>).getReader();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await workbook.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      // Settles once the rows' source is given back (an export's connection and its team's slot), not
      // only once the workbook stream is told to stop
      async cancel(reason) {
        await workbook.cancel(reason);
        await iterator.return?.(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}
