// Spend over £25k of a payer: its own payments, those of the bodies below it and of the bodies it
// succeeded (the same walk as a notice's buyer), by date, paged, as JSON or a download.
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { cursorBatches, type ExportSource } from "@/lib/db/pool";
import { queryRows } from "@/lib/db/query";
import { join, raw, sql, type Sql } from "@/lib/db/sql";
import { exportResponse, type ExportColumn, type ExportFormat } from "@/lib/export";
import { PAGED_TABLE_SIZES } from "@/lib/paging";
import { offsetPagingSchema, sortParam, type PagedTable, type TableSlice } from "@/lib/tables/server";
import { organisationCode } from "@/lib/organisations/read";
import { buyerScopeCte, publishedRelation, scopedRows } from "./scope";
import { dayParam, optional } from "./notices";
import type { BuyerRelation } from "./vocabulary";

export const SPEND_SORTS = ["-date", "date"] as const;
export type SpendSort = (typeof SPEND_SORTS)[number];

export const spendFilterSchema = z
  .object({
    payer: z.string({ message: "payer is required: an organisation code, e.g. QSL" }).pipe(organisationCode("payer must be an organisation code")),
    from: dayParam("from"),
    to: dayParam("to"),
    supplier: optional(z.string().trim().max(100, "supplier has at most 100 characters")).transform((v) => (v ? v : undefined)),
    sort: optional(sortParam(SPEND_SORTS)),
  })
  .superRefine((f, ctx) => {
    if (f.from && f.to && f.from > f.to) ctx.addIssue({ code: "custom", path: ["to"], message: "to must be on or after from" });
  });
export type SpendFilters = z.output<typeof spendFilterSchema>;

export type SpendRow = { id: string; payer_name: string; payer_code: string | null; relation: BuyerRelation; payment_date: string; supplier_name: string; amount: string; source: string };

/** The statement for a payer's lines, optionally one window of them; an unknown payer is a 400 naming it. */
async function compileSpend(db: PrismaClient, f: SpendFilters): Promise<(window?: { limit: number; offset: number }) => Sql> {
  if (!(await db.organisation.findUnique({ where: { code: f.payer }, select: { id: true } }))) {
    throw new AppError("invalid", `payer: no organisation has the code ${f.payer}.`, { payer: ["Unknown code"] });
  }
  const conditions: Sql[] = [];
  if (f.from) conditions.push(sql`s.payment_date >= ${f.from}::date`);
  if (f.to) conditions.push(sql`s.payment_date <= ${f.to}::date`);
  if (f.supplier) conditions.push(sql`s.supplier_name ILIKE ${`%${f.supplier.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  const dir = (f.sort ?? "-date") === "date" ? "ASC" : "DESC";
  return (window) => sql`WITH RECURSIVE ${buyerScopeCte(f.payer)}
    SELECT s.id::text AS id, s.payer_name, s.payer_code, ${publishedRelation("scope", sql`s.payment_date`)} AS relation,
      to_char(s.payment_date, 'YYYY-MM-DD') AS payment_date, s.supplier_name, s.amount::text AS amount, s.source
    FROM ${scopedRows("spend_line", "s")}
    ${conditions.length ? sql`WHERE ${join(conditions, " AND ")}` : sql``}
    ${raw(`ORDER BY s.payment_date ${dir}, s.id ${dir}`)}${window ? sql` LIMIT ${window.limit} OFFSET ${window.offset}` : sql``}`;
}

/** A payer's spend lines, one page at a time, with the count of all of them. */
async function searchSpend(db: PrismaClient, _scope: null, filters: SpendFilters, window: { limit: number; offset: number }): Promise<TableSlice<SpendRow>> {
  const statement = await compileSpend(db, filters);
  const [rows, [count]] = await Promise.all([
    queryRows<SpendRow>(db, statement(window)),
    queryRows<{ total: number }>(db, sql`SELECT count(*)::int AS total FROM (${statement()}) lines`),
  ]);
  const total = count?.total ?? 0;
  const next = window.offset + rows.length;
  return { rows, total, totalExact: true, nextOffset: next < total ? next : null };
}

/** GET /api/v1/spend: a payer's spend over £25k, paged by offset. */
export const spendTable: PagedTable<SpendRow, SpendFilters, SpendSort, null> = {
  params: spendFilterSchema,
  sorts: SPEND_SORTS,
  sort: (f) => f.sort ?? "-date",
  sizes: PAGED_TABLE_SIZES,
  api: "offset",
  passive: ["format", "bom"],
  query: searchSpend,
};

export const spendPageSchema = offsetPagingSchema(spendTable.sizes);

export const SPEND_EXPORT_COLUMNS: ExportColumn<SpendRow>[] = [
  { header: "payer_name", type: "text", value: (r) => r.payer_name },
  { header: "payer_code", type: "text", value: (r) => r.payer_code },
  { header: "relation", type: "text", value: (r) => r.relation },
  { header: "payment_date", type: "date", value: (r) => r.payment_date },
  { header: "supplier_name", type: "text", value: (r) => r.supplier_name },
  { header: "amount", type: "money", value: (r) => r.amount },
  { header: "source", type: "text", value: (r) => r.source },
];

export async function exportSpend(db: PrismaClient, source: ExportSource, filters: SpendFilters, format: ExportFormat, options: { bom?: boolean } = {}): Promise<Response> {
  const statement = await compileSpend(db, filters);
  return exportResponse(format, `spend ${filters.payer}`, SPEND_EXPORT_COLUMNS, await cursorBatches<SpendRow>(source, statement().build()), options);
}

export function spendToJson(row: SpendRow) {
  return { payer_name: row.payer_name, payer_code: row.payer_code, relation: row.relation, payment_date: row.payment_date, supplier_name: row.supplier_name, amount: Number(row.amount), source: row.source };
}
