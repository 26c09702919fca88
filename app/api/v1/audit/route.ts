import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { listAuditEvents } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { json } from "@/lib/http";

export const GET = withApiAuth(endpoints.listAuditEvents, async ({ request, ctx }) => {
  const before = new URL(request.url).searchParams.get("before");
  if (before !== null && !/^\d{1,19}$/.test(before)) throw new AppError("invalid", "before must be an audit event id");
  const { events, nextBefore } = await listAuditEvents(getDb(), ctx.team.id, { before: before ? BigInt(before) : undefined });
  return json({
    data: events.map((e) => ({ id: String(e.id), action: e.action, target: e.target, ip: e.ip, before: e.before, after: e.after, user: e.user, created_at: e.createdAt.toISOString() })),
    next_before: nextBefore === null ? null : String(nextBefore),
  });
});
