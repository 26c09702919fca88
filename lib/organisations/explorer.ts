// The explorer's query: every filter, the search, the sort and the page are done in PostgreSQL.
// The UI, the REST API, the CSV export and `npm run bench` all run this same code.
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { currentResponsibility } from "@/lib/commissioning/state";
import { todayIso } from "@/lib/format";
import { fieldColumn, type ColumnType, type CopyColumn } from "@/lib/export";
import { join, raw, sql, type Sql } from "@/lib/db/sql";
import { queryRows, queryRowsWithSettings } from "@/lib/db/query";
import { PAGED_TABLE_SIZES } from "@/lib/paging";
import { cappedSlice, cursorPagingSchema, manyValues, parseTableFilters, sortParam, type PagedTable, type TableSlice } from "@/lib/tables/server";
import { findTeamList } from "@/lib/target-lists";
import { SUCCESSORS_JSON } from "./sql";
import { STAGES } from "@/lib/target-lists/vocabulary";
import { contractEndsWithin, MAX_WINDOW_MONTHS, openForBids } from "@/lib/procurement/windows";
import { organisationCode, organisationCodeSchema, registeredPatientsFigure } from "./read";
import { kindIn, NATIONS, ORGANISATION_KINDS, PLANNING_TIER_KINDS, type Nation, type OrganisationKind, type OrganisationStatus } from "./vocabulary";

export const SORTS = ["relevance", "name", "-name", "code", "-code", "kind", "-kind", "population", "-population", "patients", "-patients", "allocation", "-allocation"] as const;
export type Sort = (typeof SORTS)[number];

/** "unknown": bodies no source gives a status for (some support bodies), never counted as open */
export const STATUS_FILTERS = ["open", "closed", "unknown", "all"] as const;

/** Accepts `kind=icb,pcn` and `kind=icb&kind=pcn` alike. */
function list<T extends readonly [string, ...string[]]>(values: T, name: string) {
  return manyValues.optional().transform((value) => value ?? []).pipe(z.array(z.enum(values, { message: `${name} must be one of: ${values.join(", ")}` })));
}

const wholeNumber = (name: string) => z.coerce.number({ message: `${name} must be a number` }).int(`${name} must be a whole number`).min(0, `${name} cannot be negative`);
const money = (name: string) => z.coerce.number({ message: `${name} must be a number (in £ millions)` }).min(0, `${name} cannot be negative`);

export const explorerFilterSchema = z
  .object({
    nation: list(NATIONS, "nation"),
    kind: list(ORGANISATION_KINDS, "kind"),
    region: organisationCode("region must be an organisation code").optional(),
    parent: organisationCode("parent must be an organisation code").optional(),
    commissions: z.string().trim().regex(/^[a-z0-9-]+$/, "commissions must be a service category slug").optional(),
    status: z.enum(STATUS_FILTERS, { message: "status must be open, closed, unknown or all" }).default("open"),
    q: z.string().trim().max(100, "q has at most 100 characters").optional().transform((v) => (v ? v : undefined)),
    min_population: wholeNumber("min_population").optional(),
    max_population: wholeNumber("max_population").optional(),
    min_patients: wholeNumber("min_patients").optional(),
    max_patients: wholeNumber("max_patients").optional(),
    min_allocation: money("min_allocation").optional(),
    max_allocation: money("max_allocation").optional(),
    list: z.string().trim().regex(/^(any|[A-Za-z0-9_-]{1,64})$/, "list must be a target list id or 'any'").optional(),
    stage: z.enum(STAGES, { message: `stage must be one of: ${STAGES.join(", ")}` }).optional(),
    has_notes: z.enum(["true", "false"], { message: "has_notes must be true or false" }).optional(),
    contract_ending_within_months: wholeNumber("contract_ending_within_months").min(1, "contract_ending_within_months is at least 1").max(MAX_WINDOW_MONTHS, `contract_ending_within_months is at most ${MAX_WINDOW_MONTHS}`).optional(),
    open_tenders: z.enum(["1"], { message: "open_tenders must be 1" }).optional(),
    sort: sortParam(SORTS).optional(),
  })
  .superRefine((f, ctx) => {
    if (f.stage && !f.list) ctx.addIssue({ code: "custom", path: ["stage"], message: "stage needs a list (list=<id> or list=any)" });
    if (f.sort === "relevance" && !f.q) ctx.addIssue({ code: "custom", path: ["sort"], message: "sort=relevance needs a search (q)" });
  });
