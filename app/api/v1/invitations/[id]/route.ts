import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { revokeInvitation } from "@/lib/auth/invitations";

export const DELETE = withApiAuth<{ id: string }>(endpoints.revokeInvitation, async ({ ctx, params }) => {
  await revokeInvitation(getDb(), ctx, params.id);
  return new Response(null, { status: 204 });
});
