// Adding bodies to a team's target list: one by one, by codes, or every body matching an explorer filter.
import { z } from "zod";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
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

// ---------- entry fields, stages and the pipeline ----------

export const STAGES = ["identified", "researching", "engaged", "proposal", "won", "lost"] as const;
export const PRIORITIES = ["high", "medium", "low"] as const;

const blankToNull = (v: unknown) => (v === "" ? null : v);
export const updateEntrySchema = z
  .object({
    listId: idSchema,
    entryId: idSchema,
    version: z.coerce.number({ message: "version is required" }).int().positive(),
    stage: z.enum(STAGES, { message: `stage must be one of: ${STAGES.join(", ")}` }).optional(),
    lostReason: z.preprocess(blankToNull, z.string().trim().max(500, "Use at most 500 characters").nullable()).optional(),
    ownerId: z.preprocess(blankToNull, idSchema.nullable()).optional(),
    priority: z.preprocess(blankToNull, z.enum(PRIORITIES, { message: "priority must be high, medium or low" }).nullable()).optional(),
    nextStep: z.preprocess(blankToNull, z.string().trim().max(500, "Use at most 500 characters").nullable()).optional(),
    nextStepDate: z.preprocess(blankToNull, z.iso.date("nextStepDate must be a date YYYY-MM-DD").nullable()).optional(),
    tags: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((v) => (v === undefined ? undefined : [...new Set(([] as string[]).concat(v).flatMap((t) => t.split(",")).map((t) => t.trim().toLowerCase()).filter(Boolean))]))
      .pipe(z.array(z.string().max(40, "A tag has at most 40 characters")).max(20, "At most 20 tags").optional()),
    estimatedValueGbp: z.preprocess(blankToNull, z.coerce.number({ message: "estimatedValueGbp must be a number of pounds" }).min(0, "A value cannot be negative").max(1e12).nullable()).optional(),
  });
export type UpdateEntryInput = z.output<typeof updateEntrySchema>;

const entrySelect = {
  id: true,
  listId: true,
  stage: true,
  lostReason: true,
  priority: true,
  nextStep: true,
  nextStepDate: true,
  tags: true,
  estimatedValueGbp: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  owner: { select: { id: true, name: true } },
  addedBy: { select: { name: true } },
  organisation: { select: { code: true, name: true, kind: true, nation: true, status: true, population: true } },
} as const;

export function entryToJson(entry: Awaited<ReturnType<typeof getEntry>>) {
  return {
    id: entry.id,
    list_id: entry.listId,
    organisation: entry.organisation,
    stage: entry.stage,
    lost_reason: entry.lostReason,
    owner: entry.owner,
    priority: entry.priority,
    next_step: entry.nextStep,
    next_step_date: entry.nextStepDate?.toISOString().slice(0, 10) ?? null,
    tags: entry.tags,
    estimated_value_gbp: entry.estimatedValueGbp === null ? null : Number(entry.estimatedValueGbp),
    version: entry.version,
    added_by: entry.addedBy.name,
    created_at: entry.createdAt.toISOString(),
    updated_at: entry.updatedAt.toISOString(),
  };
}

export async function getEntry(db: PrismaClient | Prisma.TransactionClient, ctx: AuthContext, listId: string, entryId: string) {
  const entry = await db.targetListEntry.findFirst({ where: { id: entryId, listId, list: { teamId: ctx.team.id } }, select: entrySelect });
  if (!entry) throw notFound("That list entry");
  return entry;
}

/** Changes an entry if it is still at the version the user edited; otherwise 409 with the current entry. */
export async function updateEntry(db: PrismaClient, ctx: AuthContext, input: UpdateEntryInput) {
  return db.$transaction(async (tx) => {
    const before = await getEntry(tx, ctx, input.listId, input.entryId);
    const stage = input.stage ?? before.stage;
    const lostReason = input.lostReason !== undefined ? input.lostReason : before.lostReason;
    if (stage === "lost" && !lostReason) throw new AppError("invalid", "Say why it was lost.", { lostReason: ["Required when the stage is lost"] });
    if (input.ownerId) {
      const member = await tx.membership.findUnique({ where: { userId_teamId: { userId: input.ownerId, teamId: ctx.team.id } } });
      if (!member) throw new AppError("invalid", "The owner must be a member of your team.", { ownerId: ["Not a team member"] });
    }
    const { count } = await tx.targetListEntry.updateMany({
      where: { id: input.entryId, listId: input.listId, version: input.version },
      data: {
        stage,
        lostReason: stage === "lost" ? lostReason : null,
        ...(input.ownerId !== undefined ? { ownerId: input.ownerId } : {}),
        ...(input.priority !== undefined ? { priority: input.priority } : {}),
        ...(input.nextStep !== undefined ? { nextStep: input.nextStep } : {}),
        ...(input.nextStepDate !== undefined ? { nextStepDate: input.nextStepDate ? new Date(`${input.nextStepDate}T00:00:00Z`) : null } : {}),
        ...(input.tags !== undefined ? { tags: input.tags } : {}),
        ...(input.estimatedValueGbp !== undefined ? { estimatedValueGbp: input.estimatedValueGbp } : {}),
        version: { increment: 1 },
      },
    });
    if (count === 0) {
      throw new AppError("conflict", `Someone changed this entry since you opened it (now version ${before.version}). Reload it and make your change again.`, {}, undefined, entryToJson(before));
    }
    const after = await getEntry(tx, ctx, input.listId, input.entryId);
    await recordAudit(tx, { action: "target-list.entry-updated", teamId: ctx.team.id, userId: ctx.user.id, ip: ctx.ip, target: `target-list-entry:${input.entryId}`, before: entryToJson(before), after: entryToJson(after) });
    return after;
  });
}

