import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { json } from "@/lib/http";
import { deliveryToJson, sendTestDelivery } from "@/lib/alerts/webhooks";

type Params = { id: string };

// Waits for the one attempt (at most 10 s), so the answer says whether the receiver took it
export const POST = withApiAuth<Params>(endpoints.testWebhook, async ({ ctx, params }) => json(deliveryToJson(await sendTestDelivery(getDb(), ctx, params.id)), 201));
