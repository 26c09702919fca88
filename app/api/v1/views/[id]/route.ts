import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { json } from "@/lib/http";
import { getView, viewToJson } from "@/lib/views";

export const GET = withApiAuth<{ id: string }>(endpoints.getView, async ({ ctx, params }) => json(viewToJson(await getView(getDb(), ctx, params.id))));
