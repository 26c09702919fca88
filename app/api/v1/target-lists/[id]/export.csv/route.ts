import { getDb } from "@/lib/db/client";
import { exportSource } from "@/lib/db/pool";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { wantsBom } from "@/lib/csv";
import { requestedFormat } from "@/lib/export";
import { exportList } from "@/lib/target-lists/export";

/** CSV unless `format=xlsx`: the path keeps its name for the integrations that call it. */
export const GET = withApiAuth<{ id: string }>(endpoints.exportTargetList, async ({ request, ctx, params }) => {
  const search = new URL(request.url).searchParams;
  return exportList(getDb(), exportSource(ctx.team.id, request.signal), ctx, params.id, requestedFormat(search) ?? "csv", { bom: wantsBom(search) });
});
