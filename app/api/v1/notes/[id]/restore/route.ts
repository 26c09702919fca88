import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { json } from "@/lib/http";
import { noteToJson, restoreNote } from "@/lib/notes";

export const POST = withApiAuth<{ id: string }>(endpoints.restoreNote, async ({ ctx, params }) => json(noteToJson(await restoreNote(getDb(), ctx, params.id))));
