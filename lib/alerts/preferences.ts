// A user's channels per kind of event: in the app or not, and by email at once, in a daily or weekly
// digest, or not at all. A kind with no saved row takes DEFAULT_PREFERENCE. Preferences are the
// user's, across their teams (the schema keys them by user and kind).
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { DEFAULT_PREFERENCE, EMAIL_FREQUENCIES, EVENT_KINDS, type EmailFrequency, type EventKind } from "./vocabulary";

export type Preference = { kind: EventKind; inApp: boolean; email: EmailFrequency };

export const preferenceSchema = z.object({
  kind: z.enum(EVENT_KINDS, { message: "Not a kind of event" }),
  inApp: z.boolean(),
  email: z.enum(EMAIL_FREQUENCIES, { message: `Choose one of ${EMAIL_FREQUENCIES.join(", ")}` }),
});

const isFrequency = (v: string): v is EmailFrequency => (EMAIL_FREQUENCIES as readonly string[]).includes(v);

/** Every kind, in EVENT_KINDS order, with the defaults filled in where nothing was saved. */
export async function preferencesFor(db: PrismaClient, userId: string): Promise<Preference[]> {
  const saved = new Map((await db.notificationPreference.findMany({ where: { userId }, select: { kind: true, inApp: true, email: true } })).map((p) => [p.kind, p]));
  return EVENT_KINDS.map((kind) => {
    const row = saved.get(kind);
    return row ? { kind, inApp: row.inApp, email: isFrequency(row.email) ? row.email : DEFAULT_PREFERENCE.email } : { kind, ...DEFAULT_PREFERENCE };
  });
}

export async function setPreference(db: PrismaClient, userId: string, input: z.output<typeof preferenceSchema>): Promise<Preference> {
  const row = await db.notificationPreference.upsert({
    where: { userId_kind: { userId, kind: input.kind } },
    create: { userId, kind: input.kind, inApp: input.inApp, email: input.email },
    update: { inApp: input.inApp, email: input.email },
    select: { kind: true, inApp: true, email: true },
  });
  return { kind: input.kind, inApp: row.inApp, email: row.email as EmailFrequency };
}

/**
 * The settings form: for each kind `<kind>.email` (a frequency) and `<kind>.inApp` ("on" when
 * ticked; an unticked checkbox sends nothing).
 */
export const preferencesFormSchema = z
  .object(Object.fromEntries(EVENT_KINDS.flatMap((kind) => [[`${kind}.email`, z.enum(EMAIL_FREQUENCIES)], [`${kind}.inApp`, z.literal("on").optional()]])) as Record<string, z.ZodType<string | undefined>>)
  .transform((fields) => EVENT_KINDS.map((kind) => ({ kind, inApp: fields[`${kind}.inApp`] === "on", email: fields[`${kind}.email`] as EmailFrequency })));

export async function setPreferences(db: PrismaClient, userId: string, preferences: z.output<typeof preferenceSchema>[]): Promise<Preference[]> {
  return db.$transaction(async (tx) => {
    for (const p of preferences) {
      await tx.notificationPreference.upsert({ where: { userId_kind: { userId, kind: p.kind } }, create: { userId, ...p }, update: { inApp: p.inApp, email: p.email } });
    }
    return preferencesFor(tx as unknown as PrismaClient, userId);
  });
}
