import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { json, readJson } from "@/lib/http";
import { deleteWebhook, updateWebhook, webhookToJson } from "@/lib/alerts/webhooks";

type Params = { id: string };

export const PATCH = withApiAuth<Params>(endpoints.updateWebhook, async ({ request, ctx, params }) =>
  json(webhookToJson(await updateWebhook(getDb(), ctx, params.id, await readJson(request, endpoints.updateWebhook.body)))),
);

export const DELETE = withApiAuth<Params>(endpoints.deleteWebhook, async ({ ctx, params }) => {
  await deleteWebhook(getDb(), ctx, params.id);
  return new Response(null, { status: 204 });
});
