import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { invitationToJson, listPendingInvitations } from "@/lib/auth/invitations";
import { json } from "@/lib/http";

export const GET = withApiAuth(endpoints.listInvitations, async ({ ctx }) => json({ data: (await listPendingInvitations(getDb(), ctx)).map(invitationToJson) }));
