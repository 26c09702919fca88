// Reading an analyst's spreadsheet (CSV or .xlsx, first sheet) and writing it back with today's
// body beside each row. Server only: exceljs and csv-parse run in Node.
import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { csvRow } from "@/lib/csv";
import { AppError } from "@/lib/errors";
import { formatInteger } from "@/lib/format";
import { ACCOUNT_HEADER_HINTS, ADDED_COLUMNS, MAX_MATCH_BYTES, MAX_MATCH_ROWS } from "./vocabulary";

export type SpreadsheetFormat = "csv" | "xlsx";

export type Spreadsheet = {
  format: SpreadsheetFormat;
  /** The first sheet's name (xlsx), kept for the download */
  sheetName: string;
  headers: string[];
  /** Each row's cells as text, as wide as the header */
  rows: string[][];
  /** Each row's cells as read (xlsx: numbers, dates, booleans stay what they are) */
  values: ExcelJS.CellValue[][];
};

export const formatOf = (filename: string): SpreadsheetFormat | null => (/\.xlsx$/i.test(filename) ? "xlsx" : /\.(csv|txt)$/i.test(filename) ? "csv" : null);

const MB = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

function checkSize(bytes: number) {
  if (bytes === 0) throw new AppError("invalid", "The file is empty.", { file: ["Empty file"] });
  if (bytes > MAX_MATCH_BYTES) throw new AppError("invalid", `The file is larger than ${MB(MAX_MATCH_BYTES)}: split it and match each part.`, { file: ["Too large"] });
}

function checkRows(rows: number) {
  if (rows === 0) throw new AppError("invalid", "The file has a header but no rows to match.", { file: ["No rows"] });
  if (rows > MAX_MATCH_ROWS) throw new AppError("invalid", `The file has ${formatInteger(rows)} rows; at most ${formatInteger(MAX_MATCH_ROWS)} can be matched at once: split it.`, { file: ["Too many rows"] });
}

/** Comma-separated, or semicolons or tabs when the header line has those and no comma (European Excel). */
function delimiterOf(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  if (firstLine.includes(",")) return ",";
  return firstLine.includes(";") ? ";" : firstLine.includes("\t") ? "\t" : ",";
}

export function readCsv(text: string): Pick<Spreadsheet, "headers" | "rows"> {
  let records: string[][];
  try {
    records = parse(text, { bom: true, delimiter: delimiterOf(text.replace(/^\uFEFF/, "")), relax_column_count: true, skip_empty_lines: true });
  } catch (error) {
    throw new AppError("invalid", `The CSV could not be read: ${(error as Error).message}`, { file: ["Not a readable CSV"] });
  }
  const [header = [], ...rows] = records;
  const width = Math.max(header.length, ...rows.map((r) => r.length));
  const headers = Array.from({ length: width }, (_, n) => header[n]?.trim() || `Column ${n + 1}`);
  return { headers, rows: rows.map((r) => headers.map((_, n) => r[n] ?? "")) };
}

/** A cell as text: a formula's result, rich text's text, a hyperlink's text, a date as YYYY-MM-DD. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value !== "object") return String(value);
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("text" in value && typeof value.text === "string") return value.text;
  if ("result" in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
  if ("error" in value) return String(value.error);
  return "";
}

/** A cell as a plain value for the download: never a formula (its result is kept). */
function plainValue(value: ExcelJS.CellValue): ExcelJS.CellValue {
  if (value === null || value === undefined || value instanceof Date || typeof value !== "object") return value ?? null;
  if ("result" in value) return plainValue((value.result ?? null) as ExcelJS.CellValue);
  return cellText(value);
}

async function readXlsx(bytes: Uint8Array): Promise<Omit<Spreadsheet, "format">> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError("invalid", "The file is not a readable Excel workbook (.xlsx).", { file: ["Not a readable .xlsx"] });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError("invalid", "The workbook has no sheet.", { file: ["No sheet"] });
  checkRows(Math.max(0, sheet.actualRowCount - 1));
  const grid: ExcelJS.CellValue[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    // row.values is 1-based, with a hole at 0
    grid.push((row.values as ExcelJS.CellValue[]).slice(1).map((v) => plainValue(v)));
  });
  const [header = [], ...body] = grid;
  const width = Math.max(header.length, ...body.map((r) => r.length));
  const headers = Array.from({ length: width }, (_, n) => cellText(header[n] ?? null).trim() || `Column ${n + 1}`);
  const values = body.map((r) => headers.map((_, n) => r[n] ?? null));
  return { sheetName: sheet.name, headers, values, rows: values.map((r) => r.map(cellText)) };
}

/** Reads the first sheet of an upload, within the limits (MAX_MATCH_BYTES, MAX_MATCH_ROWS). */
export async function readSpreadsheet(bytes: Uint8Array, filename: string): Promise<Spreadsheet> {
  checkSize(bytes.byteLength);
  const format = formatOf(filename);
  if (!format) throw new AppError("invalid", "Upload a CSV (.csv) or Excel (.xlsx) file.", { file: ["Not a CSV or .xlsx file"] });
  if (format === "xlsx") return { format, ...(await readXlsx(bytes)) };
  const { headers, rows } = readCsv(new TextDecoder().decode(bytes));
  checkRows(rows.length);
  return { format, sheetName: "Sheet1", headers, rows, values: rows };
}

/** The column of account names or codes: the first header that says so, else the first column. */
export function accountColumn(headers: string[]): number {
  for (const hint of ACCOUNT_HEADER_HINTS) {
    const found = headers.findIndex((h) => hint.test(h.trim()));
    if (found >= 0) return found;
  }
  return 0;
}

/** What a download adds to a row: the body matched (or chosen) and today's bodies; null for none */
export type AddedCells = { code: string; name: string; kind: string; status: string; today: string } | null;

/** The same spreadsheet with ADDED_COLUMNS after its own, in the upload's format. */
export async function writeMatchedSpreadsheet(sheet: Spreadsheet, added: AddedCells[]): Promise<Uint8Array> {
  const header = [...sheet.headers, ...ADDED_COLUMNS];
  const extra = (n: number) => {
    const cells = added[n];
    return cells ? [cells.code, cells.name, cells.kind, cells.status, cells.today] : ADDED_COLUMNS.map(() => "");
  };
  if (sheet.format === "csv") {
    return new TextEncoder().encode([header, ...sheet.rows.map((row, n) => [...row, ...extra(n)])].map(csvRow).join(""));
  }
  const workbook = new ExcelJS.Workbook();
  const out = workbook.addWorksheet(sheet.sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  out.addRow(header).font = { bold: true };
  sheet.values.forEach((row, n) => out.addRow([...row, ...extra(n)]));
  out.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
  header.forEach((h, n) => (out.getColumn(n + 1).width = Math.min(60, Math.max(10, h.length + 2, ...sheet.rows.slice(0, 200).map((r) => (r[n] ?? "").length + 2)))));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
