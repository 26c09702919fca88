// "Who buys for this now?": from any code, old or new, to the open bodies that hold its functions today.
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { queryRows } from "@/lib/db/query";
import { raw, sql, type Sql } from "@/lib/db/sql";
import { organisationCodeSchema, type OrganisationRef } from "./read";
import { AREA_COMMISSIONER_KINDS, kindIn, type Nation, type OrganisationKind, type OrganisationStatus, type SuccessionReason } from "./vocabulary";

export type CurrentBuyer = {
  /** The body the code names */
  organisation: OrganisationRef;
  /** Open bodies that took over from it (itself when it is open) */
  current: OrganisationRef[];
  /** Open bodies of the commissioning kind above it (e.g. today's ICB for a sub-ICB location or a closed ICB) */
  currentCommissioners: OrganisationRef[];
  /** Every succession on the way from it to today's bodies, oldest first (CCG → CCG → sub-ICB location → …) */
  steps: SuccessionStep[];
};

export type SuccessionStep = { from: string; to: OrganisationRef; effectiveDate: string; reason: SuccessionReason };

/** The successions reachable from a body, each once, by date. */
async function successionSteps(db: PrismaClient, id: number): Promise<SuccessionStep[]> {
  const rows = await queryRows<{ from_code: string; code: string; name: string; kind: OrganisationKind; nation: Nation; status: OrganisationStatus; effective_date: string; reason: SuccessionReason }>(db, sql`
    WITH RECURSIVE walk AS (
      SELECT s.predecessor_id, s.successor_id, 1 AS depth FROM succession s WHERE s.predecessor_id = ${id}
      UNION
      SELECT s.predecessor_id, s.successor_id, w.depth + 1 FROM walk w JOIN succession s ON s.predecessor_id = w.successor_id WHERE w.depth < 10
    )
    SELECT DISTINCT p.code AS from_code, o.code, o.name, o.kind, o.nation, o.status, to_char(s.effective_date, 'YYYY-MM-DD') AS effective_date, s.reason
    FROM walk w
    JOIN succession s ON s.predecessor_id = w.predecessor_id AND s.successor_id = w.successor_id
    JOIN organisation p ON p.id = w.predecessor_id
    JOIN organisation o ON o.id = w.successor_id
    ORDER BY effective_date, from_code, o.code`);
  return rows.map((r) => ({ from: r.from_code, to: { code: r.code, name: r.name, kind: r.kind, nation: r.nation, status: r.status }, effectiveDate: r.effective_date, reason: r.reason }));
}

/**
 * The open ends of the succession chains starting at `starts` (a statement selecting `id` columns),
 * as rows `start_id, id` where `id` is open: a chain stops at the first open body along it, so a
 * closed CCG whose sub-ICB location carries on leads to that location, and a split leads to each
 * of its open successors. A CTE named `heirs` for a statement to join.
 */
export function heirsCte(starts: Sql, { includeOpenStarts = false }: { includeOpenStarts?: boolean } = {}): Sql {
  return sql`heirs_walk AS (
      SELECT st.id AS start_id, st.id, 0 AS depth FROM (${starts}) st
      UNION
      SELECT w.start_id, s.successor_id, w.depth + 1
      FROM heirs_walk w JOIN organisation wo ON wo.id = w.id AND wo.status = 'closed'
      JOIN succession s ON s.predecessor_id = w.id WHERE w.depth < 10
    ), heirs AS (
      SELECT DISTINCT w.start_id, w.id FROM heirs_walk w JOIN organisation ho ON ho.id = w.id
      WHERE ho.status = 'open'${includeOpenStarts ? sql`` : sql` AND w.depth > 0`}
    )`;
}

/**
 * A CTE named `predecessors` (`id`): every body whose succession chain leads to the body `id` (a
 * value or a scalar subquery), however many steps back.
 */
