import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { invalid } from "@/lib/errors";
import { json } from "@/lib/http";
import { entryToJson, updateEntry, updateEntrySchema } from "@/lib/target-lists/entries";

type Params = { id: string; entryId: string };

/** PATCH sends the `version` it edits; a stale one answers 409 with the current entry. */
export const PATCH = withApiAuth<Params>(endpoints.updateEntry, async ({ request, ctx, params }) => {
  let body: Record<string, unknown>;
  try {
    body = (await request.json()) as Record<string, unknown>;
  } catch {
    throw invalid([{ path: ["body"], message: "The request body must be JSON" }]);
  }
  const input = updateEntrySchema.safeParse({
    listId: params.id,
    entryId: params.entryId,
    version: body.version,
    stage: body.stage,
    lostReason: body.lost_reason,
    ownerId: body.owner_id,
    priority: body.priority,
    nextStep: body.next_step,
    nextStepDate: body.next_step_date,
    tags: body.tags,
    estimatedValueGbp: body.estimated_value_gbp,
  });
  if (!input.success) throw invalid(input.error.issues, input.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  return json(entryToJson(await updateEntry(getDb(), ctx, input.data)));
});
