import { getDb } from "@/lib/db/client";
import { exportSource } from "@/lib/db/pool";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { wantsBom } from "@/lib/csv";
import { requestedFormat } from "@/lib/export";
import { todayIso } from "@/lib/format";
import { json } from "@/lib/http";
import { coverageToJson, readCoverage } from "@/lib/procurement/coverage";
import { exportNotices, noticesTable, noticeToJson } from "@/lib/procurement/notices";
import { parseTableFilters, queryTableApi } from "@/lib/tables/server";

export const GET = withApiAuth(endpoints.listNotices, async ({ request, ctx }) => {
  const params = new URL(request.url).searchParams;
  const filters = parseTableFilters(noticesTable, params);
  const scope = { today: todayIso() };
  const format = requestedFormat(params, request.headers.get("accept"));
  if (format) return exportNotices(getDb(), exportSource(ctx.team.id, request.signal), scope, filters, format, { name: params.get("view"), bom: wantsBom(params) });
  const [result, coverage] = await Promise.all([queryTableApi(noticesTable, getDb(), scope, params, filters), readCoverage(getDb())]);
  return json({ data: result.rows.map(noticeToJson), total: result.total, total_exact: result.totalExact, next_cursor: result.nextCursor, coverage: coverageToJson(coverage) });
});
