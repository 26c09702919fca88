import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { json, readJson } from "@/lib/http";
import { markRead } from "@/lib/alerts/notifications";

export const POST = withApiAuth(endpoints.markNotificationsRead, async ({ request, ctx }) => json(await markRead(getDb(), ctx, await readJson(request, endpoints.markNotificationsRead.body))));
