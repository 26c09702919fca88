"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/lib/db/client";
import { authorizedAction, type AuthContext } from "@/lib/auth/guards";
import { createNote, createNoteSchema, deleteNote, listNoteVersions, noteIdSchema, noteToJson, noteVersionedIdSchema, pinNote, pinNoteSchema, restoreNote, updateNote, updateNoteSchema, type NoteRecord } from "@/lib/notes";

/** A change to a note shows on its body's profile: refresh that page and answer with the note. */
function onProfile<I>(change: (ctx: AuthContext, input: I) => Promise<NoteRecord>) {
  return async (ctx: AuthContext, input: I) => {
    const note = await change(ctx, input);
    revalidatePath(`/organisations/${note.organisationCode}`);
    return noteToJson(note);
  };
}

export const createNoteAction = authorizedAction("write", createNoteSchema, async (ctx, input) => {
  const note = await createNote(getDb(), ctx, input);
  revalidatePath(`/organisations/${note.organisationCode}`);
  return { id: note.id };
});

export const updateNoteAction = authorizedAction("write", updateNoteSchema, onProfile((ctx, input) => updateNote(getDb(), ctx, input)));

export const deleteNoteAction = authorizedAction("write", noteVersionedIdSchema, onProfile((ctx, input) => deleteNote(getDb(), ctx, input.id, input.version)));

export const restoreNoteAction = authorizedAction("write", noteIdSchema, onProfile((ctx, input) => restoreNote(getDb(), ctx, input.id)));

export const pinNoteAction = authorizedAction("write", pinNoteSchema, onProfile((ctx, input) => pinNote(getDb(), ctx, input.id, input.pinned)));

export const noteVersionsAction = authorizedAction("read", noteIdSchema, async (ctx, input) => listNoteVersions(getDb(), ctx, input.id));
