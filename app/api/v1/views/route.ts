import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { json, readJson } from "@/lib/http";
import { createView, createViewSchema, listViews, viewToJson } from "@/lib/views";

export const GET = withApiAuth("read", async ({ ctx }) => json({ data: (await listViews(getDb(), ctx)).map(viewToJson) }));

export const POST = withApiAuth("write", async ({ request, ctx }) => json(viewToJson(await createView(getDb(), ctx, await readJson(request, createViewSchema))), 201));
