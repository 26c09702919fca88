// A body's procurement, for its profile and GET /api/v1/organisations/{code}/procurement: open
// tenders, contracts ending in the next 18 months, top suppliers by awarded value, notices per
// quarter and spend over £25k. Each part is one statement over the body's scope (buyerScopeCte:
// the body, the bodies below it and its predecessors), and the parts run in parallel. Every row
// carries its relation to the body, so a notice of a predecessor or of a body below says so.
import { queryRows, type Queryable } from "@/lib/db/query";
import { sql, type Sql } from "@/lib/db/sql";
import { todayIso } from "@/lib/format";
import { coverageToJson, readCoverage, type ProcurementCoverage } from "@/lib/procurement/coverage";
import { buyerScopeCte, publishedRelation, scopedRows } from "@/lib/procurement/scope";
import type { BuyerRelation, NoticeStatus, ProcurementSource } from "@/lib/procurement/vocabulary";
import { contractEndsWithin, openForBids } from "@/lib/procurement/windows";

/** The profile's window for contracts ending, in months. */
export const ENDING_WITHIN_MONTHS = 18;
/** Each list shows this many rows; the rest are a link to /contracts filtered to the body. */
export const PROFILE_LIST_SIZE = 10;

export type ProfileNotice = {
  /** The notice's page is /contracts/{id} */
  id: number; ocid: string; title: string;
  /** As published, and the body it matched */
  buyerName: string; buyerCode: string;
  relation: BuyerRelation;
  status: NoticeStatus;
  /** As published: a range where they differ */
  valueMin: number | null; valueMax: number | null; currency: string | null;
  /** YYYY-MM-DD */
  publishedAt: string;
  /** ISO timestamp, UTC */
  tenderDeadline: string | null;
  /** YYYY-MM-DD */
  contractEnd: string | null;
  source: ProcurementSource;
  url: string | null;
};

/** The first rows of a list, and how many there are in all. */
export type BoundedList<Row> = { total: number; rows: Row[] };

export type SupplierTotal = {
  name: string;
  identifier: string | null;
  /** Awarded processes naming it */
  awards: number;
  /** Of those, how many give no value */
  unpriced: number;
  /** Sums of the processes' published values: the low and high ends where a range was published */
  valueMin: number;
  valueMax: number;
  relations: BuyerRelation[];
};

export type QuarterCount = { quarter: string; label: string; total: number } & Record<BuyerRelation, number>;

export type SpendSupplier = { name: string; lines: number; amount: number; relations: BuyerRelation[] };
export type SpendMonth = { month: string; lines: number; amount: number } & Record<BuyerRelation, number>;
export type ScopeSpend = {
  lines: number;
  amount: number;
  from: string | null;
  to: string | null;
  bySupplier: BoundedList<SpendSupplier>;
  byMonth: SpendMonth[];
};

export type ProcurementProfile = {
  code: string;
  /** Notices in the scope, all statuses and dates */
  notices: number;
  openTenders: BoundedList<ProfileNotice>;
  endingSoon: BoundedList<ProfileNotice> & { months: number };
  topSuppliers: BoundedList<SupplierTotal>;
  noticesPerQuarter: QuarterCount[];
  spend: ScopeSpend;
  coverage: ProcurementCoverage;
};

type Options = { now?: Date; today?: string };

/** The body's notices with their relation to it, under the alias `p`, for one statement. */
function scopedNotices(code: string): Sql {
  return sql`${buyerScopeCte(code)}, scoped AS (
      SELECT p.id, p.ocid, p.title, p.buyer_name, p.buyer_code, p.status, p.value_min, p.value_max, p.currency, p.published_at,
             p.tender_deadline, p.contract_end, p.source, p.url, p.suppliers, ${publishedRelation("scope", sql`p.published_at`)} AS relation
      FROM ${scopedRows("procurement_process", "p")}
    )`;
}

const NOTICE_COLUMNS = sql`p.id, p.ocid, p.title, p.buyer_name AS "buyerName", p.buyer_code AS "buyerCode", p.relation, p.status,
    p.value_min::float8 AS "valueMin", p.value_max::float8 AS "valueMax", p.currency, to_char(p.published_at, 'YYYY-MM-DD') AS "publishedAt",
    to_char(p.tender_deadline, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "tenderDeadline", to_char(p.contract_end, 'YYYY-MM-DD') AS "contractEnd", p.source, p.url,
    count(*) OVER ()::int AS total`;

/** The rows of a statement that counted them all in `total` (a window count) before its LIMIT. */
function bounded<Row extends object>(rows: (Row & { total?: number })[]): BoundedList<Row> {
  const total = rows[0]?.total ?? 0;
  for (const row of rows) delete row.total;
  return { total, rows };
}