export function predecessorsCte(id: number | Sql): Sql {
  return sql`predecessors_walk AS (
      SELECT s.predecessor_id AS id, 1 AS depth FROM succession s WHERE s.successor_id = ${id}
      UNION
      SELECT s.predecessor_id, w.depth + 1 FROM predecessors_walk w JOIN succession s ON s.successor_id = w.id WHERE w.depth < 10
    ), predecessors AS (SELECT DISTINCT id FROM predecessors_walk WHERE id <> ${id})`;
}

/**
 * For each closed body of `ids`, the open bodies its succession chains lead to (by name); none for
 * an open body, or the body itself with `includeOpenStarts`.
 */
export async function openHeirs(
  db: PrismaClient | Prisma.TransactionClient,
  ids: number[],
  options: { includeOpenStarts?: boolean } = {},
): Promise<Map<number, (OrganisationRef & { id: number })[]>> {
  const rows = ids.length === 0 ? [] : await queryRows<OrganisationRef & { id: number; start_id: number }>(db, sql`
    WITH RECURSIVE ${heirsCte(sql`SELECT unnest(${ids}::int[]) AS id`, options)}
    SELECT h.start_id, o.id, o.code, o.name, o.kind, o.nation, o.status
    FROM heirs h JOIN organisation o ON o.id = h.id ORDER BY o.name`);
  const heirs = new Map<number, (OrganisationRef & { id: number })[]>();
  for (const { start_id, ...heir } of rows) heirs.set(start_id, [...(heirs.get(start_id) ?? []), heir]);
  return heirs;
}

/** For each body of `ids`, its nearest ancestor (or itself) that is an ICB or board: the sub-ICB location's ICB, the HSCP's board. */
async function commissioningAncestors(db: PrismaClient, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ origin: number; id: number }>(db, sql`
    WITH RECURSIVE up AS (
      SELECT o.id AS origin, o.id, o.kind, o.parent_id, 0 AS depth FROM organisation o WHERE o.id = ANY(${ids}::int[])
      UNION ALL
      SELECT u.origin, p.id, p.kind, p.parent_id, u.depth + 1 FROM up u JOIN organisation p ON p.id = u.parent_id WHERE u.depth < 10
    )
    SELECT DISTINCT ON (origin) origin, id FROM up WHERE ${kindIn("kind", AREA_COMMISSIONER_KINDS)} ORDER BY origin, depth`);
  return new Map(rows.map((r) => [r.origin, r.id]));
}

/**
 * CTEs `current_bodies` and `current_commissioners` (id, code, name, kind, nation, status) for the one
 * body in the relation `body` (a CTE with its id and status): the open bodies that hold its functions
 * today (itself when it is open, else the open bodies its successions lead to, however far), and the
 * open heirs of each one's nearest ICB or board (or the body's own, when nothing carries on).
 */
export function currentBuyerCtes(body: Sql): Sql {
  return sql`current_walk AS (
      SELECT b.id, 0 AS depth FROM ${body} b
      UNION
      SELECT s.successor_id, w.depth + 1 FROM current_walk w JOIN succession s ON s.predecessor_id = w.id
      WHERE w.depth < 10 AND (SELECT b.status FROM ${body} b) <> 'open'
    ), current_bodies AS (
      SELECT DISTINCT o.id, o.code, o.name, o.kind, o.nation, o.status FROM current_walk w JOIN organisation o ON o.id = w.id WHERE o.status = 'open'
    ), commissioner_start AS (
      SELECT id FROM current_bodies
      UNION ALL
      SELECT b.id FROM ${body} b WHERE NOT EXISTS (SELECT 1 FROM current_bodies)
    ), commissioner_up AS (
      SELECT st.id AS origin, o.id, o.kind, o.parent_id, 0 AS depth FROM commissioner_start st JOIN organisation o ON o.id = st.id
      UNION ALL
      SELECT u.origin, p.id, p.kind, p.parent_id, u.depth + 1 FROM commissioner_up u JOIN organisation p ON p.id = u.parent_id WHERE u.depth < 10
    ), commissioner_walk AS (
      SELECT a.id, 0 AS depth FROM (SELECT DISTINCT ON (origin) origin, id FROM commissioner_up WHERE ${kindIn("kind", AREA_COMMISSIONER_KINDS)} ORDER BY origin, depth) a
      UNION
      SELECT s.successor_id, w.depth + 1 FROM commissioner_walk w JOIN succession s ON s.predecessor_id = w.id WHERE w.depth < 10
    ), current_commissioners AS (
      SELECT DISTINCT o.id, o.code, o.name, o.kind, o.nation, o.status FROM commissioner_walk w JOIN organisation o ON o.id = w.id WHERE o.status = 'open'
    )`;
}

