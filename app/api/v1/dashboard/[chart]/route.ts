import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { dashboardExport } from "@/lib/dashboard/csv";

/** The data behind one dashboard chart as CSV, or Excel with format=xlsx, with the dashboard's filters (nation, region, icb, list). */
export const GET = withApiAuth<{ chart: string }>(endpoints.getDashboardChart, async ({ request, ctx, params }) => dashboardExport(getDb(), ctx, params.chart ?? "", new URL(request.url).searchParams));