export type ExplorerFilters = z.output<typeof explorerFilterSchema>;

export type ExplorerScope = { teamId: string };

export type ExplorerRow = {
  id: number;
  code: string;
  name: string;
  kind: OrganisationKind;
  nation: Nation;
  status: OrganisationStatus;
  close_date: string | null;
  parent_code: string | null;
  parent_name: string | null;
  parent_kind: OrganisationKind | null;
  region_code: string | null;
  region_name: string | null;
  population: number | null;
  population_year: string | null;
  registered_patients: number | null;
  /** "YYYY-MM" */
  registered_patients_month: string | null;
  registered_patients_source: string | null;
  allocation_gbp_thousands: string | null;
  allocation_year: string | null;
  successors: { code: string; name: string }[] | null;
};

const STOP_WORDS = new Set(["and", "the", "for"]);

/**
 * How close a typed word must be to a word of a name. pg_trgm's default (0.6) misses common
 * misspellings ("chesire" vs "cheshire" is 0.55); 0.45 still keeps unrelated words out.
 * Set per transaction, so it never leaks into other queries on a pooled connection.
 */
export const SEARCH_THRESHOLD_SQL = "SET LOCAL pg_trgm.word_similarity_threshold = 0.45";

/**
 * One composed statement, under the search's threshold when it searches: the setting costs a
 * transaction (BEGIN, SET, the query, COMMIT: four round trips), which on a 0.1 ms query was most
 * of the app's time.
 */
const queryCompiled = <T>(db: PrismaClient, compiled: Compiled, statement: Sql) =>
  compiled.rank ? queryRowsWithSettings<T>(db, [SEARCH_THRESHOLD_SQL], statement) : queryRows<T>(db, statement);

/** Words of the search worth matching on their own (trigram matching needs three letters). */
export function searchWords(q: string): string[] {
  return [...new Set(q.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length >= 3 && !STOP_WORDS.has(w)))].slice(0, 8);
}

/** A filter by code (parent, region): the body's id is looked up inside the page's own statement. */
type CodeFilter = { param: "parent" | "region"; value: string; kinds?: OrganisationKind[] };

const codeLookup = ({ value, kinds }: CodeFilter) =>
  sql`(SELECT c.id FROM organisation c WHERE c.code = ${value}${kinds ? sql` AND ${kindIn("c.kind", kinds)}` : sql``})`;

/**
 * An unknown code is a 400, not an empty page. The lookup rides in the page's statement (a round
 * trip of its own was most of the app's time on a 0.1 ms query), so a code is only checked when
 * nothing matched, and before an export sends its first byte.
 */
export async function assertCodesExist(db: PrismaClient, compiled: Compiled): Promise<void> {
  for (const filter of compiled.codes) {
    const found = await queryRows<{ id: number }>(db, sql`SELECT ${codeLookup(filter)} AS id`);
    if (found[0]?.id == null) {
      throw new AppError("invalid", `${filter.param}: no ${filter.kinds ? "NHS England region" : "organisation"} has the code ${filter.value}.`, { [filter.param]: ["Unknown code"] });
    }
  }
}

/** The sort a query gets when it names none: best matches for a search, else by name. */
export const effectiveSort = (f: ExplorerFilters): Sort => f.sort ?? (f.q ? "relevance" : "name");

type Compiled = {
  /** The codes the conditions look up, checked by assertCodesExist */
  codes: CodeFilter[];
  /** Every condition, on `organisation o` */
  where: Sql;
  /** Where a page's ids and the count are found: `organisation o` under `where`, or the team's list members */
  from: Sql;
  rank: Sql | null;
  /** Common table expressions `where` and `rank` read (a search's close dictionary words), for the statement's WITH */
  ctes: Sql[];
  sort: Sort;
  /**
   * Filters whose matches PostgreSQL misjudges (the bodies commissioning a service, the team's list
   * entries): it would walk the name index hoping to meet them early, and read most of the table
   * when they sit late in the alphabet. Their matches are few, so collect them first, then sort.
   */
  collectFirst: boolean;
  /**
   * The page counts its matches in the same scan (`count(*) OVER ()`) rather than in a second
   * statement: a search (its trigram recheck is the costly part) and a collected set (every match
   * is read to sort it anyway; a second statement read the team's 10,000 list entries again).
   */
  countsInPage: boolean;
};

