// Account notes on an organisation, owned by a team. Nothing is ever lost: every state is kept as a
// version, deletes are soft and restorable, and an edit based on an old version is refused (409)
// with the current text, so two people editing at once never overwrite each other.
import { z } from "zod";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit";
import type { AuthContext } from "@/lib/auth/context";
import { idSchema } from "@/lib/auth/validation";
import { organisationCodeSchema } from "@/lib/organisations/read";
import { predecessorsCte } from "@/lib/organisations/succession";
import { AppError, notFound } from "@/lib/errors";
import { queryRows } from "@/lib/db/query";
import { sql } from "@/lib/db/sql";
import { limitParam, type FeedTable } from "@/lib/tables/server";
import { personSelect, shownNameSql, shownPerson } from "@/lib/auth/former-member";
import { kickDetectionSoon } from "@/lib/alerts/kick";

export const noteBodySchema = z.string().trim().min(1, "Write something first").max(20_000, "A note has at most 20,000 characters");
const optionalId = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .pipe(idSchema.optional());

export const createNoteSchema = z.object({ organisationCode: organisationCodeSchema, body: noteBodySchema, entryId: optionalId, contactId: optionalId, pinned: z.coerce.boolean().optional() });
export const updateNoteSchema = z.object({
  id: idSchema,
  body: noteBodySchema,
  /** The version the user edited */
  version: z.coerce.number({ message: "version is required" }).int().positive(),
  entryId: optionalId.nullable(),
  contactId: optionalId.nullable(),
});
export const noteIdSchema = z.object({ id: idSchema });
export const noteVersionedIdSchema = z.object({ id: idSchema, version: z.coerce.number().int().positive().optional() });
export const pinNoteSchema = z.object({ id: idSchema, pinned: z.coerce.boolean() });

const noteSelect = {
  id: true,
  organisationCode: true,
  body: true,
  version: true,
  pinned: true,
  deletedAt: true,
  createdAt: true,
  updatedAt: true,
  teamId: true,
  author: personSelect,
  entry: { select: { id: true, stage: true, list: { select: { id: true, name: true } } } },
  contact: { select: { id: true, name: true, role: true } },
  organisation: { select: { name: true, status: true } },
} as const satisfies Prisma.NoteSelect;

export type NoteRecord = Prisma.NoteGetPayload<{ select: typeof noteSelect }>;

export type NoteJson = ReturnType<typeof noteToJson>;

export function noteToJson(note: NoteRecord) {
  return {
    id: note.id,
    organisation_code: note.organisationCode,
    organisation_name: note.organisation.name,
    body: note.body,
    version: note.version,
    pinned: note.pinned,
    deleted: note.deletedAt !== null,
    author: shownPerson(note.author, note.teamId),
    entry: note.entry ? { id: note.entry.id, stage: note.entry.stage, list: note.entry.list } : null,
    contact: note.contact,
    created_at: note.createdAt.toISOString(),
    updated_at: note.updatedAt.toISOString(),
  };
}

type Tx = Prisma.TransactionClient;

async function findTeamNote(db: PrismaClient | Tx, ctx: AuthContext, id: string, options: { includeDeleted?: boolean } = {}) {
  const note = await db.note.findFirst({ where: { id, teamId: ctx.team.id, ...(options.includeDeleted ? {} : { deletedAt: null }) }, select: noteSelect });
  if (!note) throw notFound("That note");
  return note;
}

/** Mentions must be of the same team (an entry of one of its lists, one of its contacts) and the same body. */
async function checkMentions(db: PrismaClient | Tx, ctx: AuthContext, organisationCode: string, entryId?: string | null, contactId?: string | null) {
  if (entryId) {
    const entry = await db.targetListEntry.findFirst({ where: { id: entryId, list: { teamId: ctx.team.id }, organisation: { code: organisationCode } }, select: { id: true } });
    if (!entry) throw new AppError("invalid", "That list entry is not one of your team's entries for this body.", { entryId: ["Unknown entry"] });
  }
  if (contactId) {
    const contact = await db.contact.findFirst({ where: { id: contactId, teamId: ctx.team.id, organisationCode, deletedAt: null }, select: { id: true } });
    if (!contact) throw new AppError("invalid", "That contact is not one of your team's contacts at this body.", { contactId: ["Unknown contact"] });
  }
}

async function writeVersion(tx: Tx, ctx: AuthContext, note: { id: string; version: number; body: string; pinned: boolean }, action: string) {
  await tx.noteVersion.create({ data: { noteId: note.id, version: note.version, body: note.body, pinned: note.pinned, action, editedById: ctx.user.id } });
}

