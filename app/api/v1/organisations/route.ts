import { getDb } from "@/lib/db/client";
import { exportSource } from "@/lib/db/pool";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { wantsBom } from "@/lib/csv";
import { requestedFormat } from "@/lib/export";
import { json } from "@/lib/http";
import { explorerRowToJson, explorerTable } from "@/lib/organisations/explorer";
import { exportOrganisations } from "@/lib/organisations/export";
import { parseTableFilters, queryTableApi } from "@/lib/tables/server";

export const GET = withApiAuth(endpoints.listOrganisations, async ({ request, ctx }) => {
  const params = new URL(request.url).searchParams;
  const filters = parseTableFilters(explorerTable, params);
  const scope = { teamId: ctx.team.id };
  const format = requestedFormat(params, request.headers.get("accept"));
  if (format) return exportOrganisations(getDb(), exportSource(ctx.team.id, request.signal), scope, filters, format, { name: params.get("view"), bom: wantsBom(params) });
  const result = await queryTableApi(explorerTable, getDb(), scope, params, filters);
  return json({
    data: result.rows.map(explorerRowToJson),
    total: result.total,
    // false when more than 10,000 match: total is then a lower bound
    total_exact: result.totalExact,
    next_cursor: result.nextCursor,
  });
});
