// People at an organisation, kept by a team: small records that notes can mention.
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit";
import type { AuthContext } from "@/lib/auth/context";
import { idSchema } from "@/lib/auth/validation";
import { organisationCodeSchema } from "@/lib/organisations/read";
import { AppError, notFound } from "@/lib/errors";

const optionalText = (max: number, label: string) =>
  z.string().trim().max(max, `${label} has at most ${max} characters`).optional().transform((v) => (v ? v : null));

export const contactFieldsSchema = z.object({
  name: z.string().trim().min(1, "Enter the contact's name").max(120, "Use at most 120 characters"),
  role: optionalText(120, "Role"),
  email: z.string().trim().max(254).optional().transform((v) => (v ? v.toLowerCase() : null)).pipe(z.email("Enter an email address like name@nhs.net").nullable()),
  phone: optionalText(40, "Phone").pipe(z.string().regex(/^[0-9+() -]{6,40}$/, "Enter a phone number with digits, spaces and + ( ) -").nullable()),
});
export const createContactSchema = contactFieldsSchema.extend({ organisationCode: organisationCodeSchema });
export const updateContactSchema = contactFieldsSchema.extend({ id: idSchema, version: z.coerce.number().int().positive() });

const contactSelect = { id: true, organisationCode: true, name: true, role: true, email: true, phone: true, version: true, createdAt: true, updatedAt: true } as const;

export async function listContacts(db: PrismaClient, ctx: AuthContext, organisationCode: string) {
  return db.contact.findMany({ where: { teamId: ctx.team.id, organisationCode, deletedAt: null }, orderBy: { name: "asc" }, select: contactSelect });
}

export async function createContact(db: PrismaClient, ctx: AuthContext, input: z.output<typeof createContactSchema>) {
  const organisation = await db.organisation.findUnique({ where: { code: input.organisationCode }, select: { code: true } });
  if (!organisation) throw notFound("That organisation");
  return db.$transaction(async (tx) => {
    const contact = await tx.contact.create({ data: { teamId: ctx.team.id, organisationCode: organisation.code, name: input.name, role: input.role, email: input.email, phone: input.phone, createdById: ctx.user.id }, select: contactSelect });
    await recordAudit(tx, { action: "contact.created", teamId: ctx.team.id, userId: ctx.user.id, ip: ctx.ip, target: `contact:${contact.id}`, after: contact });
    return contact;
  });
}

export async function updateContact(db: PrismaClient, ctx: AuthContext, input: z.output<typeof updateContactSchema>) {
  return db.$transaction(async (tx) => {
    const before = await tx.contact.findFirst({ where: { id: input.id, teamId: ctx.team.id, deletedAt: null }, select: contactSelect });
    if (!before) throw notFound("That contact");
    const { count } = await tx.contact.updateMany({
      where: { id: input.id, teamId: ctx.team.id, version: input.version },
      data: { name: input.name, role: input.role, email: input.email, phone: input.phone, version: { increment: 1 } },
    });
    if (count === 0) throw new AppError("conflict", "Someone changed this contact since you opened it; reload and edit again.", {}, undefined, before);
    const after = await tx.contact.findUniqueOrThrow({ where: { id: input.id }, select: contactSelect });
    await recordAudit(tx, { action: "contact.updated", teamId: ctx.team.id, userId: ctx.user.id, ip: ctx.ip, target: `contact:${input.id}`, before, after });
    return after;
  });
}

export async function deleteContact(db: PrismaClient, ctx: AuthContext, id: string) {
  await db.$transaction(async (tx) => {
    const before = await tx.contact.findFirst({ where: { id, teamId: ctx.team.id, deletedAt: null }, select: contactSelect });
    if (!before) throw notFound("That contact");
    await tx.contact.update({ where: { id }, data: { deletedAt: new Date(), version: { increment: 1 } } });
    await recordAudit(tx, { action: "contact.deleted", teamId: ctx.team.id, userId: ctx.user.id, ip: ctx.ip, target: `contact:${id}`, before });
  });
}
