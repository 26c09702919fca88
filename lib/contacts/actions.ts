"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { authorizedAction } from "@/lib/auth/guards";
import { idSchema } from "@/lib/auth/validation";
import { organisationCodeSchema } from "@/lib/organisations/read";
import { createContact, createContactSchema, deleteContact } from "@/lib/contacts";

const revalidateOrganisation = (code: string) => revalidatePath(`/organisations/${code}`);

export const createContactAction = authorizedAction("write", createContactSchema, async (ctx, input) => {
  const contact = await createContact(getDb(), ctx, input);
  revalidateOrganisation(contact.organisationCode);
  return { id: contact.id };
});

export const deleteContactAction = authorizedAction("write", z.object({ id: idSchema, organisationCode: organisationCodeSchema }), async (ctx, input) => {
  await deleteContact(getDb(), ctx, input.id);
  revalidateOrganisation(input.organisationCode);
});
