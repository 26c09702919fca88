// The one CSV writer, for integrations: RFC 4180 quoting, CRLF line ends, optional UTF-8 byte-order
// mark, and spreadsheet formula injection neutralised. People who open the file in a spreadsheet get
// the Excel writer (lib/xlsx) instead; lib/export chooses between them.
import { join, sql, type Sql } from "@/lib/db/sql";
import type { CopyColumn, ExportColumn } from "@/lib/export/columns";

// A cell starting with one of these is run as a formula by Excel, LibreOffice or Google Sheets
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString() : String(value);
  // Numbers are written as numbers; only text can carry a formula
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

export const BOM = "\uFEFF";

/** The header line, after a byte-order mark when `bom` is set. */
export const csvHeader = (columns: readonly { header: string }[], options: { bom?: boolean } = {}): string => (options.bom ? BOM : "") + csvRow(columns.map((c) => c.header));

/**
 * One text column: each row of `rows` as its CSV line, byte for byte what csvRow writes for it,
 * built by PostgreSQL so that COPY can stream it (lib/db/copy.ts copyRows). A row none of whose
 * cells needs quoting or formula neutralisation (most) is its values joined by commas; any other is
 * written cell by cell by csv_cell (both functions are in the migrations).
 */
export function csvLinesQuery<Row>(columns: readonly CopyColumn<Row>[], rows: Sql): Sql {
  const texts = columns.filter((c) => !c.number && !c.clean).map((c) => c.sql);
  const plain = join(
    columns.map((c) => c.sql),
    ", ',', ",
  );
  const careful = join(
    columns.map((c) => (c.number ? sql`coalesce(${c.sql}::text, '')` : sql`csv_cell(${c.sql})`)),
    " || ',' || ",
  );
  // OFFSET 0 keeps the rows a subquery, so each value reads one of its columns rather than a copy
  // of the column's expression (evaluated again for each use, and csv_cell no longer inlined)
  return sql`SELECT CASE WHEN csv_cells_need_care(concat(${join(texts, ", E'\\x01', ")})) THEN ${careful} || E'\\r\\n' ELSE concat(${plain}, E'\\r\\n') END
    FROM (${rows} OFFSET 0) r`;
}

/** `bom=1` or `bom=true` in a CSV request's query: start the file with a byte-order mark for Excel. */
export function wantsBom(params: URLSearchParams): boolean {
  const bom = params.get("bom");
  return bom === "1" || bom === "true";
}

/**
 * Streams rows as CSV: pulls the next batch only when the client has read the last one, so memory
 * stays flat however many rows there are, and a client that disconnects stops the query.
 */
export function csvStream<Row>(columns: ExportColumn<Row>[], batches: AsyncIterable<Row[]>, options: { bom?: boolean } = {}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = batches[Symbol.asyncIterator]();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvHeader(columns, options)));
        return;
      }
      try {
        const next = await iterator.next();
        if (next.done) {
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(next.value.map((row) => csvRow(columns.map((c) => c.value(row)))).join("")));
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
