import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { json } from "@/lib/http";
import { changesTable, changeToJson } from "@/lib/changes";
import { queryFeedApi } from "@/lib/tables/server";

// The change log of the reference data: newest first, filtered by date, nation, kind, type and code
export const GET = withApiAuth(endpoints.listChanges, async ({ request }) => {
  const { rows, nextBefore } = await queryFeedApi(changesTable, getDb(), null, new URL(request.url).searchParams);
  return json({ data: rows.map(changeToJson), next_before: nextBefore });
});
