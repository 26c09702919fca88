// The change log: what changed in the reference data, newest first. Reference data belongs to no
// team, so neither does its log: every signed-in user reads the same entries.
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { queryRows } from "@/lib/db/query";
import { join, sql, type Sql } from "@/lib/db/sql";
import { limitParam, type FeedTable } from "@/lib/tables/server";
import { NATIONS, ORGANISATION_KINDS, type OrganisationKind } from "@/lib/organisations/vocabulary";
import { predecessorsCte } from "@/lib/organisations/succession";
import { CHANGE_TYPES, type ChangeFields } from "./vocabulary";

/** A form's empty field is no filter. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema.optional());
const day = (name: string) => optional(z.iso.date(`${name} must be a date YYYY-MM-DD`));

/** The log's parameters, on /changes and in the API. `before` is the `next_before` of the page above. */
export const changesFeedSchema = z.object({
  since: day("since"),
  until: day("until"),
  nation: optional(z.enum(NATIONS, { message: `nation must be one of: ${NATIONS.join(", ")}` })),
  kind: optional(z.enum(ORGANISATION_KINDS, { message: `kind must be one of: ${ORGANISATION_KINDS.join(", ")}` })),
  type: optional(z.enum(CHANGE_TYPES, { message: `type must be one of: ${CHANGE_TYPES.join(", ")}` })),
  code: optional(z.string().trim().min(1).max(20, "code must be at most 20 characters").transform((v) => v.toUpperCase())),
  limit: limitParam({ default: 50, limit: { min: 1, max: 200 } }),
  before: z.string().regex(/^\d{4}-\d{2}-\d{2}\.\d{1,10}$/, "before must be the next_before of an earlier page").optional(),
});
export type ChangesFeedParams = z.output<typeof changesFeedSchema>;

export type ChangeBody = { code: string; name: string | null; kind: OrganisationKind | null; status: "open" | "closed" | null };

export type ChangeRecord = ChangeFields & {
  id: number;
  effectiveDate: string;
  /** The bodies touched, in the entry's order; name null for a code no longer in the data */
  bodies: ChangeBody[];
  recordedAt: string;
};

type ChangeRow = Omit<ChangeRecord, "bodies" | "recordedAt"> & { recordedAt: Date };

const SELECT = sql`SELECT id, effective_date::text AS "effectiveDate", type, codes, nations, kinds, summary, before, after, source, source_url AS "sourceUrl", created_at AS "recordedAt" FROM change_event`;

/** The entries matching `where` (newest first: by date, then the order they were recorded), with their bodies. */
async function readChanges(db: PrismaClient, where: Sql[], limit: number): Promise<ChangeRecord[]> {
  const rows = await queryRows<ChangeRow>(db, sql`${SELECT} WHERE ${where.length ? join(where, " AND ") : sql`true`} ORDER BY effective_date DESC, id DESC LIMIT ${limit}`);
  const codes = [...new Set(rows.flatMap((r) => r.codes))];
  const found = await db.organisation.findMany({ where: { code: { in: codes } }, select: { code: true, name: true, kind: true, status: true } });
  const byCode = new Map(found.map((o) => [o.code, o]));
  return rows.map((row) => ({
    ...row,
    recordedAt: row.recordedAt.toISOString(),
    bodies: row.codes.map((code) => {
      const body = byCode.get(code);
      return { code, name: body?.name ?? null, kind: (body?.kind as OrganisationKind) ?? null, status: (body?.status as ChangeBody["status"]) ?? null };
    }),
  }));
}

/** Every change to the reference data, newest first, filtered by date, nation, kind, type and code. */
export const changesTable: FeedTable<ChangeRecord, ChangesFeedParams, null> = {
  params: changesFeedSchema,
  size: (params) => params.limit,
  query: async (db, _scope, p, limit) => {
    const where: Sql[] = [];
    if (p.since) where.push(sql`effective_date >= ${p.since}::date`);
    if (p.until) where.push(sql`effective_date <= ${p.until}::date`);
    if (p.nation) where.push(sql`nations @> ARRAY[${p.nation}]::text[]`);
    if (p.kind) where.push(sql`kinds @> ARRAY[${p.kind}]::text[]`);
    if (p.type) where.push(sql`type = ${p.type}`);
    if (p.code) where.push(sql`codes @> ARRAY[${p.code}]::text[]`);
    if (p.before) {
      const [date, id] = p.before.split(".");
      where.push(sql`(effective_date, id) < (${date}::date, ${Number(id)}::int)`);
    }
    const rows = await readChanges(db, where, limit + 1);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return { rows: page, nextBefore: rows.length > limit && last ? `${last.effectiveDate}.${last.id}` : null };
  },
};

/** The history of one body: the entries touching it or any body it succeeded, at any distance, newest first. */
export async function listOrganisationHistory(db: PrismaClient, code: string, limit = 100): Promise<ChangeRecord[]> {
  const lineage = await queryRows<{ code: string }>(db, sql`
    WITH RECURSIVE ${predecessorsCte(sql`(SELECT id FROM organisation WHERE code = ${code})`)}
    SELECT o.code FROM predecessors p JOIN organisation o ON o.id = p.id`);
  const codes = [code, ...lineage.map((r) => r.code)];
  return readChanges(db, [sql`codes && ${codes}::text[]`], limit);
}

export function changeToJson(change: ChangeRecord) {
  return {
    id: change.id,
    date: change.effectiveDate,
    type: change.type,
    codes: change.codes,
    bodies: change.bodies,
    nations: change.nations,
    kinds: change.kinds,
    summary: change.summary,
    before: change.before ?? null,
    after: change.after ?? null,
    source: { text: change.source, url: change.sourceUrl },
    recorded_at: change.recordedAt,
  };
}