type Commissioner = { organisationKind: string | null; nation: string; commissionerOrgId: number | null };

/**
 * Who commissions a category today, in one statement (null when no category has the slug): a
 * planned or ended arrangement does not make a body its commissioner.
 */
async function currentCommissioners(db: PrismaClient, slug: string): Promise<{ responsibilities: Commissioner[] } | null> {
  const rows = await queryRows<{ organisation_kind: string | null; nation: string | null; commissioner_org_id: number | null }>(
    db,
    sql`SELECT cr.organisation_kind, cr.nation, cr.commissioner_org_id
      FROM service_category c LEFT JOIN commissioning_responsibility cr ON cr.service_category_id = c.id AND ${currentResponsibility(todayIso())}
      WHERE c.slug = ${slug}`,
  );
  if (!rows.length) return null;
  return { responsibilities: rows.filter((r) => r.nation !== null).map((r) => ({ organisationKind: r.organisation_kind, nation: r.nation!, commissionerOrgId: r.commissioner_org_id })) };
}

/** Turns validated filters into SQL conditions; looks up codes, categories and lists so bad ones are 400s. */
export async function compileFilters(db: PrismaClient, scope: ExplorerScope, f: ExplorerFilters): Promise<Compiled> {
  const conditions: Sql[] = [];
  // One value as "=": with ANY() PostgreSQL cannot walk the (kind, status, name) index in order
  const oneOf = (column: Sql, values: string[]) => (values.length === 1 ? sql`${column} = ${values[0]}` : sql`${column} = ANY(${values}::text[])`);
  if (f.nation.length) conditions.push(oneOf(sql`o.nation`, f.nation));
  if (f.kind.length) conditions.push(oneOf(sql`o.kind`, f.kind));
  const codes: CodeFilter[] = [];
  if (f.region) codes.push({ param: "region", value: f.region, kinds: ["nhse-region"] });
  if (f.parent) codes.push({ param: "parent", value: f.parent });
  for (const filter of codes) conditions.push(sql`${raw(filter.param === "region" ? "o.region_id" : "o.parent_id")} = ${codeLookup(filter)}`);
  if (f.commissions) {
    const category = await currentCommissioners(db, f.commissions);
    if (!category) throw new AppError("invalid", `commissions: no service category "${f.commissions}" (see /api/v1/service-categories).`, { commissions: ["Unknown service category"] });
    // Spelled out as (kind, nation) pairs and named bodies, which the indexes serve; a correlated
    // EXISTS over the responsibilities would be checked against every body
    // Pairs outside the nation filter can never match: leaving them out keeps the plan simple
    const pairs = [
      ...new Set(category.responsibilities.filter((r) => r.organisationKind && (!f.nation.length || f.nation.includes(r.nation as Nation))).map((r) => `${r.organisationKind}|${r.nation}`)),
    ];
    const named = [...new Set(category.responsibilities.map((r) => r.commissionerOrgId).filter((id): id is number => id !== null))];
    const alternatives = pairs.map((pair) => {
      const [kind, nation] = pair.split("|");
      return sql`(o.kind = ${kind} AND o.nation = ${nation})`;
    });
    if (named.length === 1) alternatives.push(sql`o.id = ${named[0]}`);
    else if (named.length) alternatives.push(sql`o.id = ANY(${named}::int[])`);
    conditions.push(alternatives.length ? sql`(${join(alternatives, " OR ")})` : sql`false`);
  }
  if (f.min_population !== undefined) conditions.push(sql`o.population >= ${f.min_population}`);
  if (f.max_population !== undefined) conditions.push(sql`o.population <= ${f.max_population}`);
  if (f.min_patients !== undefined) conditions.push(sql`o.registered_patients >= ${f.min_patients}`);
  if (f.max_patients !== undefined) conditions.push(sql`o.registered_patients <= ${f.max_patients}`);
  // The API takes £ millions; the data holds £ thousands
  if (f.min_allocation !== undefined) conditions.push(sql`o.latest_allocation_gbp_thousands >= ${f.min_allocation * 1000}`);
  if (f.max_allocation !== undefined) conditions.push(sql`o.latest_allocation_gbp_thousands <= ${f.max_allocation * 1000}`);
  let listMembership: Sql | null = null;
  if (f.list) {
    if (f.list !== "any") {
      if (!(await findTeamList(db, scope.teamId, f.list))) throw new AppError("not-found", "list: that target list was not found.", { list: ["Unknown list"] });
    }
    // "Any of our lists" means the active ones, as on /lists and the dashboard; a named list may be archived
    const listCondition = f.list === "any" ? sql`l.team_id = ${scope.teamId} AND l.archived_at IS NULL` : sql`l.id = ${f.list} AND l.team_id = ${scope.teamId}`;
    const stageCondition = f.stage ? sql` AND e.stage = ${f.stage}` : sql``;
    listMembership = sql`EXISTS (SELECT 1 FROM target_list_entry e JOIN target_list l ON l.id = e.list_id WHERE e.organisation_id = o.id AND ${listCondition}${stageCondition})`;
  }
  if (f.has_notes) {
    const notes = sql`EXISTS (SELECT 1 FROM note n WHERE n.team_id = ${scope.teamId} AND n.organisation_code = o.code AND n.deleted_at IS NULL)`;
    conditions.push(f.has_notes === "true" ? notes : sql`NOT ${notes}`);
  }
  if (f.contract_ending_within_months !== undefined) conditions.push(hasNotices(contractEndsWithin("p", f.contract_ending_within_months, todayIso())));
  if (f.open_tenders) conditions.push(hasNotices(openForBids("p", new Date())));

  let rank: Sql | null = null;
  const ctes: Sql[] = [];
  if (f.q) {
    const exactCode = f.q.toUpperCase();
    const words = searchWords(f.q);
    // Each word must be close to some word of the name, code or a former name: typos and any order
    // Words with a digit, and three-letter words, are codes or abbreviations: fuzzy matching would
    // find thousands of near ones ("rrk" is close to any word with two of its trigrams), so match
    // them as substrings (the same trigram index serves LIKE). A substring of letters and digits
    // never spans two words, so it needs no dictionary.
    const like = (w: string) => sql`o.search_text LIKE ${`%${w.replace(/[%_\\]/g, "")}%`}`;
    const exact = (w: string) => /\d/.test(w) || w.length <= 3;
    // A longer word is matched against the dictionary of every word in the data (search_word, about
    // 14,000 words however many bodies share them): its close words and their scores, once
    // per search; the bodies holding one of them come from the search_words array index. Scoring
    // every candidate body's whole search_text was two word_similarity calls per word and match
    // (the recheck and the rank): 891 bodies for "chesire mersyside" at 100x. The score of a body
    // is its best-scoring word's, which is what word_similarity over its whole text gives, except
    // for an extent spanning words (the array also holds hyphenated names joined, "stokeontrent"
    // for a word typed that way; docs/benchmarks.md, tests/organisations/search-words.test.ts).
    const fuzzy = (w: string, i: number) => {
      const close = raw(`search_match_${i}`);
      ctes.push(sql`${close} AS MATERIALIZED (SELECT d.word, word_similarity(${w}, d.word) AS score FROM search_word d WHERE ${w} <% d.word)`);
      return { match: sql`o.search_words && ARRAY(SELECT c.word FROM ${close} c)`, score: sql`coalesce((SELECT max(c.score) FROM ${close} c WHERE c.word = ANY(o.search_words)), 0)` };
    };
    const terms = words.map((w, i) => (exact(w) ? { match: like(w), score: sql`word_similarity(${w}, o.search_text)` } : fuzzy(w, i + 1)));
    const wordMatch = terms.length ? join(terms.map((t) => t.match), " AND ") : like(f.q.toLowerCase());
    // A search no code can equal ("chesire mersyside": codes are letters, digits and hyphens) leaves
    // the code out: under the OR PostgreSQL rechecked each trigram match and then filtered it again
    const mayBeCode = organisationCodeSchema.safeParse(f.q).success;
    conditions.push(mayBeCode ? sql`(o.code = ${exactCode} OR (${wordMatch}))` : sql`(${wordMatch})`);
    const similarity = terms.length ? join(terms.map((t) => t.score), " + ") : sql`0`;
    const codeRank = mayBeCode ? sql`(o.code = ${exactCode})::int * 100 + ` : sql``;
    rank = sql`(${codeRank}(o.status = 'open')::int * 10 + (${similarity}) + (${kindIn("o.kind", PLANNING_TIER_KINDS)})::int * 0.5)`;
  }
  // Under the default "open" filter a search still shows closed matches (ranked last), so an old
  // name leads to its successor
  if (f.status === "open" && !f.q) conditions.push(sql`o.status = 'open'`);
  if (f.status === "closed") conditions.push(sql`o.status = 'closed'`);
  if (f.status === "unknown") conditions.push(sql`o.status = 'unknown'`);

  const whereOf = (all: Sql[]) => (all.length ? sql`WHERE ${join(all, " AND ")}` : sql``);
  const where = whereOf(listMembership ? [...conditions, listMembership] : conditions);
  // Any of the team's lists, filtered only by the columns team_list_member carries: its rows are the
  // matches, walked in the page's order by its indexes (10,000 entries took 10,000 body lookups)
  if (f.list === "any" && !f.q && !f.commissions && !f.has_notes && f.contract_ending_within_months === undefined && !f.open_tenders) {
    const members = f.stage ? [...conditions, sql`${f.stage} = ANY(o.stages)`] : conditions;
    return { codes, where, from: sql`${teamListMembers(scope.teamId)} ${whereOf(members)}`, rank, ctes, sort: effectiveSort(f), collectFirst: false, countsInPage: false };
  }
  const collectFirst = Boolean(f.commissions || f.list || f.has_notes === "true" || f.contract_ending_within_months !== undefined || f.open_tenders);
  return { codes, where, from: sql`organisation o ${where}`, rank, ctes, sort: effectiveSort(f), collectFirst, countsInPage: Boolean(rank) || collectFirst };
}

