import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit";
import { verifySecondFactor } from "./mfa";
import { attemptPassword, auditFailedSignIn } from "./password-attempt";
import { createSession } from "./sessions";
import { clearSignInFailures, recordSignInFailure } from "./throttle";
import { emailSchema } from "./validation";

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string }; sessionId: string }
  | { ok: false; reason: "invalid" | "throttled" | "no-team" | "mfa-required" | "mfa-invalid"; retryAfterSeconds?: number };

/**
 * Email + password sign-in (and the TOTP or recovery code of a user with MFA): throttled per email
 * and IP, audited, and creating a server-side session only once every factor is right.
 */
export async function signInWithPassword(db: PrismaClient, input: { email: unknown; password: unknown; code?: unknown; ip: string; userAgent?: string | null }): Promise<SignInResult> {
  const parsedEmail = emailSchema.safeParse(input.email);
  const email = parsedEmail.success ? parsedEmail.data : String(input.email ?? "").slice(0, 254).toLowerCase();
  const password = typeof input.password === "string" ? input.password.slice(0, 200) : "";

  const user = parsedEmail.success
    ? await db.user.findUnique({
        where: { email },
        select: { id: true, email: true, name: true, passwordHash: true, mfaEnabledAt: true, memberships: { orderBy: { createdAt: "asc" }, take: 1, select: { teamId: true } } },
      })
    : null;
  // With a second factor to come, the failures are cleared only once the code is right too: else a
  // known password could reset the count between guesses of the code
  const attempt = await attemptPassword(db, { email, password, ip: input.ip, user, clearFailures: !user?.mfaEnabledAt });
  if (!attempt.ok) return attempt;
  if (!user) return { ok: false, reason: "invalid" };
  const teamId = user.memberships[0]?.teamId;
  if (!teamId) return { ok: false, reason: "no-team" };
  if (user.mfaEnabledAt) {
    const code = typeof input.code === "string" ? input.code.trim().slice(0, 32) : "";
    if (!code) return { ok: false, reason: "mfa-required" };
    // A wrong code counts like a wrong password, so the six digits cannot be guessed without limit
    if (!(await verifySecondFactor(db, user.id, code))) {
      await recordSignInFailure(db, email, input.ip);
      await auditFailedSignIn(db, user.id, input.ip, "sign-in.mfa-failed");
      return { ok: false, reason: "mfa-invalid" };
    }
  }
  await clearSignInFailures(db, email);
  const session = await createSession(db, { userId: user.id, teamId, ip: input.ip, userAgent: input.userAgent });
  await recordAudit(db, { action: "sign-in", teamId, userId: user.id, ip: input.ip });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name }, sessionId: session.id };
}
