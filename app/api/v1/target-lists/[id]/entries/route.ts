import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { invalid } from "@/lib/errors";
import { json, readJson } from "@/lib/http";
import { getTargetList } from "@/lib/target-lists";
import { addEntries, addEntriesSchema, entriesTable } from "@/lib/target-lists/entries";
import { queryTableApi } from "@/lib/tables/server";

type Params = { id: string };

export const GET = withApiAuth<Params>(endpoints.listEntries, async ({ request, ctx, params }) => {
  await getTargetList(getDb(), ctx, params.id);
  const { rows, total } = await queryTableApi(entriesTable, getDb(), { ctx, listId: params.id }, new URL(request.url).searchParams);
  return json({ data: rows, total });
});

// POST {"codes": ["QYG", ...]} or {"filter": "kind=icb&region=Y61"}: all added in one transaction or none
export const POST = withApiAuth<Params>(endpoints.addEntries, async ({ request, ctx, params }) => {
  const body = await readJson(request, endpoints.addEntries.body);
  const input = addEntriesSchema.safeParse({ ...body, listId: params.id });
  if (!input.success) throw invalid(input.error.issues);
  const result = await addEntries(getDb(), ctx, input.data);
  return json({ added: result.added, already_on_list: result.alreadyOnList, requested: result.requested }, result.added > 0 ? 201 : 200);
});
