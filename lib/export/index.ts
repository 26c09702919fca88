// Every export, as Excel (.xlsx, for people: typed cells, no formulas) or CSV (for integrations):
// the format a request asks for, the filename and the response, written by lib/xlsx or lib/csv from
// the same columns and the same batches.
import { z } from "zod";
import { csvColumnsQuery, CsvCopyWriter, csvHeader, csvStream } from "@/lib/csv";
import { copyRows } from "@/lib/db/copy";
import { cursorBatches, type ExportSource } from "@/lib/db/pool";
import type { Sql } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";
import { XLSX_MEDIA_TYPE, xlsxStream } from "@/lib/xlsx";
import type { CopyColumn, ExportColumn } from "./columns";

export { fieldColumn, type ColumnType, type CopyColumn, type ExportColumn } from "./columns";

export const EXPORT_FORMATS = ["xlsx", "csv"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const exportFormatSchema = z.enum(EXPORT_FORMATS, { message: "format must be xlsx or csv" });

const MEDIA_TYPES: Record<ExportFormat, string> = { xlsx: XLSX_MEDIA_TYPE, csv: "text/csv; charset=utf-8" };

/**
 * The format a request asks for: its `format` parameter (anything but xlsx or csv is a 400), else
 * its Accept header, else null (the caller's default).
 */
export function requestedFormat(params: URLSearchParams, accept: string | null = null): ExportFormat | null {
  const format = params.get("format");
  if (format !== null) {
    const parsed = exportFormatSchema.safeParse(format);
    if (!parsed.success) throw new AppError("invalid", `Unknown format "${format.slice(0, 20)}": use xlsx or csv.`, { format: [parsed.error.issues[0]!.message] });
    return parsed.data;
  }
  if (accept?.includes(XLSX_MEDIA_TYPE)) return "xlsx";
  if (accept?.includes("text/csv")) return "csv";
  return null;
}

/** `commissioning-atlas_icbs-in-the-east_2026-11-23.xlsx` */
export function exportFilename(name: string | null | undefined, format: ExportFormat, date = new Date()): string {
  const slug =
    (name ?? "export")
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "export";
  return `commissioning-atlas_${slug}_${date.toISOString().slice(0, 10)}.${format}`;
}

/**
 * The download of `batches` in `format`, named after `name`; `bom` applies to CSV only (a
 * workbook's text is UTF-8 by definition).
 */
export function exportResponse<Row>(format: ExportFormat, name: string | null | undefined, columns: ExportColumn<Row>[], batches: AsyncIterable<Row[]>, options: { bom?: boolean } = {}): Response {
  return downloadResponse(format, name, format === "xlsx" ? xlsxStream(columns, batches, { sheetName: name ?? undefined }) : csvStream(columns, batches, options));
}

/**
 * The download of every row of `query` in `format`, through one of the team's export slots: CSV
 * from PostgreSQL's COPY of the columns, written by CsvCopyWriter (the same bytes csvStream writes,
 * at the speed of COPY), Excel from a cursor. `setup` runs first in the export's transaction.
 */
export async function streamExport<Row>(format: ExportFormat, name: string | null | undefined, columns: CopyColumn<Row>[], source: ExportSource, query: Sql, options: { bom?: boolean; setup?: string[] } = {}): Promise<Response> {
  if (format === "xlsx") return exportResponse(format, name, columns, await cursorBatches<Row>(source, query.build(), { setup: options.setup }), options);
  const header = new TextEncoder().encode(csvHeader(columns, options));
  return downloadResponse(format, name, await copyRows(source, csvColumnsQuery(columns, query), columns.length, new CsvCopyWriter(columns), { setup: options.setup, prefix: header }));
}

function downloadResponse(format: ExportFormat, name: string | null | undefined, stream: ReadableStream<Uint8Array>): Response {
  return new Response(stream, {
    headers: {
      "Content-Type": MEDIA_TYPES[format],
      "Content-Disposition": `attachment; filename="${exportFilename(name, format)}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
