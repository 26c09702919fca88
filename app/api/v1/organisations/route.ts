import { getDb } from "@/lib/db/client";
import { getPool } from "@/lib/db/pool";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { csvFilename, csvHeaders, wantsBom } from "@/lib/csv";
import { invalid } from "@/lib/errors";
import { json } from "@/lib/http";
import { decodeCursor, effectiveSort, encodeCursor, explorerPageSchema, explorerRowToJson, parseExplorerParams, searchOrganisations } from "@/lib/organisations/explorer";
import { exportOrganisationsCsv } from "@/lib/organisations/export";

export const GET = withApiAuth(endpoints.listOrganisations, async ({ request, ctx }) => {
  const params = new URL(request.url).searchParams;
  const filters = parseExplorerParams(params);
  const scope = { teamId: ctx.team.id };
  const wantsCsv = params.get("format") === "csv" || (request.headers.get("accept") ?? "").includes("text/csv");
  if (wantsCsv) {
    const stream = await exportOrganisationsCsv(getDb(), getPool(), scope, filters, { bom: wantsBom(params) });
    return new Response(stream, { headers: csvHeaders(csvFilename(params.get("view"))) });
  }
  const page = explorerPageSchema.safeParse({ limit: params.get("limit") ?? undefined, cursor: params.get("cursor") ?? undefined });
  if (!page.success) throw invalid(page.error.issues, page.error.issues.map((i) => i.message).join("; "));
  const offset = decodeCursor(page.data.cursor, effectiveSort(filters));
  const result = await searchOrganisations(getDb(), scope, filters, { limit: page.data.limit, offset });
  return json({
    data: result.rows.map(explorerRowToJson),
    total: result.total,
    // false when more than 10,000 match: total is then a lower bound
    total_exact: result.totalExact,
    next_cursor: result.nextOffset === null ? null : encodeCursor(result.nextOffset, result.sort),
  });
});