/** The bodies on any of the team's active lists, as `o` with the organisation columns the filters and sorts use, and their stages. */
const teamListMembers = (teamId: string) => sql`(
      SELECT m.organisation_id AS id, m.code, m.name, m.kind, m.nation, m.status, m.parent_id, m.region_id,
        m.population, m.registered_patients, m.latest_allocation_gbp_thousands, m.stages
      FROM team_list_member m WHERE m.team_id = ${teamId}
    ) o`;

/**
 * The body `o` has a notice (`p`) meeting `condition`, published by itself or by a body it
 * succeeded, however many steps back (a 2026 ICB's 2022-2026 ICBs; a CCG's notices are under the
 * code its sub-ICB location kept). Not those of bodies below it: a trust's notices show on the
 * trust's own row, so an ICB is not listed for what its trusts buy. One set for the whole query,
 * not a probe per body: the notices meeting the condition (by the contract_end or the
 * (status, tender_deadline) index), their buyers, and the buyers' successors along the chains.
 */
function hasNotices(condition: Sql): Sql {
  return sql`o.id IN (
      WITH RECURSIVE publishers AS (
        SELECT b.id, 0 AS depth FROM organisation b WHERE b.code IN (SELECT p.buyer_code FROM procurement_process p WHERE ${condition})
        UNION
        SELECT s.successor_id, w.depth + 1 FROM publishers w JOIN succession s ON s.predecessor_id = w.id WHERE w.depth < 10
      )
      SELECT id FROM publishers)`;
}

