import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { json, readJson } from "@/lib/http";
import { createWebhook, listWebhooks, webhookToJson } from "@/lib/alerts/webhooks";

export const GET = withApiAuth(endpoints.listWebhooks, async ({ ctx }) => json({ data: (await listWebhooks(getDb(), ctx)).map(webhookToJson) }));

// The one answer that shows the secret
export const POST = withApiAuth(endpoints.createWebhook, async ({ request, ctx }) => {
  const { webhook, secret } = await createWebhook(getDb(), ctx, await readJson(request, endpoints.createWebhook.body));
  return json({ ...webhookToJson(webhook), secret }, 201);
});
