import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { revokeOwnSession } from "@/lib/auth/sessions";

export const DELETE = withApiAuth<{ id: string }>(endpoints.revokeSession, async ({ ctx, params }) => {
  await revokeOwnSession(getDb(), ctx, params.id);
  return new Response(null, { status: 204 });
});
