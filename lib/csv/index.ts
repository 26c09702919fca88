// The one CSV writer: RFC 4180 quoting, CRLF line ends, optional UTF-8 byte-order mark for Excel,
// and spreadsheet formula injection neutralised.

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

/** `bom=1` or `bom=true` in a CSV request's query: start the file with a byte-order mark for Excel. */
export function wantsBom(params: URLSearchParams): boolean {
  const bom = params.get("bom");
  return bom === "1" || bom === "true";
}

export type CsvColumn<Row> = { header: string; value: (row: Row) => unknown };

/**
 * Streams rows as CSV: pulls the next batch only when the client has read the last one, so memory
 * stays flat however many rows there are, and a client that disconnects stops the query.
 */
export function csvStream<Row>(columns: CsvColumn<Row>[], batches: AsyncIterable<Row[]>, options: { bom?: boolean } = {}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = batches[Symbol.asyncIterator]();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode((options.bom ? BOM : "") + csvRow(columns.map((c) => c.header))));
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

/** `commissioning-atlas_icbs-in-the-east_2026-11-23.csv` */
export function csvFilename(name: string | null | undefined, date = new Date()): string {
  const slug = (name ?? "export")
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60) || "export";
  return `commissioning-atlas_${slug}_${date.toISOString().slice(0, 10)}.csv`;
}

export function csvHeaders(filename: string): HeadersInit {
  return {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${filename}"`,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  };
}
