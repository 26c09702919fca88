import { getDb } from "@/lib/db/client";
import { getPool } from "@/lib/db/pool";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { csvFilename, csvHeaders, wantsBom } from "@/lib/csv";
import { exportListCsv } from "@/lib/target-lists/export";

export const GET = withApiAuth<{ id: string }>(endpoints.exportTargetList, async ({ request, ctx, params }) => {
  const { name, stream } = await exportListCsv(getDb(), getPool(), ctx, params.id, { bom: wantsBom(new URL(request.url).searchParams) });
  return new Response(stream, { headers: csvHeaders(csvFilename(name)) });
});
