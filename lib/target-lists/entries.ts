// Adding bodies to a team's target list: one by one, by codes, or every body matching an explorer filter.
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit";
import type { AuthContext } from "@/lib/auth/context";
import { idSchema } from "@/lib/auth/validation";
import { AppError, notFound } from "@/lib/errors";
import { matchingOrganisationIds, parseExplorerParams } from "@/lib/organisations/explorer";

/** Most bodies one request may add: all GP practices of a large region fit; all of England does not. */
export const MAX_BULK_ADD = 10_000;

export const addEntriesSchema = z
  .object({
    listId: idSchema,
    codes: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((v) => (v === undefined ? undefined : ([] as string[]).concat(v).flatMap((c) => c.split(",")).map((c) => c.trim().toUpperCase()).filter(Boolean))),
    /** An explorer query string: add every body it matches */
    filter: z.string().max(4000).optional(),
  })
  .refine((v) => (v.codes?.length ?? 0) > 0 !== (v.filter !== undefined), { message: "Send either codes or a filter", path: ["codes"] })
  .refine((v) => (v.codes?.length ?? 0) <= MAX_BULK_ADD, { message: `At most ${MAX_BULK_ADD} codes at once`, path: ["codes"] });

export type AddEntriesResult = { added: number; alreadyOnList: number; requested: number };

/** All or nothing, in one transaction: a body already on the list is left as it is and counted. */
export type AddEntriesInput = { listId: string; codes?: string[]; filter?: string };

export async function addEntries(db: PrismaClient, ctx: AuthContext, input: AddEntriesInput): Promise<AddEntriesResult> {
  const list = await db.targetList.findFirst({ where: { id: input.listId, teamId: ctx.team.id, archivedAt: null }, select: { id: true, name: true } });
  if (!list) throw notFound("That target list");
  if (!input.codes?.length && input.filter === undefined) throw new AppError("invalid", "Send the codes to add, or a filter.");
  let ids: number[];
  if (input.codes?.length) {
    const found = await db.organisation.findMany({ where: { code: { in: input.codes } }, select: { id: true, code: true } });
    const missing = input.codes.filter((code) => !found.some((o) => o.code === code));
    if (missing.length) throw new AppError("invalid", `No organisation has the code${missing.length > 1 ? "s" : ""} ${missing.slice(0, 10).join(", ")}; nothing was added.`, { codes: missing.slice(0, 10) });
    ids = found.map((o) => o.id);
  } else {
    ids = await matchingOrganisationIds(db, { teamId: ctx.team.id }, parseExplorerParams(new URLSearchParams(input.filter ?? "")), MAX_BULK_ADD);
  }
  return db.$transaction(async (tx) => {
    const inserted = await tx.$executeRaw`
      INSERT INTO target_list_entry (id, list_id, organisation_id, added_by_id, updated_at)
      SELECT 'e' || md5(random()::text || clock_timestamp()::text || x.id::text), ${list.id}, x.id, ${ctx.user.id}, now()
      FROM unnest(${ids}::int[]) AS x(id)
      ON CONFLICT (list_id, organisation_id) DO NOTHING`;
    await recordAudit(tx, {
      action: "target-list.entries-added",
      teamId: ctx.team.id,
      userId: ctx.user.id,
      ip: ctx.ip,
      target: `target-list:${list.id}`,
      after: { added: inserted, alreadyOnList: ids.length - inserted, ...(input.codes?.length ? { codes: input.codes.slice(0, 100) } : { filter: input.filter }) },
    });
    return { added: inserted, alreadyOnList: ids.length - inserted, requested: ids.length };
  });
}

export async function listEntries(db: PrismaClient, ctx: AuthContext, listId: string, page: { limit: number; offset: number }) {
  const where = { listId, list: { teamId: ctx.team.id } };
  const [entries, total] = await Promise.all([
    db.targetListEntry.findMany({
      where,
      orderBy: [{ organisation: { name: "asc" } }, { id: "asc" }],
      skip: page.offset,
      take: page.limit,
      select: { id: true, stage: true, version: true, createdAt: true, addedBy: { select: { name: true } }, organisation: { select: { code: true, name: true, kind: true, nation: true, status: true } } },
    }),
    db.targetListEntry.count({ where }),
  ]);
  return { entries, total };
}
