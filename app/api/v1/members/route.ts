import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { listTeamMembers, memberToJson } from "@/lib/auth/members";
import { json } from "@/lib/http";

export const GET = withApiAuth(endpoints.listMembers, async ({ ctx }) => json({ data: (await listTeamMembers(getDb(), ctx.team.id)).map(memberToJson) }));