export const bulkStageSchema = z.object({
  listId: idSchema,
  entryIds: z.union([z.string(), z.array(z.string())]).transform((v) => ([] as string[]).concat(v).flatMap((x) => x.split(",")).filter(Boolean)).pipe(z.array(idSchema).min(1, "Select at least one entry").max(MAX_BULK_ADD)),
  stage: z.enum(STAGES),
  lostReason: z.string().trim().max(500).optional(),
});

/** One stage for many entries, in one transaction: all of them change or none does. */
export async function bulkUpdateStage(db: PrismaClient, ctx: AuthContext, input: z.output<typeof bulkStageSchema>) {
  if (input.stage === "lost" && !input.lostReason) throw new AppError("invalid", "Say why they were lost.", { lostReason: ["Required when the stage is lost"] });
  return db.$transaction(async (tx) => {
    const list = await tx.targetList.findFirst({ where: { id: input.listId, teamId: ctx.team.id }, select: { id: true } });
    if (!list) throw notFound("That target list");
    const before = await tx.targetListEntry.findMany({ where: { id: { in: input.entryIds }, listId: list.id }, select: { id: true, stage: true } });
    if (before.length !== input.entryIds.length) throw new AppError("not-found", "Some of the selected entries are no longer on this list; reload and try again.");
    const { count } = await tx.targetListEntry.updateMany({
      where: { id: { in: input.entryIds }, listId: list.id },
      data: { stage: input.stage, lostReason: input.stage === "lost" ? input.lostReason : null, version: { increment: 1 } },
    });
    await recordAudit(tx, {
      action: "target-list.entries-updated",
      teamId: ctx.team.id,
      userId: ctx.user.id,
      ip: ctx.ip,
      target: `target-list:${list.id}`,
      before: before.map((b) => ({ id: b.id, stage: b.stage })),
      after: { stage: input.stage, lostReason: input.lostReason ?? null, count },
    });
    return { updated: count };
  });
}

/** Count and estimated value per stage, computed in PostgreSQL. */
export async function pipelineSummary(db: PrismaClient, ctx: AuthContext, listId?: string) {
  const rows = await db.$queryRaw<{ stage: string; count: number; value: string | null }[]>`
    SELECT e.stage, count(*)::int AS count, sum(e.estimated_value_gbp)::text AS value
    FROM target_list_entry e JOIN target_list l ON l.id = e.list_id
    WHERE l.team_id = ${ctx.team.id} AND l.archived_at IS NULL AND (${listId ?? null}::text IS NULL OR l.id = ${listId ?? null})
    GROUP BY e.stage`;
  return STAGES.map((stage) => {
    const row = rows.find((r) => r.stage === stage);
    return { stage, count: row?.count ?? 0, valueGbp: row?.value ? Number(row.value) : 0 };
  });
}

export const entriesQuerySchema = z.object({
  q: z.string().trim().max(100).optional().transform((v) => (v ? v : undefined)),
  stage: z.enum(STAGES).optional().or(z.literal("").transform(() => undefined)),
  owner: z.string().trim().max(64).optional().transform((v) => (v ? v : undefined)),
  sort: z.enum(["name", "-name", "stage", "-stage", "value", "-value", "next_step_date", "-next_step_date", "updated", "-updated"]).default("name"),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const ENTRY_ORDER: Record<string, Prisma.TargetListEntryOrderByWithRelationInput[]> = {
  name: [{ organisation: { name: "asc" } }],
  "-name": [{ organisation: { name: "desc" } }],
  stage: [{ stage: "asc" }],
  "-stage": [{ stage: "desc" }],
  value: [{ estimatedValueGbp: { sort: "asc", nulls: "last" } }],
  "-value": [{ estimatedValueGbp: { sort: "desc", nulls: "last" } }],
  next_step_date: [{ nextStepDate: { sort: "asc", nulls: "last" } }],
  "-next_step_date": [{ nextStepDate: { sort: "desc", nulls: "last" } }],
  updated: [{ updatedAt: "asc" }],
  "-updated": [{ updatedAt: "desc" }],
};

/** A page of the list's entries, filtered, searched and sorted in PostgreSQL. */
export async function listEntries(db: PrismaClient, ctx: AuthContext, listId: string, query: Partial<z.output<typeof entriesQuerySchema>> = {}) {
  const q = entriesQuerySchema.parse(query);
  const where: Prisma.TargetListEntryWhereInput = {
    listId,
    list: { teamId: ctx.team.id },
    ...(q.stage ? { stage: q.stage } : {}),
    ...(q.owner ? { ownerId: q.owner === "none" ? null : q.owner } : {}),
    ...(q.q ? { OR: [{ organisation: { name: { contains: q.q, mode: "insensitive" } } }, { organisation: { code: { equals: q.q.toUpperCase() } } }, { tags: { has: q.q.toLowerCase() } }] } : {}),
  };
  const [entries, total] = await Promise.all([
    db.targetListEntry.findMany({ where, orderBy: [...ENTRY_ORDER[q.sort]!, { id: "asc" }], skip: q.offset, take: q.limit, select: entrySelect }),
    db.targetListEntry.count({ where }),
  ]);
  return { entries, total };
}
