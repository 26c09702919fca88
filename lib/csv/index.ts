// The one CSV writer, for integrations: RFC 4180 quoting, CRLF line ends, optional UTF-8 byte-order
// mark, and spreadsheet formula injection neutralised. People who open the file in a spreadsheet get
// the Excel writer (lib/xlsx) instead; lib/export chooses between them.
import { join, sql, type Sql } from "@/lib/db/sql";
import type { CopyRowWriter } from "@/lib/db/copy";
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
 * The export's columns of `rows` as text, one COPY field each, for CsvCopyWriter (lib/db/copy.ts
 * copyRows). OFFSET 0 keeps the rows a subquery, so each value reads one of its columns rather than
 * a copy of the column's expression.
 */
export function csvColumnsQuery<Row>(columns: readonly CopyColumn<Row>[], rows: Sql): Sql {
  return sql`SELECT ${join(
    columns.map((c) => sql`${c.sql}::text`),
    ", ",
  )} FROM (${rows} OFFSET 0) r`;
}

const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;
/** Bytes that make csvCell quote a cell wherever they are: quote, comma, CR, LF */
const QUOTED = new Uint8Array(256).map((_, byte) => Number(byte === 0x22 || byte === COMMA || byte === CR || byte === LF));
/** Bytes a cell may start with and csvCell still write it as it is: not whitespace, not a formula start, not the start of a non-ASCII character (which may be whitespace) */
const PLAIN_FIRST = new Uint8Array(256).map((_, byte) => Number(byte > 0x20 && byte < 0x80 && !"=+-@".includes(String.fromCharCode(byte))));
/** ...and end with: not whitespace, not the end of a non-ASCII character */
const PLAIN_LAST = new Uint8Array(256).map((_, byte) => Number(byte > 0x20 && byte < 0x80));

/**
 * Writes each row of a binary COPY of csvColumnsQuery as csvRow writes it, byte for byte: a cell
 * that csvCell would leave as it is (most) is copied from the COPY's bytes; any other is decoded
 * and written by csvCell itself. Numbers are written as they are, as csvCell writes a number.
 */
export class CsvCopyWriter implements CopyRowWriter {
  private out = Buffer.allocUnsafe(64 * 1024);
  private at = 0;
  private readonly numbers: boolean[];

  constructor(columns: readonly Pick<CopyColumn<unknown>, "number">[]) {
    this.numbers = columns.map((c) => c.number === true);
  }

  row(bytes: Buffer, starts: Int32Array, lengths: Int32Array): void {
    const fields = starts.length;
    let room = fields + 2;
    for (let field = 0; field < fields; field++) if (lengths[field]! > 0) room += lengths[field]!;
    this.room(room);
    let out = this.out;
    let at = this.at;
    for (let field = 0; field < fields; field++) {
      if (field > 0) out[at++] = COMMA;
      const length = lengths[field]!;
      if (length <= 0) continue;
      const start = starts[field]!;
      const end = start + length;
      if (this.numbers[field]) {
        for (let i = start; i < end; i++) out[at++] = bytes[i]!;
        continue;
      }
      const cellAt = at;
      // Copied as it is read, until a byte shows that csvCell must write it
      let plain = (PLAIN_FIRST[bytes[start]!]! & PLAIN_LAST[bytes[end - 1]!]!) === 1;
      for (let i = start; plain && i < end; i++) {
        const byte = bytes[i]!;
        if (QUOTED[byte]) plain = false;
        else out[at++] = byte;
      }
      if (plain) continue;
      this.at = cellAt;
      this.careful(bytes, start, end);
      // csvCell may have written past the room asked for the row, or into a larger buffer
      this.room(room);
      out = this.out;
      at = this.at;
    }
    out[at++] = CR;
    out[at++] = LF;
    this.at = at;
  }

  take(): Uint8Array {
    const written = Buffer.from(this.out.subarray(0, this.at));
    this.at = 0;
    return written;
  }

  private careful(bytes: Buffer, start: number, end: number): void {
    const cell = csvCell(bytes.toString("utf8", start, end));
    this.room(Buffer.byteLength(cell));
    this.at += this.out.write(cell, this.at);
  }

  /** Makes room for `bytes` more bytes after what the chunk has so far. */
  private room(bytes: number): void {
    if (this.at + bytes <= this.out.length) return;
    const larger = Buffer.allocUnsafe(Math.max(this.out.length * 2, this.at + bytes));
    this.out.copy(larger, 0, 0, this.at);
    this.out = larger;
  }
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
