import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { revokeApiToken } from "@/lib/auth/api-tokens";

export const DELETE = withApiAuth<{ id: string }>(endpoints.revokeApiToken, async ({ ctx, params }) => {
  await revokeApiToken(getDb(), ctx, params.id);
  return new Response(null, { status: 204 });
});
