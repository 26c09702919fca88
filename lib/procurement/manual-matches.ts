// Buyers matched by hand. Matches are global (every team sees the same notices under the same
// bodies), so only operators of the installation (User.isOperator) may make or remove one; each is
// kept by the buyer's key in procurement_buyer_match, which the importer applies before its own
// rules, so a manual match survives every re-import. Each change is audited in the operator's team.
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { AuthContext } from "@/lib/auth/context";
import { recordTeamChange } from "@/lib/audit";
import { queryRows } from "@/lib/db/query";
import { join, sql, type Sql } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";
import { PAGED_TABLE_SIZES } from "@/lib/paging";
import { matchBuyers, requireOperator } from "@/lib/procurement/buyers";
import { sortParam, type PagedTable } from "@/lib/tables/server";

export type BuyerNameRow = {
  buyerKey: string;
  /** The name most of its notices give */
  buyerName: string;
  notices: number;
  /** The body an operator matched it to, if one did */
  manual: { code: string; name: string; matchedBy: string | null } | null;
};

const BUYER_SORTS = ["notices", "name"] as const;
type BuyerSort = (typeof BUYER_SORTS)[number];

export const buyerNamesParams = z.object({
  q: z.string().trim().max(200).optional(),
  /** "unmatched" (no body by any rule) or "manual" (matched by hand) */
  show: z.enum(["unmatched", "manual"]).default("unmatched"),
  sort: sortParam(BUYER_SORTS).optional(),
});
export type BuyerNamesFilters = z.output<typeof buyerNamesParams>;

const ORDER: Record<BuyerSort, Sql> = { notices: sql`notices DESC, "buyerName"`, name: sql`"buyerName", notices DESC` };

/** Buyer names with no body, or with a manual match, grouped by key, with their notice counts; searchable, paged on the server. */
export const buyerNamesTable: PagedTable<BuyerNameRow, BuyerNamesFilters, BuyerSort, null> = {
  params: buyerNamesParams,
  sorts: BUYER_SORTS,
  sort: (filters) => filters.sort ?? "notices",
  sizes: PAGED_TABLE_SIZES,
  api: "offset",
  query: async (db, _scope, filters, window) => {
    const conditions: Sql[] = [filters.show === "manual" ? sql`p.buyer_match_method = 'manual'` : sql`p.buyer_code IS NULL`];
    if (filters.q) conditions.push(sql`p.buyer_name ILIKE ${`%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
    const rows = await queryRows<BuyerNameRow & { total: number }>(db, sql`
      WITH names AS (
        SELECT p.buyer_key AS "buyerKey", mode() WITHIN GROUP (ORDER BY p.buyer_name) AS "buyerName", count(*)::int AS notices
        FROM procurement_process p WHERE ${join(conditions, " AND ")} GROUP BY p.buyer_key
      )
      SELECT names.*, count(*) OVER ()::int AS total,
        CASE WHEN m.buyer_key IS NULL THEN NULL ELSE jsonb_build_object('code', o.code, 'name', o.name, 'matchedBy', u.email) END AS manual
      FROM names
      LEFT JOIN procurement_buyer_match m ON m.buyer_key = names."buyerKey"
      LEFT JOIN organisation o ON o.code = m.organisation_code
      LEFT JOIN user_account u ON u.id = m.matched_by_id
      ORDER BY ${ORDER[buyerNamesTable.sort(filters)]}
      LIMIT ${window.limit} OFFSET ${window.offset}`);
    const total = rows[0]?.total ?? 0;
    const next = window.offset + rows.length;
    return { rows: rows.map(({ buyerKey, buyerName, notices, manual }) => ({ buyerKey, buyerName, notices, manual })), total, totalExact: true, nextOffset: next < total ? next : null };
  },
};

export const manualMatchSchema = z.object({
  buyerKey: z.string().min(1, "Choose a buyer name").max(500),
  code: z.string().trim().min(1, "Choose a body").max(20).transform((code) => code.toUpperCase()),
});
export const removeMatchSchema = manualMatchSchema.pick({ buyerKey: true });

/** Matches every notice of a buyer key to a body, for every team; operators only. Returns the notices it now covers. */
export async function matchBuyerByHand(db: PrismaClient, ctx: AuthContext, input: z.output<typeof manualMatchSchema>): Promise<{ notices: number }> {
  await requireOperator(db, ctx.user.id);
  const body = await db.organisation.findUnique({ where: { code: input.code }, select: { code: true, name: true } });
  if (!body) throw new AppError("invalid", `No body has the code ${input.code}.`, { code: ["No body has this code"] });
  const notice = await db.procurementProcess.findFirst({ where: { buyerKey: input.buyerKey }, select: { buyerName: true } });
  if (!notice) throw new AppError("not-found", "No notice has this buyer name.");
  return db.$transaction(async (tx) => {
    const before = await tx.procurementBuyerMatch.findUnique({ where: { buyerKey: input.buyerKey }, select: { organisationCode: true } });
    await tx.procurementBuyerMatch.upsert({
      where: { buyerKey: input.buyerKey },
      create: { buyerKey: input.buyerKey, buyerName: notice.buyerName, organisationCode: body.code, matchedById: ctx.user.id },
      update: { organisationCode: body.code, matchedById: ctx.user.id, matchedAt: new Date() },
    });
    await matchBuyers(tx, sql`p.buyer_key = ${input.buyerKey}`);
    await recordTeamChange(tx, ctx, "procurement.buyer-matched", `buyer:${notice.buyerName}`, { before: before ? { code: before.organisationCode } : undefined, after: { code: body.code, name: body.name } });
    return { notices: await tx.procurementProcess.count({ where: { buyerKey: input.buyerKey } }) };
  });
}

/** Removes a manual match: its notices go back to the importer's rules. Operators only. */
export async function removeManualMatch(db: PrismaClient, ctx: AuthContext, input: z.output<typeof removeMatchSchema>): Promise<void> {
  await requireOperator(db, ctx.user.id);
  await db.$transaction(async (tx) => {
    const match = await tx.procurementBuyerMatch.findUnique({ where: { buyerKey: input.buyerKey } });
    if (!match) throw new AppError("not-found", "This buyer name has no manual match.");
    await tx.procurementBuyerMatch.delete({ where: { buyerKey: input.buyerKey } });
    await matchBuyers(tx, sql`p.buyer_key = ${input.buyerKey}`);
    await recordTeamChange(tx, ctx, "procurement.buyer-unmatched", `buyer:${match.buyerName}`, { before: { code: match.organisationCode } });
  });
}
