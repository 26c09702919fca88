// Account notes on an organisation, owned by a team (history, editing and search come with the notes feature).
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit";
import type { AuthContext } from "@/lib/auth/context";
import { organisationCodeSchema } from "@/lib/organisations/read";
import { notFound } from "@/lib/errors";

export const noteBodySchema = z.string().trim().min(1, "Write something first").max(20_000, "A note has at most 20,000 characters");
export const createNoteSchema = z.object({ organisationCode: organisationCodeSchema, body: noteBodySchema });

const noteSelect = { id: true, organisationCode: true, body: true, version: true, createdAt: true, updatedAt: true, author: { select: { id: true, name: true } } } as const;

export type NoteJson = { id: string; organisation_code: string; body: string; version: number; author: { id: string; name: string }; created_at: string; updated_at: string };

export function noteToJson(note: { id: string; organisationCode: string; body: string; version: number; createdAt: Date; updatedAt: Date; author: { id: string; name: string } }): NoteJson {
  return {
    id: note.id,
    organisation_code: note.organisationCode,
    body: note.body,
    version: note.version,
    author: note.author,
    created_at: note.createdAt.toISOString(),
    updated_at: note.updatedAt.toISOString(),
  };
}

export async function getNote(db: PrismaClient, ctx: AuthContext, id: string) {
  const note = await db.note.findFirst({ where: { id, teamId: ctx.team.id, deletedAt: null }, select: noteSelect });
  if (!note) throw notFound("That note");
  return note;
}

export async function listNotesForOrganisation(db: PrismaClient, ctx: AuthContext, organisationCode: string) {
  return db.note.findMany({ where: { teamId: ctx.team.id, organisationCode, deletedAt: null }, orderBy: { createdAt: "desc" }, take: 100, select: noteSelect });
}

export async function createNote(db: PrismaClient, ctx: AuthContext, input: z.output<typeof createNoteSchema>) {
  const organisation = await db.organisation.findUnique({ where: { code: input.organisationCode }, select: { code: true } });
  if (!organisation) throw notFound("That organisation");
  return db.$transaction(async (tx) => {
    const note = await tx.note.create({ data: { teamId: ctx.team.id, organisationCode: organisation.code, body: input.body, authorId: ctx.user.id }, select: noteSelect });
    await recordAudit(tx, { action: "note.created", teamId: ctx.team.id, userId: ctx.user.id, ip: ctx.ip, target: `note:${note.id}`, after: { organisationCode: note.organisationCode, body: note.body } });
    return note;
  });
}
