import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { deleteContact, updateContact } from "@/lib/contacts";
import { json, readJson } from "@/lib/http";

type Params = { id: string };

export const PATCH = withApiAuth<Params>(endpoints.updateContact, async ({ request, ctx, params }) => {
  const input = await readJson(request, endpoints.updateContact.body);
  return json(await updateContact(getDb(), ctx, { ...input, id: params.id }));
});

export const DELETE = withApiAuth<Params>(endpoints.deleteContact, async ({ ctx, params }) => {
  await deleteContact(getDb(), ctx, params.id);
  return new Response(null, { status: 204 });
});
