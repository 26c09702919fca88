import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { json } from "@/lib/http";
import { getNote, noteToJson } from "@/lib/notes";

export const GET = withApiAuth<{ id: string }>("read", async ({ ctx, params }) => json(noteToJson(await getNote(getDb(), ctx, params.id))));
