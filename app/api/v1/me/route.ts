import { withApiAuth } from "@/lib/auth/guards";
import { json } from "@/lib/http";

export const GET = withApiAuth("read", async ({ ctx }) =>
  json({ user: ctx.user, team: ctx.team, role: ctx.role, authenticated_by: ctx.via }),
);
