import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { invalid } from "@/lib/errors";
import { json, readJson } from "@/lib/http";
import { deleteNote, getNote, noteToJson, pinNote, updateNote, updateNoteSchema } from "@/lib/notes";

type Params = { id: string };

export const GET = withApiAuth<Params>(endpoints.getNote, async ({ ctx, params }) => json(noteToJson(await getNote(getDb(), ctx, params.id))));

/** {"body","version"} edits (409 with the current text when the version is stale); {"pinned"} pins. */
export const PATCH = withApiAuth<Params>(endpoints.updateNote, async ({ request, ctx, params }) => {
  const body = await readJson(request, z.record(z.string(), z.unknown()));
  if ("pinned" in body && !("body" in body)) {
    const pinned = z.boolean({ message: "pinned must be true or false" }).safeParse(body.pinned);
    if (!pinned.success) throw invalid(pinned.error.issues.map((i) => ({ ...i, path: ["pinned"] })));
    return json(noteToJson(await pinNote(getDb(), ctx, params.id, pinned.data)));
  }
  const input = updateNoteSchema.safeParse({ id: params.id, body: body.body, version: body.version, entryId: body.entry_id, contactId: body.contact_id });
  if (!input.success) throw invalid(input.error.issues, input.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  return json(noteToJson(await updateNote(getDb(), ctx, input.data)));
});

/** Soft delete: the note and its history stay and can be restored. `?version=` guards against deleting a newer edit. */
export const DELETE = withApiAuth<Params>(endpoints.deleteNote, async ({ request, ctx, params }) => {
  const version = new URL(request.url).searchParams.get("version");
  const parsed = z.coerce.number().int().positive().optional().safeParse(version ?? undefined);
  if (!parsed.success) throw invalid([{ path: ["version"], message: "version must be a whole number" }]);
  return json(noteToJson(await deleteNote(getDb(), ctx, params.id, parsed.data)));
});
