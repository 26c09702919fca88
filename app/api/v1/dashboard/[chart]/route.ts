import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { csvHeaders } from "@/lib/csv";
import { dashboardCsv } from "@/lib/dashboard/csv";

/** The data behind one dashboard chart as CSV, with the dashboard's filters (nation, region, icb, list). */
export const GET = withApiAuth<{ chart: string }>(endpoints.getDashboardChart, async ({ request, ctx, params }) => {
  const { filename, stream } = await dashboardCsv(getDb(), ctx, params.chart ?? "", new URL(request.url).searchParams);
  return new Response(stream, { headers: csvHeaders(filename) });
});
