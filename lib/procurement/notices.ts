// The contracts page's table: every procurement notice, filtered, searched, sorted and paged in
// PostgreSQL. The page, GET /api/v1/notices and its CSV and Excel export all run this code.
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { cursorBatches, type ExportSource } from "@/lib/db/pool";
import { queryRows, queryRowsWithSettings } from "@/lib/db/query";
import { join, raw, sql, type Sql } from "@/lib/db/sql";
import { exportResponse, type ExportColumn, type ExportFormat } from "@/lib/export";
import { PAGED_TABLE_SIZES } from "@/lib/paging";
import { cappedSlice, cursorPagingSchema, manyValues, sortParam, type PagedTable, type TableSlice } from "@/lib/tables/server";
import { organisationCode } from "@/lib/organisations/read";
import { NATIONS, type Nation, type OrganisationKind } from "@/lib/organisations/vocabulary";
import { contractEndsWithin, openForBids } from "@/lib/procurement/windows";
import { buyerScopeCte, publishedRelation, scopedRows } from "./scope";
import { NOTICE_STATUSES, type BuyerRelation, type NoticeStatus, type ProcurementSource } from "./vocabulary";

export const NOTICE_SORTS = ["relevance", "published", "-published", "value", "-value", "contract_end", "-contract_end", "deadline", "-deadline", "title", "-title"] as const;
export type NoticeSort = (typeof NOTICE_SORTS)[number];

/** Totals are exact up to this many notices and "more than" beyond, as in the explorer. */
export const NOTICE_COUNT_CAP = 10_000;

/** A form's empty field is no filter. */
export const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema.optional());
export const dayParam = (name: string) => optional(z.iso.date(`${name} must be a date YYYY-MM-DD`));
const pounds = (name: string) => optional(z.coerce.number({ message: `${name} must be a number of pounds` }).min(0, `${name} cannot be negative`));
const text = (name: string, max: number) => optional(z.string().trim().max(max, `${name} has at most ${max} characters`)).transform((v) => (v ? v : undefined));

function list<T extends readonly [string, ...string[]]>(values: T, name: string) {
  return manyValues.optional().transform((value) => value ?? []).pipe(z.array(z.enum(values, { message: `${name} must be one of: ${values.join(", ")}` })));
}

export const noticeFilterSchema = z
  .object({
    q: text("q", 200),
    buyer: optional(organisationCode("buyer must be an organisation code")),
    nation: list(NATIONS, "nation"),
    // A division ("85") or a full code, with or without its check digit ("85121000", "85121000-3")
    cpv: optional(z.string().trim().regex(/^(\d{2}|\d{8}(-\d)?)$/, "cpv must be a CPV division (2 digits, e.g. 85) or a full code (e.g. 85121000)")).transform((v) => v?.replace(/-\d$/, "")),
    supplier: text("supplier", 100),
    status: list(NOTICE_STATUSES, "status"),
    min_value: pounds("min_value"),
    max_value: pounds("max_value"),
    published_from: dayParam("published_from"),
    published_to: dayParam("published_to"),
    ends_within_months: optional(z.coerce.number({ message: "ends_within_months must be a number of months" }).int("ends_within_months must be a whole number").min(1, "ends_within_months must be at least 1").max(120, "ends_within_months must be at most 120")),
    open: optional(z.enum(["1", "true"], { message: "open must be 1 (open for bids), or left out" })),
    sort: optional(sortParam(NOTICE_SORTS)),
  })
  .superRefine((f, ctx) => {
    if (f.min_value !== undefined && f.max_value !== undefined && f.min_value > f.max_value) ctx.addIssue({ code: "custom", path: ["max_value"], message: "max_value must be at least min_value" });
    if (f.published_from && f.published_to && f.published_from > f.published_to) ctx.addIssue({ code: "custom", path: ["published_to"], message: "published_to must be on or after published_from" });
    if (f.sort === "relevance" && !f.q) ctx.addIssue({ code: "custom", path: ["sort"], message: "sort=relevance needs a search (q)" });
  });
export type NoticeFilters = z.output<typeof noticeFilterSchema>;

/** `today` decides "ends within N months" (UK date, from the caller so tests can fix it). */
export type NoticeScope = { today: string };

export type NoticeSupplier = { name: string; identifier: string | null };