/** `rank` is the relevance to sort by: the search's expression, or the page's column carrying it. */
function orderBy(compiled: Compiled, rank = compiled.rank): Sql {
  const direction = (sort: string) => (sort.startsWith("-") ? "DESC" : "ASC");
  const key = compiled.sort.replace(/^-/, "");
  switch (key) {
    case "relevance":
      return sql`ORDER BY ${rank ?? sql`0`} DESC, o.name ASC, o.id ASC`;
    case "population":
      return raw(`ORDER BY o.population ${direction(compiled.sort)} NULLS LAST, o.id ASC`);
    case "patients":
      return raw(`ORDER BY o.registered_patients ${direction(compiled.sort)} NULLS LAST, o.id ASC`);
    case "allocation":
      return raw(`ORDER BY o.latest_allocation_gbp_thousands ${direction(compiled.sort)} NULLS LAST, o.id ASC`);
    case "code":
      return raw(`ORDER BY o.code ${direction(compiled.sort)}, o.id ASC`);
    case "kind":
      return raw(`ORDER BY o.kind ${direction(compiled.sort)}, o.name ASC, o.id ASC`);
    default:
      return raw(`ORDER BY o.name ${direction(compiled.sort)}, o.id ASC`);
  }
}

const ROW_COLUMNS = sql`o.id, o.code, o.name, o.kind, o.nation, o.status, to_char(o.close_date, 'YYYY-MM-DD') AS close_date,
    p.code AS parent_code, p.name AS parent_name, p.kind AS parent_kind, r.code AS region_code, r.name AS region_name,
    o.population, o.population_year, o.registered_patients, o.registered_patients_month, o.registered_patients_source,
    o.latest_allocation_gbp_thousands::text AS allocation_gbp_thousands, o.latest_allocation_year AS allocation_year,
    ${SUCCESSORS_JSON} AS successors`;
