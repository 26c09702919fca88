import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { auditEventToJson, auditTable } from "@/lib/audit";
import { json } from "@/lib/http";
import { queryFeedApi } from "@/lib/tables/server";

export const GET = withApiAuth(endpoints.listAuditEvents, async ({ request, ctx }) => {
  const { rows, nextBefore } = await queryFeedApi(auditTable, getDb(), { teamId: ctx.team.id }, new URL(request.url).searchParams);
  return json({ data: rows.map(auditEventToJson), next_before: nextBefore });
});