export type NoticeRow = {
  id: number;
  ocid: string;
  title: string;
  buyer_name: string;
  buyer_code: string | null;
  buyer_body_name: string | null;
  buyer_kind: OrganisationKind | null;
  buyer_nation: Nation | null;
  buyer_match_method: string | null;
  /** Only with a buyer filter: how the notice's buyer relates to that body */
  relation: BuyerRelation | null;
  value_min: string | null;
  value_max: string | null;
  currency: string | null;
  status: NoticeStatus;
  published_at: string;
  tender_deadline: string | null;
  contract_start: string | null;
  contract_end: string | null;
  cpv_codes: string[];
  suppliers: NoticeSupplier[];
  source: ProcurementSource;
  url: string | null;
};

/** Newest first, with or without a search: ranking by relevance reads every match, so it is asked for (sort=relevance). */
export const effectiveNoticeSort = (f: NoticeFilters): NoticeSort => f.sort ?? "-published";

/**
 * `countInScan`: every match is read to be ranked (sort=relevance), so the page query counts them as it goes.
 * `byBuyerBody`: a filter reads the matched body (alias `b`); otherwise the body is joined only to show it.
 * `searchOnly`: the keywords are the only filter, so the matches are found in procurement_search (alias `s`) alone.
 */
type Compiled = { scope: Sql | null; where: Sql; relation: Sql; sort: NoticeSort; rank: Sql | null; countInScan: boolean; byBuyerBody: boolean; searchOnly: boolean };

