"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/lib/db/client";
import { authorizedAction } from "@/lib/auth/guards";
import { deleteNote, listNoteVersions, noteIdSchema, noteToJson, noteVersionedIdSchema, pinNote, pinNoteSchema, restoreNote, updateNote, updateNoteSchema } from "@/lib/notes";
import { createContact, createContactSchema, deleteContact } from "@/lib/contacts";
import { idSchema } from "@/lib/auth/validation";
import { z } from "zod";

const revalidateOrganisation = (code: string) => revalidatePath(`/organisations/${code}`);

export const updateNoteAction = authorizedAction("write", updateNoteSchema, async (ctx, input) => {
  const note = await updateNote(getDb(), ctx, input);
  revalidateOrganisation(note.organisationCode);
  return noteToJson(note);
});

export const deleteNoteAction = authorizedAction("write", noteVersionedIdSchema, async (ctx, input) => {
  const note = await deleteNote(getDb(), ctx, input.id, input.version);
  revalidateOrganisation(note.organisationCode);
  return noteToJson(note);
});

export const restoreNoteAction = authorizedAction("write", noteIdSchema, async (ctx, input) => {
  const note = await restoreNote(getDb(), ctx, input.id);
  revalidateOrganisation(note.organisationCode);
  return noteToJson(note);
});

export const pinNoteAction = authorizedAction("write", pinNoteSchema, async (ctx, input) => {
  const note = await pinNote(getDb(), ctx, input.id, input.pinned);
  revalidateOrganisation(note.organisationCode);
  return noteToJson(note);
});

export const noteVersionsAction = authorizedAction("read", noteIdSchema, async (ctx, input) => listNoteVersions(getDb(), ctx, input.id));

export const createContactAction = authorizedAction("write", createContactSchema, async (ctx, input) => {
  const contact = await createContact(getDb(), ctx, input);
  revalidateOrganisation(contact.organisationCode);
  return { id: contact.id };
});

export const deleteContactAction = authorizedAction("write", z.object({ id: idSchema, organisationCode: z.string().max(20) }), async (ctx, input) => {
  await deleteContact(getDb(), ctx, input.id);
  revalidateOrganisation(input.organisationCode);
});