async function boundedNotices(db: Queryable, code: string, where: Sql, order: Sql): Promise<BoundedList<ProfileNotice>> {
  return bounded(await queryRows<ProfileNotice & { total?: number }>(db, sql`
    WITH RECURSIVE ${scopedNotices(code)}
    SELECT ${NOTICE_COLUMNS} FROM scoped p WHERE ${where} ORDER BY ${order} LIMIT ${PROFILE_LIST_SIZE}`));
}

/** Suppliers by the summed value of the awarded processes naming them (GBP; a framework's value counts for each of its suppliers). */
async function topSuppliers(db: Queryable, code: string): Promise<BoundedList<SupplierTotal>> {
  return bounded(await queryRows<SupplierTotal & { total?: number }>(db, sql`
    WITH RECURSIVE ${scopedNotices(code)}, awarded AS (
      SELECT DISTINCT ON (p.id, lower(btrim(s->>'name'))) p.id, lower(btrim(s->>'name')) AS key, btrim(s->>'name') AS name,
             nullif(btrim(s->>'identifier'), '') AS identifier, p.value_min, p.value_max, p.relation
      FROM scoped p CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(p.suppliers) = 'array' THEN p.suppliers ELSE '[]' END) s
      WHERE p.status = 'awarded' AND coalesce(p.currency, 'GBP') = 'GBP' AND coalesce(btrim(s->>'name'), '') <> ''
    )
    SELECT min(name) AS name, min(identifier) AS identifier, count(*)::int AS awards,
           count(*) FILTER (WHERE value_min IS NULL AND value_max IS NULL)::int AS unpriced,
           coalesce(sum(coalesce(value_min, value_max)), 0)::float8 AS "valueMin", coalesce(sum(coalesce(value_max, value_min)), 0)::float8 AS "valueMax",
           array_agg(DISTINCT relation ORDER BY relation) AS relations, count(*) OVER ()::int AS total
    FROM awarded GROUP BY key
    ORDER BY "valueMax" DESC, awards DESC, name LIMIT ${PROFILE_LIST_SIZE}`));
}

/** The scope's notices per calendar quarter of publication, over every quarter the data reaches (zeros included, for the chart). */
async function noticesPerQuarter(db: Queryable, code: string): Promise<QuarterCount[]> {
  return queryRows<QuarterCount>(db, sql`
    WITH RECURSIVE ${scopedNotices(code)}, reach AS (
      SELECT date_trunc('quarter', min(published_at)) AS first, date_trunc('quarter', max(published_at)) AS last FROM procurement_process
    ), per_quarter AS (
      SELECT date_trunc('quarter', p.published_at) AS quarter,
             count(*) FILTER (WHERE p.relation = 'self')::int AS self, count(*) FILTER (WHERE p.relation = 'below')::int AS below,
             count(*) FILTER (WHERE p.relation = 'predecessor')::int AS predecessor, count(*)::int AS total
      FROM scoped p GROUP BY 1
    )
    SELECT to_char(q, 'YYYY-"Q"Q') AS quarter, to_char(q, '"Q"Q YYYY') AS label,
           coalesce(c.self, 0) AS self, coalesce(c.below, 0) AS below, coalesce(c.predecessor, 0) AS predecessor, coalesce(c.total, 0) AS total
    FROM reach CROSS JOIN generate_series(reach.first, reach.last, interval '3 months') q LEFT JOIN per_quarter c ON c.quarter = q
    ORDER BY q`);
}

/** The scope's payments: its spend lines with their relation, under the alias `sl`. */
function scopedSpend(code: string): Sql {
  return sql`${buyerScopeCte(code)}, spend AS (
      SELECT sl.payment_date, upper(btrim(sl.supplier_name)) AS supplier, sl.amount, ${publishedRelation("scope", sql`sl.payment_date`)} AS relation
      FROM ${scopedRows("spend_line", "sl")}
    )`;
}

