import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { json, readJson } from "@/lib/http";
import { createTargetList, listTargetLists, targetListToJson } from "@/lib/target-lists";

export const GET = withApiAuth(endpoints.listTargetLists, async ({ ctx }) => json({ data: (await listTargetLists(getDb(), ctx)).map(targetListToJson) }));

export const POST = withApiAuth(endpoints.createTargetList, async ({ request, ctx }) => {
  const input = await readJson(request, endpoints.createTargetList.body);
  return json(targetListToJson(await createTargetList(getDb(), ctx, input)), 201);
});
