import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { json } from "@/lib/http";
import { listNoteVersions } from "@/lib/notes";

export const GET = withApiAuth<{ id: string }>(endpoints.listNoteVersions, async ({ ctx, params }) => json({ data: await listNoteVersions(getDb(), ctx, params.id) }));
