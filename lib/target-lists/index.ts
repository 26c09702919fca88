// Target lists belong to a team. Every query carries the team in its where clause, so another
// team's list is simply not found, whatever id is sent.
import { z } from "zod";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { recordTeamChange } from "@/lib/audit";
import type { AuthContext } from "@/lib/auth/context";
import { idSchema } from "@/lib/auth/validation";
import { AppError, notFound } from "@/lib/errors";
import { personSelect, shownPerson } from "@/lib/auth/former-member";

const listName = z.string().trim().min(1, "Give the list a name").max(120, "Use at most 120 characters");
const description = z
  .string()
  .trim()
  .max(2000, "Use at most 2,000 characters")
  .transform((value) => (value === "" ? null : value));

export const createTargetListSchema = z.object({ name: listName, description: description.optional() });
export const updateTargetListSchema = z.object({
  id: idSchema,
  name: listName,
  description: description.optional(),
  /** The version the user edited: a stale one is refused rather than overwriting someone else's change */
  version: z.coerce.number().int().positive(),
});

const listSelect = { id: true, name: true, description: true, version: true, archivedAt: true, createdAt: true, updatedAt: true, teamId: true, createdBy: personSelect } as const;

type Db = PrismaClient | Prisma.TransactionClient;

/** The team's list with this id, or null: another team's list is simply not found. `active` leaves archived lists out. */
export function findTeamList(db: Db, teamId: string, id: string, options: { active?: boolean } = {}) {
  return db.targetList.findFirst({ where: { id, teamId, ...(options.active ? { archivedAt: null } : {}) }, select: listSelect });
}

/** The team's list with this id; a 404 otherwise. */
export async function getTargetList(db: Db, ctx: AuthContext, id: string, options: { active?: boolean } = {}) {
  const list = await findTeamList(db, ctx.team.id, id, options);
  if (!list) throw notFound("That target list");
  return list;
}

export async function listTargetLists(db: PrismaClient, ctx: AuthContext, options: { archived?: boolean } = {}) {
  return db.targetList.findMany({ where: { teamId: ctx.team.id, archivedAt: options.archived ? { not: null } : null }, orderBy: { updatedAt: "desc" }, select: listSelect });
}

export const archiveTargetListSchema = z.object({ id: idSchema, archived: z.coerce.boolean() });

/** Archiving hides a list without losing anything; restoring brings it back as it was. */
export async function setTargetListArchived(db: PrismaClient, ctx: AuthContext, input: z.output<typeof archiveTargetListSchema>) {
  return db.$transaction(async (tx) => {
    const before = await getTargetList(tx, ctx, input.id);
    if ((before.archivedAt !== null) === input.archived) return before;
    const after = await tx.targetList.update({ where: { id: input.id }, data: { archivedAt: input.archived ? new Date() : null, version: { increment: 1 } }, select: listSelect });
    await recordTeamChange(tx, ctx, input.archived ? "target-list.archived" : "target-list.restored", `target-list:${input.id}`, {
      before: { archived: before.archivedAt !== null, version: before.version },
      after: { archived: after.archivedAt !== null, version: after.version },
    });
    return after;
  });
}

export async function createTargetList(db: PrismaClient, ctx: AuthContext, input: z.output<typeof createTargetListSchema>) {
  return db.$transaction(async (tx) => {
    const list = await tx.targetList.create({
      data: { teamId: ctx.team.id, name: input.name, description: input.description ?? null, createdById: ctx.user.id },
      select: listSelect,
    });
    await recordTeamChange(tx, ctx, "target-list.created", `target-list:${list.id}`, { after: { name: list.name, description: list.description } });
    return list;
  });
}

export async function updateTargetList(db: PrismaClient, ctx: AuthContext, input: z.output<typeof updateTargetListSchema>) {
  return db.$transaction(async (tx) => {
    const before = await getTargetList(tx, ctx, input.id);
    const { count } = await tx.targetList.updateMany({
      where: { id: input.id, teamId: ctx.team.id, version: input.version },
      data: { name: input.name, description: input.description ?? null, version: { increment: 1 } },
    });
    if (count === 0) {
      throw new AppError("conflict", `Someone changed this list since you opened it (now "${before.name}", version ${before.version}). Reload, check their change and edit again.`);
    }
    const after = await tx.targetList.findFirstOrThrow({ where: { id: input.id }, select: listSelect });
    await recordTeamChange(tx, ctx, "target-list.updated", `target-list:${input.id}`, {
      before: { name: before.name, description: before.description, version: before.version },
      after: { name: after.name, description: after.description, version: after.version },
    });
    return after;
  });
}

export function targetListToJson(list: Awaited<ReturnType<typeof getTargetList>>) {
  return {
    id: list.id,
    name: list.name,
    description: list.description,
    version: list.version,
    archived: list.archivedAt !== null,
    created_by: shownPerson(list.createdBy, list.teamId).name,
    created_at: list.createdAt.toISOString(),
    updated_at: list.updatedAt.toISOString(),
  };
}
