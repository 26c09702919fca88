import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { invalid } from "@/lib/errors";
import { json, readJson } from "@/lib/http";
import { getTargetList } from "@/lib/target-lists";
import { addEntries, addEntriesSchema, entriesQuerySchema, listEntries, listEntryToJson } from "@/lib/target-lists/entries";

type Params = { id: string };

export const GET = withApiAuth<Params>(endpoints.listEntries, async ({ request, ctx, params }) => {
  await getTargetList(getDb(), ctx, params.id);
  const query = entriesQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw invalid(query.error.issues, query.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  const { entries, total } = await listEntries(getDb(), ctx, params.id, query.data);
  return json({ data: entries.map(listEntryToJson), total });
});

// POST {"codes": ["QYG", ...]} or {"filter": "kind=icb&region=Y61"}: all added in one transaction or none
export const POST = withApiAuth<Params>(endpoints.addEntries, async ({ request, ctx, params }) => {
  const body = await readJson(request, endpoints.addEntries.body);
  const input = addEntriesSchema.safeParse({ ...body, listId: params.id });
  if (!input.success) throw invalid(input.error.issues);
  const result = await addEntries(getDb(), ctx, input.data);
  return json({ added: result.added, already_on_list: result.alreadyOnList, requested: result.requested }, result.added > 0 ? 201 : 200);
});