const TIMESTAMP = (column: string) => raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`);
const DAY = (column: string) => raw(`to_char(${column}, 'YYYY-MM-DD')`);

/**
 * The SQL for one sort key and direction, with the notice id as tie-break so pages never repeat or skip a row.
 * `notice` is the alias of the table sorted: procurement_process, or procurement_search for its id and published date.
 */
function orderBy(sort: NoticeSort, rank: Sql | null, notice = "p"): Sql {
  const dir = sort.startsWith("-") ? "DESC" : "ASC";
  switch (sort.replace(/^-/, "")) {
    case "relevance":
      return sql`ORDER BY ${rank ?? sql`0`} DESC, ${raw(`${notice}.published_at DESC, ${notice}.id DESC`)}`;
    case "value":
      return raw(`ORDER BY coalesce(p.value_max, p.value_min) ${dir} NULLS LAST, p.id ${dir}`);
    case "contract_end":
      return raw(`ORDER BY p.contract_end ${dir} NULLS LAST, p.id ${dir}`);
    case "deadline":
      return raw(`ORDER BY p.tender_deadline ${dir} NULLS LAST, p.id ${dir}`);
    case "title":
      return raw(`ORDER BY lower(p.title) ${dir}, p.id ${dir}`);
    default:
      return raw(`ORDER BY ${notice}.published_at ${dir}, ${notice}.id ${dir}`);
  }
}

/** Turns validated filters into SQL; an unknown buyer code is a 400 naming it. */
export async function compileNoticeFilters(db: PrismaClient, scope: NoticeScope, f: NoticeFilters): Promise<Compiled> {
  const conditions: Sql[] = [];
  let buyerScope: Sql | null = null;
  if (f.buyer) {
    const found = await db.organisation.findUnique({ where: { code: f.buyer }, select: { id: true } });
    if (!found) throw new AppError("invalid", `buyer: no organisation has the code ${f.buyer}.`, { buyer: ["Unknown code"] });
    buyerScope = buyerScopeCte(f.buyer);
  }
  let rank: Sql | null = null;
  if (f.q) {
    const query = sql`websearch_to_tsquery('english', ${f.q})`;
    conditions.push(sql`s.search_vector @@ ${query}`);
    rank = sql`ts_rank(s.search_vector, ${query})`;
  }
  if (f.nation.length) conditions.push(sql`b.nation = ANY(${f.nation}::text[])`);
  if (f.cpv) conditions.push(f.cpv.length === 2 ? sql`cpv_divisions(p.cpv_codes) @> ARRAY[${f.cpv}]::text[]` : sql`p.cpv_codes @> ARRAY[${f.cpv}]::text[]`);
  if (f.supplier) conditions.push(sql`supplier_search_text(p.supplier_names) LIKE ${`%${f.supplier.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (f.status.length) conditions.push(sql`p.status = ANY(${f.status}::text[])`);
  if (f.min_value !== undefined) conditions.push(sql`coalesce(p.value_max, p.value_min) >= ${f.min_value}`);
  if (f.max_value !== undefined) conditions.push(sql`coalesce(p.value_max, p.value_min) <= ${f.max_value}`);
  // Published dates are whole UK days: published_to includes the whole of that day
  if (f.published_from) conditions.push(sql`p.published_at >= ${f.published_from}::date`);
  if (f.published_to) conditions.push(sql`p.published_at < ${f.published_to}::date + 1`);
  // From today to the same day N months on, both included (31 Jan + 1 month is 28 or 29 Feb, as PostgreSQL adds months)
  // The windows the profile, the explorer and the dashboard count with, so their links show the same notices
  if (f.ends_within_months !== undefined) conditions.push(contractEndsWithin("p", f.ends_within_months, scope.today));
  if (f.open) conditions.push(openForBids("p", new Date()));
  return {
    scope: buyerScope,
    where: conditions.length ? sql`WHERE ${join(conditions, " AND ")}` : sql``,
    relation: buyerScope ? publishedRelation("scope", sql`p.published_at`) : sql`NULL::text`,
    sort: effectiveNoticeSort(f),
    rank,
    countInScan: effectiveNoticeSort(f) === "relevance",
    byBuyerBody: f.nation.length > 0,
    searchOnly: f.q !== undefined && conditions.length === 1 && !buyerScope,
  };
}

const ROW_COLUMNS = sql`p.id, p.ocid, p.title, p.buyer_name, p.buyer_code, b.name AS buyer_body_name, b.kind AS buyer_kind, b.nation AS buyer_nation,
    p.buyer_match_method, p.value_min::text AS value_min, p.value_max::text AS value_max, p.currency, p.status,
    ${TIMESTAMP("p.published_at")} AS published_at, ${TIMESTAMP("p.tender_deadline")} AS tender_deadline,
    ${DAY("p.contract_start")} AS contract_start, ${DAY("p.contract_end")} AS contract_end, p.cpv_codes, p.suppliers, p.source, p.url`;

/** The matches; `counting` when the rows' own columns are not needed (the count, a page's ids). */
function fromClause(compiled: Compiled, counting = false): Sql {
  const notices = compiled.scope ? scopedRows("procurement_process", "p") : sql`procurement_process p`;
  const search = compiled.rank ? sql`JOIN procurement_search s ON s.id = p.id` : sql``;
  // Even a join PostgreSQL removes as unused keeps buyer_code among the columns read, which ruled out
  // index-only scans: the capped count of "ends within 12 months" read 75,000 rows instead of 10,001 index entries
  const body = compiled.byBuyerBody || !counting ? sql`LEFT JOIN organisation b ON b.code = p.buyer_code` : sql``;
  return sql`FROM ${notices} ${search} ${body} ${compiled.where}`;
}

/** The matches of a keyword-only search, from procurement_search alone (no wide row is read). */
const searchFrom = (compiled: Compiled) => sql`FROM procurement_search s ${compiled.where}`;

const withScope = (compiled: Compiled) => (compiled.scope ? sql`WITH RECURSIVE ${compiled.scope} ` : sql``);

/** Every matching notice in order, without paging: the export streams it through a cursor. */
export function noticeRowsQuery(compiled: Compiled): Sql {
  return sql`${withScope(compiled)}SELECT ${ROW_COLUMNS}, ${compiled.relation} AS relation ${fromClause(compiled)} ${orderBy(compiled.sort, compiled.rank)}`;
}

/** A keyword-only search sorted by relevance or published date: its page is picked from procurement_search alone. */
const pagedInSearch = (compiled: Compiled) => compiled.searchOnly && ["relevance", "published", "-published"].includes(compiled.sort);

/**
 * One window of notices, with `total` when the matches are counted in the same scan. The window is
 * picked from narrow rows (the id, the relation and the sort keys) and only its rows are read in
 * full: sorting thousands of matches with their text and JSON made a keyword search twice as slow.
 */
export function noticePageQuery(compiled: Compiled, window: { limit: number; offset: number }): Sql {
  const total = compiled.countInScan ? sql`, count(*) OVER ()::int AS total` : sql``;
  const rank = compiled.rank && compiled.sort === "relevance" ? sql`, ${compiled.rank} AS rank` : sql``;
  const narrow = pagedInSearch(compiled);
  const picked = narrow ? sql`s.id` : sql`p.id`;
  const inner = orderBy(compiled.sort, compiled.rank, narrow ? "s" : "p");
  return sql`${withScope(compiled)}SELECT ${ROW_COLUMNS}, page.relation${compiled.countInScan ? sql`, page.total` : sql``}
    FROM (SELECT ${picked} AS id, ${compiled.relation} AS relation${rank}${total} ${narrow ? searchFrom(compiled) : fromClause(compiled, true)} ${inner} LIMIT ${window.limit} OFFSET ${window.offset}) page
    JOIN procurement_process p ON p.id = page.id LEFT JOIN organisation b ON b.code = p.buyer_code
    ${orderBy(compiled.sort, sql`page.rank`)}`;
}

/** The ids among `ids` that match the filters (alerts: which new notices a followed contracts view matches). */
export function noticeIdsAmongQuery(compiled: Compiled, ids: number[]): Sql {
  const among = sql`p.id = ANY(${ids}::int[])`;
  const where = compiled.where.strings.join("").trim() === "" ? sql`WHERE ${among}` : sql`${compiled.where} AND ${among}`;
  return sql`${withScope(compiled)}SELECT p.id ${fromClause({ ...compiled, where }, true)}`;
}

/** The matches counted up to one past NOTICE_COUNT_CAP. */
export function noticeCountQuery(compiled: Compiled): Sql {
  // With PostgreSQL's estimate of the search table's rows, for choosing a keyword page's plan
  return sql`${withScope(compiled)}SELECT count(*)::int AS total, (SELECT greatest(reltuples, 0)::float8 FROM pg_class WHERE oid = 'procurement_search'::regclass) AS rows
    FROM (SELECT 1 ${compiled.searchOnly ? searchFrom(compiled) : fromClause(compiled, true)} LIMIT ${NOTICE_COUNT_CAP + 1}) matching`;
}

export type NoticeCount = { total: number; rows: number };

/** Whether the capped count is taken before the page, to choose the page's plan (noticePageSettings). */
export const countsBeforePage = (compiled: Compiled) => pagedInSearch(compiled) && compiled.sort !== "relevance";

/**
 * The session settings for a page, given the capped count when countsBeforePage. For a common word, walking
 * procurement_search's (published_at, id) index and checking each entry against the keywords fills a page
 * after a few rows (0.1 ms for "services", 549,000 of 2 million notices), but PostgreSQL's estimate of a
 * tsquery's matches is rough and it often takes a bitmap scan of the GIN index and sorts every match
 * instead (80-240 ms). With few matches that bitmap plan is the right one: the walk would read most of the index.
 */
export function noticePageSettings(compiled: Compiled, counted: NoticeCount | undefined, window: { limit: number; offset: number }): string[] {
  if (!countsBeforePage(compiled) || !counted || counted.total === 0) return [];
  // The walk reads about window × rows / matches entries before its page is full; the bitmap plan reads
  // every match. Walk when that is fewer (beyond the count's cap, matches are at least the cap)
  const walked = ((window.limit + window.offset) * counted.rows) / counted.total;
  return walked < counted.total ? ["SET LOCAL enable_bitmapscan = off"] : [];
}

/** One page of notices with their total (NOTICE_COUNT_CAP, and totalExact false, when more match). */
/**
 * A keyword-only page by published date with its capped count, from one scan of the matches: up to
 * NOTICE_COUNT_CAP + 1 of them are read once, counted, and the page sorted from them. When they are all
 * there (at most the cap), that page is the answer; beyond the cap the caller walks the published
 * index instead (noticePageSettings), since a subset of the matches does not hold the newest ones.
 */
export function keywordPageWithCount(compiled: Compiled, window: { limit: number; offset: number }): Sql {
  return sql`WITH matching AS MATERIALIZED (SELECT s.id, s.published_at ${searchFrom(compiled)} LIMIT ${NOTICE_COUNT_CAP + 1}),
      page AS (SELECT m.id, m.published_at FROM matching m ${orderBy(compiled.sort, null, "m")} LIMIT ${window.limit} OFFSET ${window.offset})
    SELECT ${ROW_COLUMNS}, NULL::text AS relation, (SELECT count(*)::int FROM matching) AS total,
      (SELECT greatest(reltuples, 0)::float8 FROM pg_class WHERE oid = 'procurement_search'::regclass) AS search_rows
    FROM page JOIN procurement_process p ON p.id = page.id LEFT JOIN organisation b ON b.code = p.buyer_code
    ${orderBy(compiled.sort, null)}`;
}

/** One page of notices with their total (NOTICE_COUNT_CAP, and totalExact false, when more match). */
export async function searchNotices(db: PrismaClient, scope: NoticeScope, filters: NoticeFilters, page: { limit: number; offset: number }): Promise<TableSlice<NoticeRow>> {
  const compiled = await compileNoticeFilters(db, scope, filters);
  const counting = async () => (await queryRows<NoticeCount>(db, noticeCountQuery(compiled)))[0] ?? { total: 0, rows: 0 };
  const count = async () => (await counting()).total;
  const window = { limit: page.limit + 1, offset: page.offset };
  type Fetched = NoticeRow & { total?: number; search_rows?: number };
  const finish = (rows: Fetched[], known: number | undefined) => {
    for (const row of rows) {
      delete row.total;
      delete row.search_rows;
    }
    return cappedSlice(rows, page, NOTICE_COUNT_CAP, count, known);
  };
  let counted: NoticeCount | undefined;
  if (countsBeforePage(compiled)) {
    const first = await queryRows<Fetched>(db, keywordPageWithCount(compiled, window));
    const total = first[0]?.total;
    if (total !== undefined && total <= NOTICE_COUNT_CAP) return finish(first, total);
    // More than the cap (or a page past the end, which says nothing of the count)
    counted = total === undefined ? await counting() : { total, rows: first[0]!.search_rows ?? 0 };
    if (counted.total <= NOTICE_COUNT_CAP) return finish(first, counted.total);
  }
  const settings = noticePageSettings(compiled, counted, window);
  const statement = noticePageQuery(compiled, window);
  const fetched = settings.length ? await queryRowsWithSettings<Fetched>(db, settings, statement) : await queryRows<Fetched>(db, statement);
  return finish(fetched, counted?.total ?? fetched[0]?.total);
}

/** The contracts page's table, and GET /api/v1/notices. */
export const noticesTable: PagedTable<NoticeRow, NoticeFilters, NoticeSort, NoticeScope> = {
  params: noticeFilterSchema,
  sorts: NOTICE_SORTS,
  sort: effectiveNoticeSort,
  sizes: PAGED_TABLE_SIZES,
  api: "cursor",
  // The export's link is the page's own query with these added
  passive: ["format", "bom", "columns", "view"],
  query: searchNotices,
};

/** The API's `limit` and `cursor` (the OpenAPI document reads it). */
export const noticesPageSchema = cursorPagingSchema(noticesTable.sizes);

/** The columns of the notices export, CSV and Excel alike. */
export const NOTICE_EXPORT_COLUMNS: ExportColumn<NoticeRow>[] = [
  { header: "id", type: "integer", value: (r) => r.id },
  { header: "ocid", type: "text", value: (r) => r.ocid },
  { header: "title", type: "text", value: (r) => r.title },
  { header: "buyer_name", type: "text", value: (r) => r.buyer_name },
  { header: "buyer_code", type: "text", value: (r) => r.buyer_code },
  { header: "buyer_body_name", type: "text", value: (r) => r.buyer_body_name },
  { header: "relation", type: "text", value: (r) => r.relation },
  { header: "status", type: "text", value: (r) => r.status },
  { header: "value_min", type: "money", value: (r) => r.value_min },
  { header: "value_max", type: "money", value: (r) => r.value_max },
  { header: "currency", type: "text", value: (r) => r.currency },
  { header: "published_at", type: "timestamp", value: (r) => r.published_at },
  { header: "tender_deadline", type: "timestamp", value: (r) => r.tender_deadline },
  { header: "contract_start", type: "date", value: (r) => r.contract_start },
  { header: "contract_end", type: "date", value: (r) => r.contract_end },
  { header: "cpv_codes", type: "text", value: (r) => r.cpv_codes.join(";") },
  { header: "suppliers", type: "text", value: (r) => r.suppliers.map((s) => s.name).join(";") },
  { header: "source", type: "text", value: (r) => r.source },
  { header: "url", type: "text", value: (r) => r.url },
];

/** Every notice matching the filters as a download, streamed from a server-side cursor in batches. */
export async function exportNotices(db: PrismaClient, source: ExportSource, scope: NoticeScope, filters: NoticeFilters, format: ExportFormat, options: { name?: string | null; bom?: boolean } = {}): Promise<Response> {
  // Compiling first turns an unknown buyer into a 400 before any byte is sent
  const compiled = await compileNoticeFilters(db, scope, filters);
  return exportResponse(format, options.name ?? "notices", NOTICE_EXPORT_COLUMNS, await cursorBatches<NoticeRow>(source, noticeRowsQuery(compiled).build()), options);
}

const money = (value: string | null) => (value === null ? null : Number(value));

/** The JSON shape of a notice in the API. */
export function noticeToJson(row: NoticeRow) {
  return {
    id: row.id,
    ocid: row.ocid,
    title: row.title,
    buyer_name: row.buyer_name,
    buyer_code: row.buyer_code,
    buyer: row.buyer_code && row.buyer_body_name && row.buyer_kind ? { code: row.buyer_code, name: row.buyer_body_name, kind: row.buyer_kind } : null,
    ...(row.relation ? { relation: row.relation } : {}),
    value: { min: money(row.value_min), max: money(row.value_max), currency: row.currency },
    status: row.status,
    published_at: row.published_at,
    tender_deadline: row.tender_deadline,
    contract_start: row.contract_start,
    contract_end: row.contract_end,
    cpv_codes: row.cpv_codes,
    suppliers: row.suppliers,
    source: row.source,
    url: row.url,
  };
}
