import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { invalid } from "@/lib/errors";
import { json, readJson } from "@/lib/http";
import { moveEntry, moveEntrySchema, moveOutcomeToJson } from "@/lib/target-lists/moves";

type Params = { id: string; entryId: string };

// POST {"to": "QRL", "version": 3}: the entry follows its closed body to the successor, in one transaction
export const POST = withApiAuth<Params>(endpoints.moveEntry, async ({ request, ctx, params }) => {
  const body = await readJson(request, endpoints.moveEntry.body);
  const input = moveEntrySchema.safeParse({ ...body, listId: params.id, entryId: params.entryId });
  if (!input.success) throw invalid(input.error.issues);
  return json(moveOutcomeToJson(await moveEntry(getDb(), ctx, input.data)));
});
