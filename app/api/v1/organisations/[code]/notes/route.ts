import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { json, readJson } from "@/lib/http";
import { createNote, listNotesForOrganisation, noteBodySchema, noteToJson } from "@/lib/notes";
import { organisationCodeSchema } from "@/lib/organisations/read";
import { notFound } from "@/lib/errors";

type Params = { code: string };

function codeFrom(params: Params): string {
  const parsed = organisationCodeSchema.safeParse(params.code);
  if (!parsed.success) throw notFound("That organisation");
  return parsed.data;
}

export const GET = withApiAuth<Params>("read", async ({ ctx, params }) =>
  json({ data: (await listNotesForOrganisation(getDb(), ctx, codeFrom(params))).map(noteToJson) }),
);

export const POST = withApiAuth<Params>("write", async ({ request, ctx, params }) => {
  const { body } = await readJson(request, z.object({ body: noteBodySchema }));
  return json(noteToJson(await createNote(getDb(), ctx, { organisationCode: codeFrom(params), body })), 201);
});
