import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { json, readJson } from "@/lib/http";
import { getTargetList, targetListToJson, updateTargetList, updateTargetListSchema } from "@/lib/target-lists";

type Params = { id: string };

export const GET = withApiAuth<Params>("read", async ({ ctx, params }) => json(targetListToJson(await getTargetList(getDb(), ctx, params.id))));

export const PATCH = withApiAuth<Params>("write", async ({ request, ctx, params }) => {
  const input = await readJson(request, updateTargetListSchema.omit({ id: true }));
  return json(targetListToJson(await updateTargetList(getDb(), ctx, { ...input, id: params.id })));
});
