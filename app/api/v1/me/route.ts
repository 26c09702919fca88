import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { json } from "@/lib/http";

export const GET = withApiAuth(endpoints.getMe, async ({ ctx }) =>
  json({ user: ctx.user, team: ctx.team, role: ctx.role, authenticated_by: ctx.via }),
);
