// A server table, defined once: its URL parameters (zod), its sorts and default sort, its page
// sizes and its query. The readers below serve both its page (`page`, `size`, a bad parameter
// shown in place of the table) and its API route (`limit` with an `offset` or an opaque `cursor`,
// or a feed's `before`; a bad parameter is a 400). Adding a table is a definition, not plumbing.
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError, invalid } from "@/lib/errors";
import { readPaging, type PageSizes } from "@/lib/paging";
import type { TablePage, TableRead } from "./page";

/** A zod object of URL parameters; its keys are the parameters the table reads. */
type ParamsSchema<T> = z.ZodType<T> & { shape: object };

/** One window of a table's query, with the number of all its matches and where the next window starts (null after the last). */
export type TableSlice<Row> = { rows: Row[]; total: number; totalExact: boolean; nextOffset: number | null };

/** A table paged by number: the page asks for page n of a size, the API for a limit from an offset. */
export type PagedTable<Row, Filters, Sort extends string, Scope> = {
  /** Filters and `sort` */
  params: ParamsSchema<Filters>;
  sorts: readonly Sort[];
  /** The sort a URL gets when it names none */
  sort: (filters: Filters) => Sort;
  sizes: PageSizes;
  /** The API's paging: a plain `offset`, or an opaque `cursor` that also names the sort it was made for */
  api: "offset" | "cursor";
  /** Parameters only the browser or an export reads (columns shown, a saved view's name) */
  passive?: readonly string[];
  query: (db: PrismaClient, scope: Scope, filters: Filters, window: { limit: number; offset: number }) => Promise<TableSlice<Row>>;
};

/** A feed, newest first, paged by the key of its last row (`before`): no page numbers, no total. */
export type FeedTable<Row, Params, Scope> = {
  /** Filters, `before` and, where clients choose it, `limit` (see limitParam) */
  params: ParamsSchema<Params>;
  /** Rows a page holds for these parameters */
  size: (params: Params) => number;
  query: (db: PrismaClient, scope: Scope, params: Params, limit: number) => Promise<{ rows: Row[]; nextBefore: string | null }>;
};

// ---------- parameters ----------

/** `sort`, one of a table's sorts. */
export const sortParam = <Sort extends string>(sorts: readonly [Sort, ...Sort[]]) => z.enum(sorts, { message: `sort must be one of: ${sorts.join(", ")}` });

/** The API's `limit`, within a table's bounds. */
export const limitParam = (sizes: Pick<PageSizes, "default" | "limit">) =>
  z.coerce
    .number({ message: "limit must be a number" })
    .int("limit must be a whole number")
    .min(sizes.limit.min, `limit must be at least ${sizes.limit.min}`)
    .max(sizes.limit.max, `limit must be at most ${sizes.limit.max}`)
    .default(sizes.default);

/** `a,b` and `x=a&x=b` alike: the trimmed, non-empty values. */
export const manyValues = z.union([z.string(), z.array(z.string())]).transform((value) => ([] as string[]).concat(value).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean));

/**
 * One schema per table's sizes, built on first use: queryTableApi asks on every request, and a zod
 * object built anew would be built and its parser compiled (zod's JIT) on every request too.
 */
function oncePerSizes<S>(build: (sizes: PageSizes) => S): (sizes: PageSizes) => S {
  const built = new WeakMap<PageSizes, S>();
  return (sizes) => {
    let schema = built.get(sizes);
    if (!schema) built.set(sizes, (schema = build(sizes)));
    return schema;
  };
}

/** The API's paging of a table paged by cursor (exported per table for the OpenAPI document). */
export const cursorPagingSchema = oncePerSizes((sizes) => z.object({ limit: limitParam(sizes), cursor: z.string().max(200).optional() }));

/** The API's paging of a table paged by offset. */
export const offsetPagingSchema = oncePerSizes((sizes) =>
  z.object({ limit: limitParam(sizes), offset: z.coerce.number({ message: "offset must be a number" }).int("offset must be a whole number").min(0, "offset cannot be negative").default(0) }),
);

