import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import type { z } from "zod";

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
 * collected into `errors` (with the file's own line numbers, header = line 1), never skipped silently.
 */
export function readCsv<S extends z.ZodType>(
  dataDir: string,
  file: string,
  schema: S,
  errors: RowError[],
): ParsedRow<z.output<S>>[] {
  let text: string;
  try {
    text = readFileSync(path.join(dataDir, file), "utf8");
  } catch {
    errors.push({ file, line: 0, reason: "file is missing" });
    return [];
  }
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { columns: true, info: true, bom: true, skip_empty_lines: true, trim: false }) as never;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    errors.push({ file, line, reason: `not valid CSV: ${(error as Error).message}` });
    return [];
  }
  const rows: ParsedRow<z.output<S>>[] = [];
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
  return rows;
}
