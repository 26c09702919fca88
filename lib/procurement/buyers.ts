// Matching a notice's buyer, as published, to a body of the atlas. One statement for any number of
// notices, in this order: a manual match (an operator's, global) by the buyer's match key; an ODS
// code the publisher (or the CSV's ODS column) gave, that exists in organisation; the exact
// normalised current name of a body (match_key() and organisation_match_name); then one of its
// former or other names. Within a step a key naming several bodies goes to the one that is open; a
// key naming two or more open bodies is left unmatched rather than guessed, and a name that says it
// is a trust never matches a CCG's or an ICB's name (match_designator()). Run by the importer after
// every write, and again after a reference-data import (rematchBuyers), since bodies and their
// names change.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { execute, queryRows, type Queryable } from "@/lib/db/query";
import { sql, type Sql } from "@/lib/db/sql";
import { notFound } from "@/lib/errors";
import type { BuyerMatchMethod } from "@/lib/procurement/vocabulary";

/** What buyer_matched_by says for a match the importer made. */
export const IMPORTER = "importer";

/** Schemes whose identifiers are ODS codes ("GB-NHS-RXV"); a bare code (the CSV's ODS column) is taken as it is. */
const ODS_SCHEME_PREFIX = "^(GB-NHS|GB-ODS|ODS)-";

/**
 * The buyer key of a name (SQL): match_key() once initials spelt with spaces are closed up, as some
 * publishers write them ("N H S Shared Business Services", "N E L Commissioning Support Unit").
 */
export function buyerKeySql(name: Sql): Sql {
  return sql`match_key(regexp_replace(${name}, '\\m([A-Z]) (?=[A-Z]\\M)', '\\1', 'g'))`;
}

export type BuyerMatchSummary = Record<BuyerMatchMethod, number> & { unmatched: number };

/** The decision for every notice in `target` (a CTE of procurement_process rows: id, buyer_key, buyer_name, buyer_identifier). */
function decisions(where: Sql): Sql {
  return sql`
    target AS (
      SELECT p.id, p.buyer_key, match_designator(p.buyer_name) AS designator,
        upper(regexp_replace(coalesce(p.buyer_identifier, ''), ${ODS_SCHEME_PREFIX}, '', 'i')) AS ods
      FROM procurement_process p WHERE ${where}
    ), manual AS (
      SELECT t.id, m.organisation_code AS code, coalesce(u.email, 'an operator') AS matched_by
      FROM target t JOIN procurement_buyer_match m ON m.buyer_key = t.buyer_key LEFT JOIN user_account u ON u.id = m.matched_by_id
    ), identified AS (
      SELECT t.id, o.code FROM target t JOIN organisation o ON o.code = t.ods AND o.code_system = 'ods'
    ), named AS (
      SELECT t.id, n.is_current, o.code, o.status <> 'closed' AS open
      FROM target t
      JOIN organisation_match_name n ON n.key = t.buyer_key
      JOIN organisation o ON o.id = n.organisation_id
      WHERE t.buyer_key <> '' AND NOT (t.designator <> '' AND n.designator <> '' AND t.designator <> n.designator)
    ), by_name AS (
      -- one row per notice and step (current name, other name): the body, or NULL when the key is ambiguous
      SELECT id, is_current,
        CASE WHEN count(DISTINCT code) = 1 THEN min(code)
             WHEN count(DISTINCT code) FILTER (WHERE open) = 1 THEN min(code) FILTER (WHERE open) END AS code
      FROM named GROUP BY id, is_current
    ), decided AS (
      SELECT t.id,
        coalesce(manual.code, identified.code, current_name.code, CASE WHEN current_name.id IS NULL THEN other_name.code END) AS code,
        CASE WHEN manual.code IS NOT NULL THEN 'manual' WHEN identified.code IS NOT NULL THEN 'identifier'
             WHEN current_name.code IS NOT NULL THEN 'name' WHEN current_name.id IS NULL AND other_name.code IS NOT NULL THEN 'alias' END AS method,
        CASE WHEN manual.code IS NOT NULL THEN manual.matched_by ELSE ${IMPORTER} END AS matched_by
      FROM target t
      LEFT JOIN manual ON manual.id = t.id
      LEFT JOIN (SELECT DISTINCT ON (id) id, code FROM identified ORDER BY id, code) identified ON identified.id = t.id
      LEFT JOIN by_name current_name ON current_name.id = t.id AND current_name.is_current
      LEFT JOIN by_name other_name ON other_name.id = t.id AND NOT other_name.is_current
    )`;
}

/** Matches the notices `where` selects (a condition on procurement_process p); returns how many changed. */
export async function matchBuyers(db: Queryable, where: Sql = sql`true`): Promise<number> {
  return execute(db, sql`
    WITH ${decisions(where)}
    UPDATE procurement_process p
    SET buyer_code = d.code, buyer_match_method = d.method, buyer_matched_by = CASE WHEN d.code IS NULL THEN NULL ELSE d.matched_by END
    FROM decided d
    WHERE p.id = d.id
      AND (p.buyer_code, p.buyer_match_method, p.buyer_matched_by) IS DISTINCT FROM (d.code, d.method, CASE WHEN d.code IS NULL THEN NULL ELSE d.matched_by END)`);
}

/** Every notice matched again, e.g. after the reference data changed; returns how many notices changed and the summary. */
export async function rematchBuyers(db: Queryable): Promise<{ changed: number; summary: BuyerMatchSummary }> {
  const changed = await matchBuyers(db);
  return { changed, summary: await buyerMatchSummary(db) };
}

/** How many notices matched by each method, and how many are unmatched. */
export async function buyerMatchSummary(db: Queryable): Promise<BuyerMatchSummary> {
  const rows = await queryRows<{ method: BuyerMatchMethod | null; notices: number }>(db, sql`
    SELECT buyer_match_method AS method, count(*)::int AS notices FROM procurement_process GROUP BY buyer_match_method`);
  const count = (method: BuyerMatchMethod | null) => rows.find((row) => row.method === method)?.notices ?? 0;
  return { manual: count("manual"), identifier: count("identifier"), name: count("name"), alias: count("alias"), unmatched: count(null) };
}

export function formatBuyerMatchSummary(summary: BuyerMatchSummary): string {
  return `buyers: ${summary.identifier} by identifier, ${summary.name} by exact name, ${summary.alias} by a former or other name, ${summary.manual} by hand, ${summary.unmatched} unmatched`;
}

// ---------- manual matches (operators only, global) ----------

/** Whether the user is an operator of this installation (User.isOperator), who alone may match buyers by hand. */
export async function isOperator(db: PrismaClient, userId: string): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { isOperator: true } });
  return user?.isOperator === true;
}

/** Refuses anyone but an operator as "not found", as the page does: the feature does not exist for them. */
export async function requireOperator(db: PrismaClient, userId: string): Promise<void> {
  if (!(await isOperator(db, userId))) throw notFound("This page");
}

/** The match key of a buyer name, as the importer keeps it, so a manual match uses the importer's keys. */
export async function buyerKeyOf(db: Queryable, name: string): Promise<string> {
  const [row] = await queryRows<{ key: string }>(db, sql`SELECT ${buyerKeySql(sql`${name}::text`)} AS key`);
  return row?.key ?? "";
}
