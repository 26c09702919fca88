import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { z } from "zod";

export type RowError = { file: string; line: number; reason: string };

export class ImportValidationError extends Error {
  constructor(public readonly errors: RowError[]) {
    super(
      `Import refused: ${errors.length} invalid row(s); nothing was loaded.\n` +
        errors.map((e) => `  ${e.file}:${e.line}: ${e.reason}`).join("\n"),
    );
    this.name = "ImportValidationError";
  }
}

export type ParsedRow<T> = { line: number; value: T };

/**
 * Reads a CSV with a header row and validates every row with `schema`. Rows that fail are
 * returned as errors (with the file's own line numbers, header = line 1), never skipped silently.
 */
export function readCsv<S extends z.ZodType>(
  dataDir: string,
  file: string,
  schema: S,
): { rows: ParsedRow<z.output<S>>[]; errors: RowError[] } {
  let text: string;
  try {
    text = readFileSync(path.join(dataDir, file), "utf8");
  } catch {
    return { rows: [], errors: [{ file, line: 0, reason: "file is missing" }] };
  }
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { columns: true, info: true, bom: true, skip_empty_lines: true, trim: false }) as never;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    return { rows: [], errors: [{ file, line, reason: `not valid CSV: ${(error as Error).message}` }] };
  }
  const rows: ParsedRow<z.output<S>>[] = [];
  const errors: RowError[] = [];
  for (const { record, info } of records) {
    // info.lines is the last physical line of the record; a record with embedded newlines starts earlier
    const line = info.lines;
    const result = schema.safeParse(record);
    if (result.success) {
      rows.push({ line, value: result.data });
    } else {
      const reason = result.error.issues
        .map((issue) => `${issue.path.join(".") || "row"}: ${issue.message}`)
        .join("; ");
      errors.push({ file, line, reason });
    }
  }
  return { rows, errors };
}

// ---------- column schemas shared by the files of data/ ----------
export const text = z.string().trim().min(1, "is required");
export const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? null : value));
export const count = z.string().trim().regex(/^\d+$/, "must be a whole number").transform(Number);
export const optionalCount = z
  .string()
  .trim()
  .refine((value) => value === "" || /^\d+$/.test(value), "must be a whole number or empty")
  .transform((value) => (value === "" ? null : Number(value)));
export const decimal = z.string().trim().regex(/^-?\d+(\.\d+)?$/, "must be a number");
export const isoDate = z
  .string()
  .trim()
  .refine((value) => value === "" || isRealDate(value), "must be a date YYYY-MM-DD or empty")
  .transform((value) => (value === "" ? null : value));
/** ODS files write dates as YYYYMMDD */
export const odsDate = z
  .string()
  .trim()
  .refine((value) => value === "" || (/^\d{8}$/.test(value) && isRealDate(toIso(value))), "must be a date YYYYMMDD or empty")
  .transform((value) => (value === "" ? null : toIso(value)));
export const yesNo = z.enum(["yes", "no"]);
/** A ;-separated list, e.g. "QHG;QM7" */
export const codeList = z
  .string()
  .trim()
  .transform((value) => (value === "" ? [] : value.split(";").map((part) => part.trim()).filter(Boolean)));
/** "active", "active from 2020-04-01" or "dissolved 2020-03-31 (...)" */
export const statusText = z
  .string()
  .trim()
  .regex(/^(active( from \d{4}-\d{2}-\d{2})?|dissolved \d{4}-\d{2}-\d{2}.*)$/, "must be 'active', 'active from DATE' or 'dissolved DATE'")
  .transform((value) => {
    const date = value.match(/\d{4}-\d{2}-\d{2}/)?.[0] ?? null;
    return value.startsWith("dissolved") ? { openDate: null, closeDate: date } : { openDate: date, closeDate: null };
  });

function toIso(yyyymmdd: string): string {
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}
function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}