function describeIssues(issues: z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const name = issue.path.map(String).join(".");
      return !name || issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`;
    })
    .join("; ");
}

/** Validates a URL's parameters; an unknown one, or a bad value, is an AppError naming it. */
export function parseParams<T>(schema: ParamsSchema<T>, params: URLSearchParams, alsoAllowed: readonly string[] = []): T {
  const known = new Set([...Object.keys(schema.shape), ...alsoAllowed]);
  for (const key of params.keys()) {
    if (!known.has(key)) throw new AppError("invalid", `Unknown parameter "${key}".`, { [key]: ["Unknown parameter"] });
  }
  const input: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    input[key] = all.length > 1 ? all : all[0]!;
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues, describeIssues(parsed.error.issues));
  return parsed.data;
}

/** A bad parameter as the page shows it; any other failure is the page's to report. */
async function orError<T>(read: () => Promise<T>): Promise<T | { ok: false; error: string }> {
  try {
    return await read();
  } catch (caught) {
    if (caught instanceof AppError) return { ok: false, error: caught.message };
    throw caught;
  }
}

// ---------- paged tables ----------

/** Every parameter a paged table's URL may carry: the page's and the API's paging alike, as one link serves both (the CSV export). */
const pagedParams = (table: Pick<PagedTable<unknown, unknown, string, unknown>, "api" | "passive">) => ["page", "size", "limit", table.api, ...(table.passive ?? [])];

/** A paged table's filters from a URL (with `fixed` ones, such as a profile's parent, on top). */
export function parseTableFilters<Filters>(table: Pick<PagedTable<unknown, Filters, string, unknown>, "params" | "api" | "passive">, params: URLSearchParams, fixed: Partial<Filters> = {}): Filters {
  return { ...parseParams(table.params, params, pagedParams(table)), ...fixed };
}

/**
 * The page a table's URL asks for, or the message for a bad parameter. A page past the end (the
 * rows shrank since the link was made) gives the last page.
 */
export async function readTablePage<Row, Filters, Sort extends string, Scope>(
  table: PagedTable<Row, Filters, Sort, Scope>,
  db: PrismaClient,
  scope: Scope,
  params: URLSearchParams,
  fixed: Partial<Filters> = {},
): Promise<TableRead<Row, Filters, Sort>> {
  return orError(async () => {
    const filters = parseTableFilters(table, params, fixed);
    const { size, page: asked } = readPaging(params, table.sizes);
    let page = asked;
    let slice = await table.query(db, scope, filters, { limit: size, offset: (page - 1) * size });
    if (slice.rows.length === 0 && slice.total > 0) {
      page = Math.ceil(slice.total / size);
      slice = await table.query(db, scope, filters, { limit: size, offset: (page - 1) * size });
    }
    const { rows, total, totalExact, nextOffset } = slice;
    return { ok: true as const, filters, page: { rows, total, totalExact, page, size, sort: table.sort(filters), hasNextPage: nextOffset !== null } };
  });
}

/**
 * A window fetched one row past its limit (to know whether there is a next page) as a slice: the
 * total is `known` (counted in the same scan), else read off a window that holds the last row, else
 * `count()`ed; beyond `cap` it is `cap` and inexact.
 */
export async function cappedSlice<Row>(fetched: Row[], window: { limit: number; offset: number }, cap: number, count: () => Promise<number>, known?: number): Promise<TableSlice<Row>> {
  const hasMore = fetched.length > window.limit;
  const rows = fetched.slice(0, window.limit);
  const counted = known ?? (!hasMore && (rows.length > 0 || window.offset === 0) ? window.offset + rows.length : await count());
  const totalExact = counted <= cap;
  return { rows, total: totalExact ? counted : cap, totalExact, nextOffset: hasMore ? window.offset + rows.length : null };
}

/** Cursors are opaque to clients: the offset of the next page, tied to the sort it was made for. */
export function encodeCursor(offset: number, sort: string): string {
  return Buffer.from(JSON.stringify({ o: offset, s: sort })).toString("base64url");
}

export function decodeCursor(cursor: string | undefined, sort: string): number {
  if (!cursor) return 0;
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { o?: unknown; s?: unknown };
    if (typeof value.o === "number" && Number.isInteger(value.o) && value.o >= 0 && value.s === sort) return value.o;
  } catch {
    // fall through to the error below
  }
  throw new AppError("invalid", "cursor is malformed or belongs to another sort order; start again without it.", { cursor: ["Malformed cursor"] });
}

/** The window of a table its API request asks for; throws an AppError (a 400) for a bad parameter. */
export async function queryTableApi<Row, Filters, Sort extends string, Scope>(
  table: PagedTable<Row, Filters, Sort, Scope>,
  db: PrismaClient,
  scope: Scope,
  params: URLSearchParams,
  filters: Filters = parseTableFilters(table, params),
): Promise<TableSlice<Row> & { sort: Sort; nextCursor: string | null }> {
  const paging = new URLSearchParams([...params].filter(([key]) => key === "limit" || key === table.api));
  const sort = table.sort(filters);
  let window: { limit: number; offset: number };
  if (table.api === "cursor") {
    const { limit, cursor } = parseParams(cursorPagingSchema(table.sizes), paging);
    window = { limit, offset: decodeCursor(cursor, sort) };
  } else window = parseParams(offsetPagingSchema(table.sizes), paging);
  const slice = await table.query(db, scope, filters, window);
  return { ...slice, sort, nextCursor: slice.nextOffset === null ? null : encodeCursor(slice.nextOffset, sort) };
}

// ---------- feeds ----------

/** A feed's page from its URL, or the message for a bad parameter. */
export async function readFeedPage<Row, Params extends { before?: unknown }, Scope>(
  table: FeedTable<Row, Params, Scope>,
  db: PrismaClient,
  scope: Scope,
  params: URLSearchParams,
): Promise<TableRead<Row, Params, "newest">> {
  return orError(async () => {
    const filters = parseParams(table.params, params);
    const size = table.size(filters);
    const { rows, nextBefore } = await table.query(db, scope, filters, size);
    // A feed counts no total: the rows shown are a lower bound unless they are all there is
    const page: TablePage<Row, "newest"> = { rows, total: rows.length, totalExact: filters.before === undefined && nextBefore === null, page: 1, size, sort: "newest", hasNextPage: nextBefore !== null, nextBefore };
    return { ok: true as const, filters, page };
  });
}

/** A feed's rows for its API request; throws an AppError (a 400) for a bad parameter. */
export async function queryFeedApi<Row, Params, Scope>(table: FeedTable<Row, Params, Scope>, db: PrismaClient, scope: Scope, params: URLSearchParams) {
  const filters = parseParams(table.params, params);
  return table.query(db, scope, filters, table.size(filters));
}
