import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { changeRole, listTeamMembers, memberToJson, removeMember } from "@/lib/auth/members";
import { json, readJson } from "@/lib/http";

type Params = { userId: string };

export const PATCH = withApiAuth<Params>(endpoints.updateMember, async ({ request, ctx, params }) => {
  const input = await readJson(request, endpoints.updateMember.body);
  const db = getDb();
  await changeRole(db, ctx, { userId: params.userId, role: input.role });
  const [member] = await listTeamMembers(db, ctx.team.id, params.userId);
  return json(memberToJson(member!));
});

export const DELETE = withApiAuth<Params>(endpoints.removeMember, async ({ ctx, params }) => {
  await removeMember(getDb(), ctx, params.userId);
  return new Response(null, { status: 204 });
});