/** A body aliased `alias` as the JSON of an OrganisationRef, followed by `more` pairs ('key', value). */
export const refJsonObject = (alias: string, more: Sql = sql``) =>
  sql`${raw(`json_build_object('code', ${alias}.code, 'name', ${alias}.name, 'kind', ${alias}.kind, 'nation', ${alias}.nation, 'status', ${alias}.status`)}${more})`;

const refsJson = (relation: Sql) => sql`(SELECT coalesce(json_agg(${refJsonObject("r")} ORDER BY r.name), '[]') FROM ${relation} r)`;

/** currentBuyerCtes' two relations as JSON columns `current_bodies` and `current_commissioners`, each by name. */
export const currentBuyerJson: Sql = sql`${refsJson(raw("current_bodies"))} AS current_bodies, ${refsJson(raw("current_commissioners"))} AS current_commissioners`;

export async function findCurrentBuyer(db: PrismaClient, code: string): Promise<CurrentBuyer | null> {
  const parsed = organisationCodeSchema.safeParse(code);
  if (!parsed.success) return null;
  const [row] = await queryRows<OrganisationRef & { id: number; current_bodies: OrganisationRef[]; current_commissioners: OrganisationRef[] }>(db, sql`
    WITH RECURSIVE body AS (SELECT id, code, name, kind, nation, status FROM organisation WHERE code = ${parsed.data}),
    ${currentBuyerCtes(raw("body"))}
    SELECT b.id, b.code, b.name, b.kind, b.nation, b.status, ${currentBuyerJson} FROM body b`);
  if (!row) return null;
  const { id, current_bodies: current, current_commissioners: currentCommissioners, ...organisation } = row;
  const steps = organisation.status === "open" ? [] : await successionSteps(db, id);
  return { organisation, current, currentCommissioners, steps };
}

/**
 * Today's bodies for many at once, in three statements whatever their number (spreadsheet
 * matching): an open body is itself; a closed one leads to the open bodies at the end of its
 * successions. A sub-ICB location holds no contracts of its own since July 2022, so it leads on to
 * its ICB as it is today (findCurrentBuyer's currentCommissioners), e.g. a 2021 CCG to its 2026 ICB.
 */
export async function todaysBodies(db: PrismaClient, ids: number[]): Promise<Map<number, OrganisationRef[]>> {
  const heirs = await openHeirs(db, ids, { includeOpenStarts: true });
  const subIcbIds = [...new Set([...heirs.values()].flat().filter((b) => b.kind === "sub-icb-location").map((b) => b.id))];
  const ancestors = await commissioningAncestors(db, subIcbIds);
  const commissioners = await openHeirs(db, [...new Set(ancestors.values())], { includeOpenStarts: true });
  const commissionerOf = new Map([...ancestors].map(([origin, ancestor]) => [origin, commissioners.get(ancestor) ?? []]));

  const today = new Map<number, OrganisationRef[]>();
  for (const id of ids) {
    const bodies = new Map<string, OrganisationRef>();
    for (const heir of heirs.get(id) ?? []) {
      const replaced = heir.kind === "sub-icb-location" ? commissionerOf.get(heir.id) : undefined;
      for (const { code, name, kind, nation, status } of replaced?.length ? replaced : [heir]) bodies.set(code, { code, name, kind, nation, status });
    }
    today.set(id, [...bodies.values()].sort((a, b) => a.name.localeCompare(b.name)));
  }
  return today;
}
