import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { json, readJson } from "@/lib/http";
import { createView, listViews, viewToJson } from "@/lib/views";

export const GET = withApiAuth(endpoints.listViews, async ({ ctx }) => json({ data: (await listViews(getDb(), ctx)).map(viewToJson) }));

export const POST = withApiAuth(endpoints.createView, async ({ request, ctx }) => json(viewToJson(await createView(getDb(), ctx, await readJson(request, endpoints.createView.body))), 201));
