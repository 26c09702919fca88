import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { json } from "@/lib/http";
import { coverageToJson, readCoverage } from "@/lib/procurement/coverage";
import { getNotice, noticeDetailToJson } from "@/lib/procurement/notice-detail";

export const GET = withApiAuth<{ id: string }>(endpoints.getNotice, async ({ params }) => {
  const [notice, coverage] = await Promise.all([getNotice(getDb(), Number(params.id)), readCoverage(getDb())]);
  return json({ ...noticeDetailToJson(notice), coverage: coverageToJson(coverage) });
});
