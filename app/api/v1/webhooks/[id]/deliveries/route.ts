import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { invalid } from "@/lib/errors";
import { json } from "@/lib/http";
import { deliveriesQuerySchema, deliveryToJson, listDeliveries } from "@/lib/alerts/webhooks";

type Params = { id: string };

export const GET = withApiAuth<Params>(endpoints.listWebhookDeliveries, async ({ request, ctx, params }) => {
  const query = deliveriesQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw invalid(query.error.issues, "Some parameters are not valid.");
  const { rows, nextBefore } = await listDeliveries(getDb(), ctx, params.id, query.data);
  return json({ data: rows.map(deliveryToJson), next_before: nextBefore });
});
