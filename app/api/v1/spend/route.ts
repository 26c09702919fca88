import { getDb } from "@/lib/db/client";
import { exportSource } from "@/lib/db/pool";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { wantsBom } from "@/lib/csv";
import { requestedFormat } from "@/lib/export";
import { json } from "@/lib/http";
import { coverageToJson, readCoverage } from "@/lib/procurement/coverage";
import { exportSpend, spendTable, spendToJson } from "@/lib/procurement/spend";
import { parseTableFilters, queryTableApi } from "@/lib/tables/server";

export const GET = withApiAuth(endpoints.listSpend, async ({ request, ctx }) => {
  const params = new URL(request.url).searchParams;
  const filters = parseTableFilters(spendTable, params);
  const format = requestedFormat(params, request.headers.get("accept"));
  if (format) return exportSpend(getDb(), exportSource(ctx.team.id, request.signal), filters, format, { bom: wantsBom(params) });
  const [result, coverage] = await Promise.all([queryTableApi(spendTable, getDb(), null, params, filters), readCoverage(getDb())]);
  return json({ data: result.rows.map(spendToJson), total: result.total, next_offset: result.nextOffset, coverage: coverageToJson(coverage) });
});
