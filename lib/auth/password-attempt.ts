import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit";
import { verifyPassword } from "./password";
import { clearSignInFailures, recordSignInFailure, signInThrottle } from "./throttle";

export type PasswordAttempt = { ok: true } | { ok: false; reason: "invalid" } | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * One try at an account's password, wherever it is typed (the sign-in form, or accepting an
 * invitation as an existing user): the same throttle, and the same audit, so neither is a side door.
 * `user` is null when no account has the email: the password is still checked (same time, same answer).
 * `clearFailures: false` leaves the count for a caller that checks a second factor next.
 */
export async function attemptPassword(
  db: PrismaClient,
  input: { email: string; password: string; ip: string; user: { id: string; passwordHash: string | null } | null; clearFailures?: boolean },
): Promise<PasswordAttempt> {
  const throttle = await signInThrottle(db, input.email, input.ip);
  if (throttle.throttled) return { ok: false, reason: "throttled", retryAfterSeconds: throttle.retryAfterSeconds };
  const valid = await verifyPassword(input.user?.passwordHash ?? null, input.password);
  if (input.user && valid) {
    if (input.clearFailures !== false) await clearSignInFailures(db, input.email);
    return { ok: true };
  }
  await recordSignInFailure(db, input.email, input.ip);
  await auditFailedSignIn(db, input.user?.id ?? null, input.ip, "sign-in.failed");
  return { ok: false, reason: "invalid" };
}

/**
 * In the audit log of every team the account belongs to, so each team's admins see attempts on their
 * members. With no such account there is no team to tell, and nothing typed is kept: only the address.
 */
export async function auditFailedSignIn(db: PrismaClient, userId: string | null, ip: string, action: "sign-in.failed" | "sign-in.mfa-failed") {
  const teams = userId ? await db.membership.findMany({ where: { userId }, select: { teamId: true } }) : [];
  const teamIds = teams.length > 0 ? teams.map((team) => team.teamId) : [null];
  for (const teamId of teamIds) await recordAudit(db, { action, teamId, userId, ip });
}
