// Sensitive actions (creating tokens, changing roles, removing members, changing MFA) need the password
// entered in this session within the last 10 minutes: a browser left signed in is not enough. Sign-in
// sets Session.authenticatedAt; reauthenticate() sets it again after checking the password.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import type { AuthContext } from "./context";
import { verifyPassword } from "./password";
import { recordSignInFailure, signInThrottle, THROTTLED_MESSAGE } from "./throttle";

export const REAUTH_WINDOW_MS = 10 * 60 * 1000;

/**
 * Throws "reauthentication-required" (403) unless the session's password was entered in the last 10
 * minutes. An API token is itself the credential (made after a re-entry of the password), so token
 * requests pass.
 */
export async function requireRecentAuthentication(db: PrismaClient, ctx: AuthContext, now = new Date()): Promise<void> {
  if (ctx.via === "token") return;
  const session = ctx.sessionId ? await db.session.findUnique({ where: { id: ctx.sessionId }, select: { authenticatedAt: true } }) : null;
  if (!session || now.getTime() - session.authenticatedAt.getTime() > REAUTH_WINDOW_MS) {
    throw new AppError("reauthentication-required", "Enter your password again to do this: it was last entered more than 10 minutes ago.");
  }
}

/** Checks the password and marks this session as just authenticated; a wrong password is a 400 on the field. */
export async function reauthenticate(db: PrismaClient, ctx: AuthContext, password: string): Promise<void> {
  if (!ctx.sessionId) throw new AppError("invalid", "Only a signed-in browser session re-enters a password.");
  // Counted with sign-in's failures, so a browser left signed in cannot be used to guess the password
  const ip = ctx.ip ?? "unknown";
  const throttle = await signInThrottle(db, ctx.user.email, ip);
  if (throttle.throttled) throw new AppError("throttled", THROTTLED_MESSAGE, {}, throttle.retryAfterSeconds);
  const user = await db.user.findUnique({ where: { id: ctx.user.id }, select: { passwordHash: true } });
  if (!(await verifyPassword(user?.passwordHash ?? null, password))) {
    await recordSignInFailure(db, ctx.user.email, ip);
    await recordAudit(db, { action: "reauthentication.failed", teamId: ctx.team.id, userId: ctx.user.id, ip: ctx.ip });
    throw new AppError("invalid", "That password is not right.", { password: ["That password is not right"] });
  }
  await db.session.update({ where: { id: ctx.sessionId }, data: { authenticatedAt: new Date() } });
}
