import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { json } from "@/lib/http";
import { deliveryToJson, redeliver } from "@/lib/alerts/webhooks";

type Params = { id: string; deliveryId: string };

export const POST = withApiAuth<Params>(endpoints.redeliverWebhookDelivery, async ({ ctx, params }) => json(deliveryToJson(await redeliver(getDb(), ctx, params.id, params.deliveryId)), 202));