async function scopeSpend(db: Queryable, code: string): Promise<ScopeSpend> {
  const [suppliers, months] = await Promise.all([
    queryRows<SpendSupplier & { total?: number }>(db, sql`
      WITH RECURSIVE ${scopedSpend(code)}
      SELECT supplier AS name, count(*)::int AS lines, sum(amount)::float8 AS amount, array_agg(DISTINCT relation ORDER BY relation) AS relations, count(*) OVER ()::int AS total
      FROM spend GROUP BY supplier ORDER BY sum(amount) DESC, supplier LIMIT ${PROFILE_LIST_SIZE}`),
    queryRows<SpendMonth & { from?: string; to?: string }>(db, sql`
      WITH RECURSIVE ${scopedSpend(code)}, per_month AS (
        SELECT date_trunc('month', payment_date) AS month, count(*)::int AS lines, sum(amount)::float8 AS amount,
               coalesce(sum(amount) FILTER (WHERE relation = 'self'), 0)::float8 AS self, coalesce(sum(amount) FILTER (WHERE relation = 'below'), 0)::float8 AS below,
               coalesce(sum(amount) FILTER (WHERE relation = 'predecessor'), 0)::float8 AS predecessor
        FROM spend GROUP BY 1
      ), reach AS (SELECT min(payment_date) AS first, max(payment_date) AS last FROM spend)
      SELECT to_char(m, 'YYYY-MM') AS month, coalesce(c.lines, 0) AS lines, coalesce(c.amount, 0) AS amount,
             coalesce(c.self, 0) AS self, coalesce(c.below, 0) AS below, coalesce(c.predecessor, 0) AS predecessor,
             to_char(reach.first, 'YYYY-MM-DD') AS "from", to_char(reach.last, 'YYYY-MM-DD') AS "to"
      FROM reach CROSS JOIN generate_series(date_trunc('month', reach.first), date_trunc('month', reach.last), interval '1 month') m
      LEFT JOIN per_month c ON c.month = m
      ORDER BY m`),
  ]);
  const [from, to] = [months[0]?.from ?? null, months[0]?.to ?? null];
  for (const month of months) {
    delete month.from;
    delete month.to;
  }
  const byMonth: SpendMonth[] = months;
  return {
    lines: byMonth.reduce((sum, m) => sum + m.lines, 0),
    amount: byMonth.reduce((sum, m) => sum + m.amount, 0),
    from,
    to,
    bySupplier: bounded(suppliers),
    byMonth,
  };
}

/** Everything the profile's procurement section shows, for the body with `code` (which must exist). */
export async function loadProcurementProfile(db: Queryable, code: string, { now = new Date(), today = todayIso() }: Options = {}): Promise<ProcurementProfile> {
  const [openTenders, endingSoon, suppliers, quarters, spend, coverage] = await Promise.all([
    boundedNotices(db, code, openForBids("p", now), sql`p.tender_deadline ASC NULLS LAST, p.published_at DESC, p.id`),
    boundedNotices(db, code, contractEndsWithin("p", ENDING_WITHIN_MONTHS, today), sql`p.contract_end ASC, p.id`),
    topSuppliers(db, code),
    noticesPerQuarter(db, code),
    scopeSpend(db, code),
    readCoverage(db),
  ]);
  return {
    code,
    notices: quarters.reduce((sum, q) => sum + q.total, 0),
    openTenders,
    endingSoon: { ...endingSoon, months: ENDING_WITHIN_MONTHS },
    topSuppliers: suppliers,
    noticesPerQuarter: quarters,
    spend,
    coverage,
  };
}

function noticeToJson(notice: ProfileNotice) {
  return {
    id: notice.id,
    ocid: notice.ocid,
    title: notice.title,
    buyer_name: notice.buyerName,
    buyer_code: notice.buyerCode,
    relation: notice.relation,
    status: notice.status,
    value: { min: notice.valueMin, max: notice.valueMax, currency: notice.currency },
    published_at: notice.publishedAt,
    tender_deadline: notice.tenderDeadline,
    contract_end: notice.contractEnd,
    source: notice.source,
    url: notice.url,
  };
}

/** The JSON of GET /api/v1/organisations/{code}/procurement. */
export function procurementProfileToJson(profile: ProcurementProfile) {
  return {
    code: profile.code,
    notices: profile.notices,
    open_tenders: { total: profile.openTenders.total, data: profile.openTenders.rows.map(noticeToJson) },
    contracts_ending: { months: profile.endingSoon.months, total: profile.endingSoon.total, data: profile.endingSoon.rows.map(noticeToJson) },
    top_suppliers: {
      total: profile.topSuppliers.total,
      data: profile.topSuppliers.rows.map((s) => ({ name: s.name, identifier: s.identifier, awards: s.awards, unpriced_awards: s.unpriced, value_min: s.valueMin, value_max: s.valueMax, relations: s.relations })),
    },
    notices_per_quarter: profile.noticesPerQuarter.map(({ quarter, total, self, below, predecessor }) => ({ quarter, total, self, below, predecessor })),
    spend: {
      lines: profile.spend.lines,
      amount: profile.spend.amount,
      from: profile.spend.from,
      to: profile.spend.to,
      by_supplier: { total: profile.spend.bySupplier.total, data: profile.spend.bySupplier.rows },
      by_month: profile.spend.byMonth,
    },
    coverage: coverageToJson(profile.coverage),
  };
}
