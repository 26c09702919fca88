import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit";
import { attemptPassword } from "./password-attempt";
import { createSession } from "./sessions";
import { emailSchema } from "./validation";

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string }; sessionId: string }
  | { ok: false; reason: "invalid" | "throttled" | "no-team"; retryAfterSeconds?: number };

/** Email + password sign-in: throttled per email and IP, audited, and creating a server-side session. */
export async function signInWithPassword(db: PrismaClient, input: { email: unknown; password: unknown; ip: string }): Promise<SignInResult> {
  const parsedEmail = emailSchema.safeParse(input.email);
  const email = parsedEmail.success ? parsedEmail.data : String(input.email ?? "").slice(0, 254).toLowerCase();
  const password = typeof input.password === "string" ? input.password.slice(0, 200) : "";

  const user = parsedEmail.success
    ? await db.user.findUnique({
        where: { email },
        select: { id: true, email: true, name: true, passwordHash: true, memberships: { orderBy: { createdAt: "asc" }, take: 1, select: { teamId: true } } },
      })
    : null;
  const attempt = await attemptPassword(db, { email, password, ip: input.ip, user });
  if (!attempt.ok) return attempt;
  if (!user) return { ok: false, reason: "invalid" };
  const teamId = user.memberships[0]?.teamId;
  if (!teamId) return { ok: false, reason: "no-team" };
  const session = await createSession(db, { userId: user.id, teamId, ip: input.ip });
  await recordAudit(db, { action: "sign-in", teamId, userId: user.id, ip: input.ip });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name }, sessionId: session.id };
}
