import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { contactFieldsSchema, deleteContact, updateContact } from "@/lib/contacts";
import { json, readJson } from "@/lib/http";
import { z } from "zod";

type Params = { id: string };

export const PATCH = withApiAuth<Params>("write", async ({ request, ctx, params }) => {
  const input = await readJson(request, contactFieldsSchema.extend({ version: z.coerce.number().int().positive() }));
  return json(await updateContact(getDb(), ctx, { ...input, id: params.id }));
});

export const DELETE = withApiAuth<Params>("write", async ({ ctx, params }) => {
  await deleteContact(getDb(), ctx, params.id);
  return new Response(null, { status: 204 });
});