const ROW_JOINS = sql`LEFT JOIN organisation p ON p.id = o.parent_id
  LEFT JOIN organisation r ON r.id = o.region_id`;

/** `WITH` and the compiled query's common table expressions, then `more`; nothing when there are none. */
function withClause(compiled: Compiled, more: Sql[] = []): Sql {
  const all = [...compiled.ctes, ...more];
  return all.length ? sql`WITH ${join(all, ",\n    ")}\n    ` : sql``;
}

/** The full query for a filter and sort, without paging: the export streams it through a cursor. */
export function rowsQuery(compiled: Compiled): Sql {
  return sql`${withClause(compiled)}SELECT ${ROW_COLUMNS} FROM organisation o ${ROW_JOINS} ${compiled.where} ${orderBy(compiled)}`;
}

/**
 * Totals are exact up to this many bodies and "more than" beyond: counting half a million practices
 * on every page costs more than the page itself. The real data (about 8,100 bodies) never reaches it.
 */
export const COUNT_CAP = 10_000;

/**
 * One page: the page's ids first (one more than asked, to know whether there is a next page), then
 * the joins for those rows only; joining before the LIMIT would look up parents for every skipped
 * row. With `countsInPage` the total comes from the same scan.
 */
export function pageQuery(compiled: Compiled, page: { limit: number; offset: number }): Sql {
  const total = compiled.countsInPage ? sql`, count(*) OVER () AS total` : sql``;
  // The page's rows carry their rank out: sorting them again by the expression computed each
  // word's similarity a second time for every row of the page
  const ranked = compiled.rank && compiled.sort === "relevance";
  // OFFSET 0 keeps PostgreSQL from folding the subquery into the sorted walk (see collectFirst)
  const source = compiled.collectFirst ? sql`(SELECT * FROM ${compiled.from} OFFSET 0) o` : compiled.from;
  const pageIds = sql`page AS (
      SELECT o.id${ranked ? sql`, ${compiled.rank} AS rank` : sql``}${total} FROM ${source} ${orderBy(compiled)} LIMIT ${page.limit + 1} OFFSET ${page.offset}
    )`;
  return sql`${withClause(compiled, [pageIds])}
    SELECT ${ROW_COLUMNS}${compiled.countsInPage ? sql`, page.total::int AS total` : sql``}
    FROM page JOIN organisation o ON o.id = page.id ${ROW_JOINS} ${orderBy(compiled, sql`page.rank`)}`;
}

/** The ids of the first `cap` matches by id (alerts: a followed view's matches, compared with its baseline). */
export function matchingIdsQuery(compiled: Compiled, cap: number): Sql {
  return sql`${withClause(compiled)}SELECT o.id FROM ${compiled.from} ORDER BY o.id LIMIT ${cap}`;
}

/** The session settings a compiled query needs (a search's similarity threshold), for a caller running it in its own transaction. */
export const compiledSettings = (compiled: Compiled): string[] => (compiled.rank ? [SEARCH_THRESHOLD_SQL] : []);

/** The number of matches, counted up to COUNT_CAP + 1. */
export function countQuery(compiled: Compiled): Sql {
  return sql`${withClause(compiled)}SELECT count(*)::int AS total FROM (SELECT 1 FROM ${compiled.from} LIMIT ${COUNT_CAP + 1}) matching`;
}

/**
 * One page of bodies matching the filters, with the total count (COUNT_CAP, and totalExact false,
 * when more match).
 */
