import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { invalid } from "@/lib/errors";
import { json } from "@/lib/http";
import { matchNames, matchQuerySchema, namesOfRequest } from "@/lib/matching";

// POST a CSV (text/csv) or {"names": [...]}: one result per name, in order
export const POST = withApiAuth(endpoints.matchAccounts, async ({ request }) => {
  const query = matchQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw invalid(query.error.issues);
  return json({ data: await matchNames(getDb(), await namesOfRequest(request, query.data)) });
});