const snapshot = (note: NoteRecord) => ({ body: note.body, version: note.version, pinned: note.pinned, deleted: note.deletedAt !== null });

export async function getNote(db: PrismaClient, ctx: AuthContext, id: string) {
  return findTeamNote(db, ctx, id);
}

export async function listNotesForOrganisation(db: PrismaClient, ctx: AuthContext, organisationCode: string, options: { includeDeleted?: boolean } = {}) {
  return db.note.findMany({
    where: { teamId: ctx.team.id, organisationCode, ...(options.includeDeleted ? {} : { deletedAt: null }) },
    orderBy: [{ pinned: "desc" }, { createdAt: "desc" }],
    take: 200,
    select: noteSelect,
  });
}

export type PredecessorNote = { id: string; body: string; pinned: boolean; author: string; created_at: string; updated_at: string; version: number; organisation: { code: string; name: string } };

/**
 * "From predecessors": the team's notes on every body whose succession chain leads to this one
 * (a CCG, then the ICB it merged into, then today's ICB), newest first, each with the body it was
 * written on. Notes belong to organisation codes, so they stay there and are read here; one query.
 */
export async function listPredecessorNotes(db: PrismaClient, ctx: AuthContext, organisationId: number): Promise<PredecessorNote[]> {
  const rows = await queryRows<Omit<PredecessorNote, "created_at" | "updated_at"> & { created_at: Date; updated_at: Date }>(db, sql`
    WITH RECURSIVE ${predecessorsCte(organisationId)}
    SELECT n.id, n.body, n.pinned, n.version, ${shownNameSql("u", ctx.team.id)} AS author, n.created_at, n.updated_at,
           json_build_object('code', o.code, 'name', o.name) AS organisation
    FROM predecessors p JOIN organisation o ON o.id = p.id
    JOIN note n ON n.organisation_code = o.code AND n.team_id = ${ctx.team.id} AND n.deleted_at IS NULL
    JOIN user_account u ON u.id = n.author_id
    ORDER BY n.created_at DESC, n.id DESC LIMIT 200`);
  return rows.map((n) => ({ ...n, created_at: n.created_at.toISOString(), updated_at: n.updated_at.toISOString() }));
}

export async function createNote(db: PrismaClient, ctx: AuthContext, input: z.output<typeof createNoteSchema>) {
  const organisation = await db.organisation.findUnique({ where: { code: input.organisationCode }, select: { code: true } });
  if (!organisation) throw notFound("That organisation");
  await checkMentions(db, ctx, organisation.code, input.entryId, input.contactId);
  return db.$transaction(async (tx) => {
    const created = await tx.note.create({
      data: { teamId: ctx.team.id, organisationCode: organisation.code, body: input.body, authorId: ctx.user.id, pinned: input.pinned ?? false, entryId: input.entryId, contactId: input.contactId },
      select: noteSelect,
    });
    await writeVersion(tx, ctx, created, "created");
    await recordAudit(tx, { action: "note.created", teamId: ctx.team.id, userId: ctx.user.id, ip: ctx.ip, target: `note:${created.id}`, after: { organisationCode: created.organisationCode, ...snapshot(created) } });
    return created;
  }).then(afterNoteText);
}

/** A note's text is in the alerts outbox (its trigger): a mention is told within seconds, not the minute. */
function afterNoteText<T>(note: T): T {
  void kickDetectionSoon();
  return note;
}

function staleVersion(current: NoteRecord, sentVersion: number): AppError {
  return new AppError(
    "conflict",
    `This note was changed since you opened it (you edited version ${sentVersion}; it is now version ${current.version}). Your text was not saved: compare it with the current text and save again.`,
    {},
    undefined,
    { version: current.version, body: current.body, updated_at: current.updatedAt.toISOString(), deleted: current.deletedAt !== null },
  );
}

/** Applies a change only if the note is still at `version`; the conditional update is the lock. */
async function changeNote(
  db: PrismaClient,
  ctx: AuthContext,
  id: string,
  expectedVersion: number | undefined,
  data: Prisma.NoteUpdateManyMutationInput & { entryId?: string | null; contactId?: string | null },
  action: "edited" | "deleted" | "restored" | "pinned" | "unpinned",
  options: { includeDeleted?: boolean; requireDeleted?: boolean } = {},
) {
  return db.$transaction(async (tx) => {
    const before = await findTeamNote(tx, ctx, id, { includeDeleted: options.includeDeleted });
    if (options.requireDeleted && before.deletedAt === null) throw new AppError("conflict", "This note is not deleted.");
    const version = expectedVersion ?? before.version;
    const { count } = await tx.note.updateMany({ where: { id, teamId: ctx.team.id, version }, data: { ...data, version: { increment: 1 } } });
    if (count === 0) throw staleVersion(await findTeamNote(tx, ctx, id, { includeDeleted: true }), version);
    const after = await findTeamNote(tx, ctx, id, { includeDeleted: true });
    await writeVersion(tx, ctx, after, action);
    await recordAudit(tx, { action: `note.${action}`, teamId: ctx.team.id, userId: ctx.user.id, ip: ctx.ip, target: `note:${id}`, before: snapshot(before), after: snapshot(after) });
    return after;
  });
}

