import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { createContact, listContacts } from "@/lib/contacts";
import { notFound } from "@/lib/errors";
import { json, readJson } from "@/lib/http";
import { organisationCodeSchema } from "@/lib/organisations/read";

type Params = { code: string };
const codeFrom = (params: Params) => {
  const parsed = organisationCodeSchema.safeParse(params.code);
  if (!parsed.success) throw notFound("That organisation");
  return parsed.data;
};

export const GET = withApiAuth<Params>(endpoints.listContacts, async ({ ctx, params }) => json({ data: await listContacts(getDb(), ctx, codeFrom(params)) }));

export const POST = withApiAuth<Params>(endpoints.createContact, async ({ request, ctx, params }) => {
  const fields = await readJson(request, endpoints.createContact.body);
  return json(await createContact(getDb(), ctx, { ...fields, organisationCode: codeFrom(params) }), 201);
});