export async function searchOrganisations(db: PrismaClient, scope: ExplorerScope, filters: ExplorerFilters, page: { limit: number; offset: number }): Promise<TableSlice<ExplorerRow>> {
  const compiled = await compileFilters(db, scope, filters);
  const fetched = await queryCompiled<ExplorerRow & { total?: number }>(db, compiled, pageQuery(compiled, page));
  if (!fetched.length) await assertCodesExist(db, compiled);
  const countedInPage = fetched[0]?.total;
  const rows: ExplorerRow[] = fetched.map((row) => {
    delete row.total;
    return row;
  });
  return cappedSlice(rows, page, COUNT_CAP, async () => (await queryCompiled<{ total: number }>(db, compiled, countQuery(compiled)))[0]?.total ?? 0, countedInPage);
}

/** The explorer's table, and a profile's bodies below (its parent fixed), in pages and the API. */
export const explorerTable: PagedTable<ExplorerRow, ExplorerFilters, Sort, ExplorerScope> = {
  params: explorerFilterSchema,
  sorts: SORTS,
  sort: effectiveSort,
  sizes: PAGED_TABLE_SIZES,
  api: "cursor",
  // The CSV export's link is the page's own query with these added
  passive: ["format", "bom", "columns", "view"],
  query: searchOrganisations,
};

/** The API's `limit` and `cursor` (the OpenAPI document reads it). */
export const explorerPageSchema = cursorPagingSchema(explorerTable.sizes);

/** Reads the filters from a URL's query string; an unknown parameter or value is a 400 naming it. */
export function parseExplorerParams(params: URLSearchParams): ExplorerFilters {
  return parseTableFilters(explorerTable, params);
}

/** Ids of every body matching the filters (for "add all N matching to a list"), capped. */
export async function matchingOrganisationIds(db: PrismaClient, scope: ExplorerScope, filters: ExplorerFilters, cap: number): Promise<number[]> {
  const compiled = await compileFilters(db, scope, filters);
  const rows = await queryCompiled<{ id: number }>(db, compiled, sql`${withClause(compiled)}SELECT o.id FROM organisation o ${compiled.where} ORDER BY o.id LIMIT ${cap + 1}`);
  if (!rows.length) await assertCodesExist(db, compiled);
  if (rows.length > cap) throw new AppError("invalid", `More than ${cap.toLocaleString("en-GB")} bodies match: narrow the filter first.`);
  return rows.map((r) => r.id);
}

/** The columns of the explorer's export, CSV and Excel alike: add a column here and both get it. */
const column = (field: keyof ExplorerRow & string, type: ColumnType = "text") => fieldColumn<ExplorerRow>(field, type);

export const EXPLORER_EXPORT_COLUMNS: CopyColumn<ExplorerRow>[] = [
  column("code"),
  column("name"),
  column("kind"),
  column("nation"),
  column("status"),
  column("close_date", "date"),
  {
    header: "successor_codes",
    type: "text",
    value: (r) => r.successors?.map((s) => s.code).join(";") ?? "",
    // Only a closed body has successors: the subquery runs for those alone
    sql: sql`CASE WHEN r.successors IS NOT NULL THEN (SELECT string_agg(e.value ->> 'code', ';' ORDER BY e.ordinality) FROM json_array_elements(r.successors) WITH ORDINALITY e) END`,
  },
  column("parent_code"),
  column("parent_name"),
  column("region_code"),
  column("region_name"),
  column("population", "integer"),
  column("population_year"),
  column("registered_patients", "integer"),
  column("registered_patients_month"),
  column("allocation_gbp_thousands", "money"),
  column("allocation_year"),
];

/** The JSON shape of a body in the API. */
export function explorerRowToJson(row: ExplorerRow) {
  return {
    code: row.code,
    name: row.name,
    kind: row.kind,
    nation: row.nation,
    status: row.status,
    close_date: row.close_date,
    successors: row.successors ?? [],
    parent: row.parent_code ? { code: row.parent_code, name: row.parent_name, kind: row.parent_kind } : null,
    region: row.region_code ? { code: row.region_code, name: row.region_name } : null,
    population: row.population,
    population_year: row.population_year,
    registered_patients: registeredPatientsFigure(row.registered_patients, row.registered_patients_month, row.registered_patients_source),
    allocation_gbp_thousands: row.allocation_gbp_thousands === null ? null : Number(row.allocation_gbp_thousands),
    allocation_year: row.allocation_year,
  };
}
