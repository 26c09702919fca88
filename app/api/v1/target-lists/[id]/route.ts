import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { invalid } from "@/lib/errors";
import { json } from "@/lib/http";
import { getTargetList, setTargetListArchived, targetListToJson, updateTargetList, updateTargetListSchema } from "@/lib/target-lists";

type Params = { id: string };

export const GET = withApiAuth<Params>(endpoints.getTargetList, async ({ ctx, params }) => json(targetListToJson(await getTargetList(getDb(), ctx, params.id))));

// {"name","description","version"} renames (409 when stale); {"archived": true|false} archives or restores
export const PATCH = withApiAuth<Params>(endpoints.updateTargetList, async ({ request, ctx, params }) => {
  const body = (await request.json().catch(() => null)) as Record<string, unknown> | null;
  if (!body || typeof body !== "object") throw invalid([{ path: ["body"], message: "The request body must be a JSON object" }]);
  if ("archived" in body && !("name" in body)) {
    const archived = z.boolean({ message: "archived must be true or false" }).safeParse(body.archived);
    if (!archived.success) throw invalid(archived.error.issues.map((i) => ({ ...i, path: ["archived"] })));
    return json(targetListToJson(await setTargetListArchived(getDb(), ctx, { id: params.id, archived: archived.data })));
  }
  const input = updateTargetListSchema.omit({ id: true }).safeParse(body);
  if (!input.success) throw invalid(input.error.issues, "The request body has invalid fields.");
  return json(targetListToJson(await updateTargetList(getDb(), ctx, { ...input.data, id: params.id })));
});
