import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { json, readJson } from "@/lib/http";
import { createTargetList, createTargetListSchema, listTargetLists, targetListToJson } from "@/lib/target-lists";

export const GET = withApiAuth("read", async ({ ctx }) => json({ data: (await listTargetLists(getDb(), ctx)).map(targetListToJson) }));

export const POST = withApiAuth("write", async ({ request, ctx }) => {
  const input = await readJson(request, createTargetListSchema);
  return json(targetListToJson(await createTargetList(getDb(), ctx, input)), 201);
});
