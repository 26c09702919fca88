import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { json, readJson } from "@/lib/http";
import { createNote, listNotesForOrganisation, noteToJson } from "@/lib/notes";
import { organisationCodeSchema } from "@/lib/organisations/read";
import { notFound } from "@/lib/errors";

type Params = { code: string };

function codeFrom(params: Params): string {
  const parsed = organisationCodeSchema.safeParse(params.code);
  if (!parsed.success) throw notFound("That organisation");
  return parsed.data;
}

export const GET = withApiAuth<Params>(endpoints.listOrganisationNotes, async ({ ctx, params }) =>
  json({ data: (await listNotesForOrganisation(getDb(), ctx, codeFrom(params))).map(noteToJson) }),
);

export const POST = withApiAuth<Params>(endpoints.createOrganisationNote, async ({ request, ctx, params }) => {
  const { body } = await readJson(request, endpoints.createOrganisationNote.body);
  return json(noteToJson(await createNote(getDb(), ctx, { organisationCode: codeFrom(params), body })), 201);
});