export async function updateNote(db: PrismaClient, ctx: AuthContext, input: z.output<typeof updateNoteSchema>) {
  const current = await findTeamNote(db, ctx, input.id);
  await checkMentions(db, ctx, current.organisationCode, input.entryId, input.contactId);
  return changeNote(db, ctx, input.id, input.version, {
    body: input.body,
    ...(input.entryId !== undefined ? { entryId: input.entryId } : {}),
    ...(input.contactId !== undefined ? { contactId: input.contactId } : {}),
  }, "edited").then(afterNoteText);
}

export async function deleteNote(db: PrismaClient, ctx: AuthContext, id: string, version?: number) {
  return changeNote(db, ctx, id, version, { deletedAt: new Date() }, "deleted");
}

export async function restoreNote(db: PrismaClient, ctx: AuthContext, id: string) {
  return changeNote(db, ctx, id, undefined, { deletedAt: null }, "restored", { includeDeleted: true, requireDeleted: true });
}

export async function pinNote(db: PrismaClient, ctx: AuthContext, id: string, pinned: boolean) {
  return changeNote(db, ctx, id, undefined, { pinned }, pinned ? "pinned" : "unpinned");
}

export async function listNoteVersions(db: PrismaClient, ctx: AuthContext, id: string) {
  await findTeamNote(db, ctx, id, { includeDeleted: true });
  const versions = await db.noteVersion.findMany({
    where: { noteId: id },
    orderBy: { version: "desc" },
    select: { version: true, body: true, pinned: true, action: true, createdAt: true, editedBy: { select: { id: true, name: true } } },
  });
  return versions.map((v) => ({ version: v.version, body: v.body, pinned: v.pinned, action: v.action, edited_by: v.editedBy, edited_at: v.createdAt.toISOString() }));
}

/** The notes feed's parameters, on /notes and in the API. */
export const notesFeedSchema = z.object({
  q: z.string().trim().max(200).optional().transform((v) => (v ? v : undefined)),
  author: optionalId,
  list: optionalId,
  organisation: z.string().trim().max(20).optional().transform((v) => (v ? v.toUpperCase() : undefined)),
  limit: limitParam({ default: 25, limit: { min: 1, max: 100 } }),
  before: z.string().datetime({ message: "before must be a timestamp" }).optional(),
});
export type NotesFeedParams = z.output<typeof notesFeedSchema>;

/**
 * The team's notes, newest first, filtered by author, list (notes on bodies on that list) or
 * organisation, and searched in full text (English stemming: "meetings" finds "meeting").
 */
export const notesFeedTable: FeedTable<NoteRecord, NotesFeedParams, AuthContext> = {
  params: notesFeedSchema,
  size: (params) => params.limit,
  query: async (db, ctx, filter, limit) => {
    const where: Prisma.NoteWhereInput = {
      teamId: ctx.team.id,
      deletedAt: null,
      ...(filter.author ? { authorId: filter.author } : {}),
      ...(filter.organisation ? { organisationCode: filter.organisation } : {}),
      ...(filter.list ? { organisation: { listEntries: { some: { listId: filter.list, list: { teamId: ctx.team.id } } } } } : {}),
      ...(filter.before ? { createdAt: { lt: new Date(filter.before) } } : {}),
    };
    if (filter.q) {
      const matches = await queryRows<{ id: string }>(db, sql`SELECT id FROM note WHERE team_id = ${ctx.team.id} AND deleted_at IS NULL
        AND search_vector @@ websearch_to_tsquery('english', ${filter.q}) ORDER BY created_at DESC LIMIT 1000`);
      where.id = { in: matches.map((m) => m.id) };
    }
    const notes = await db.note.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit + 1, select: noteSelect });
    const rows = notes.slice(0, limit);
    return { rows, nextBefore: notes.length > limit ? rows[rows.length - 1]!.createdAt.toISOString() : null };
  },
};
