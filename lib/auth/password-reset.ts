// Forgotten passwords: a single-use emailed link (1 hour, only its SHA-256 stored), and the operator's
// command. Asking for a link answers the same whether or not the email has an account.
import { z } from "zod";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit, type AuditAction } from "@/lib/audit";
import { AppError, invalid } from "@/lib/errors";
import { passwordResetEmail } from "@/lib/email/messages";
import { appUrl, emailConfigured, sendEmail } from "@/lib/email/transport";
import { hashToken, randomToken } from "./crypto";
import { hashPassword, passwordSchema } from "./password";
import { emailSchema } from "./validation";

export const PASSWORD_RESET_MINUTES = 60;
// Counted in PostgreSQL over a window, per email (a mailbox is not flooded) and per IP (no one sprays many emails)
export const RESET_REQUEST_WINDOW_MINUTES = 60;
export const RESET_REQUESTS_PER_EMAIL = 3;
export const RESET_REQUESTS_PER_IP = 20;

export const RESET_REQUESTED_MESSAGE = `If an account uses that email, a link to choose a new password is on its way. It works once, for ${PASSWORD_RESET_MINUTES} minutes.`;
export const EMAIL_NOT_CONFIGURED_MESSAGE =
  "Email is not configured on this atlas (SMTP_URL is not set), so reset links cannot be sent. Ask the person who runs it to set your password with npm run user:reset-password.";

export const requestPasswordResetSchema = z.object({ email: emailSchema });

/**
 * Records the request and, for a known email, a reset whose link is returned as `send` (a function,
 * so the caller can send after answering: the answer's timing does not depend on the account).
 */
export async function requestPasswordReset(db: PrismaClient, input: z.input<typeof requestPasswordResetSchema>, ip: string): Promise<{ send: (() => Promise<void>) | null }> {
  if (!emailConfigured()) throw new AppError("invalid", EMAIL_NOT_CONFIGURED_MESSAGE);
  const parsed = requestPasswordResetSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues);
  const { email } = parsed.data;
  const since = new Date(Date.now() - RESET_REQUEST_WINDOW_MINUTES * 60_000);
  const [byEmail, byIp] = await Promise.all([
    db.passwordResetRequest.count({ where: { email, createdAt: { gte: since } } }),
    db.passwordResetRequest.count({ where: { ip, createdAt: { gte: since } } }),
  ]);
  if (byEmail >= RESET_REQUESTS_PER_EMAIL || byIp >= RESET_REQUESTS_PER_IP) {
    throw new AppError("throttled", `Too many reset requests. Wait ${RESET_REQUEST_WINDOW_MINUTES} minutes, and check your inbox and spam folder for the links already sent.`);
  }
  await db.passwordResetRequest.create({ data: { email, ip } });
  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true, memberships: { select: { teamId: true } } } });
  if (!user) return { send: null };
  const token = randomToken("pwr");
  await db.$transaction(async (tx) => {
    await tx.passwordReset.create({ data: { userId: user.id, tokenHash: hashToken(token), requestedIp: ip, expiresAt: new Date(Date.now() + PASSWORD_RESET_MINUTES * 60_000) } });
    await auditForEveryTeam(tx, user, "password.reset-requested", ip);
  });
  const url = `${appUrl()}/reset-password?token=${encodeURIComponent(token)}`;
  return { send: () => sendEmail(passwordResetEmail({ to: user.email, url, validMinutes: PASSWORD_RESET_MINUTES })) };
}

export type ResetLinkState = "valid" | "expired" | "used" | "unknown";

export async function describePasswordReset(db: Pick<PrismaClient, "passwordReset"> | Prisma.TransactionClient, token: string): Promise<ResetLinkState> {
  const reset = await db.passwordReset.findUnique({ where: { tokenHash: hashToken(token) }, select: { usedAt: true, expiresAt: true } });
  if (!reset) return "unknown";
  if (reset.usedAt) return "used";
  return reset.expiresAt <= new Date() ? "expired" : "valid";
}

export const RESET_REFUSALS: Record<Exclude<ResetLinkState, "valid">, string> = {
  unknown: "This reset link is not valid. Ask for a new one.",
  used: "This reset link has already been used. Sign in, or ask for a new link.",
  expired: `This reset link has expired (links last ${PASSWORD_RESET_MINUTES} minutes). Ask for a new one.`,
};

export const resetPasswordSchema = z.object({ token: z.string().min(10).max(200), password: passwordSchema });

/** Single use even when the link is opened twice at once: the claim is a conditional update. */
export async function resetPassword(db: PrismaClient, input: z.input<typeof resetPasswordSchema>, ip: string) {
  const parsed = resetPasswordSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues);
  const tokenHash = hashToken(parsed.data.token);
  const passwordHash = await hashPassword(parsed.data.password);
  return db.$transaction(async (tx) => {
    const now = new Date();
    const claimed = await tx.passwordReset.updateMany({ where: { tokenHash, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (claimed.count !== 1) {
      const state = await describePasswordReset(tx, parsed.data.token);
      throw new AppError("invalid", RESET_REFUSALS[state === "valid" ? "used" : state]);
    }
    const { userId } = await tx.passwordReset.findUniqueOrThrow({ where: { tokenHash }, select: { userId: true } });
    // The other links of this user die with this one: the first used proves the mailbox once
    await tx.passwordReset.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
    return setPassword(tx, userId, passwordHash, { action: "password.reset", ip, now });
  });
}

export const operatorPasswordSchema = z.object({ email: emailSchema, password: passwordSchema });

/** `npm run user:reset-password`: sets the password of an existing user and ends their sessions. */
export async function resetPasswordByOperator(db: PrismaClient, input: z.input<typeof operatorPasswordSchema>) {
  const parsed = operatorPasswordSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues);
  const user = await db.user.findUnique({ where: { email: parsed.data.email }, select: { id: true } });
  if (!user) throw new AppError("not-found", `No user has the email ${parsed.data.email}.`);
  const passwordHash = await hashPassword(parsed.data.password);
  return db.$transaction((tx) => setPassword(tx, user.id, passwordHash, { action: "password.set-by-operator", ip: null, now: new Date() }));
}

/** The new hash, every session of the user ended, sign-in failures forgiven, and an audit entry in each team. */
async function setPassword(tx: Prisma.TransactionClient, userId: string, passwordHash: string, how: { action: AuditAction; ip: string | null; now: Date }) {
  const user = await tx.user.update({
    where: { id: userId },
    data: { passwordHash, passwordChangedAt: how.now },
    select: { id: true, email: true, memberships: { select: { teamId: true } } },
  });
  const ended = await tx.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: how.now } });
  await tx.signInFailure.deleteMany({ where: { email: user.email } });
  await auditForEveryTeam(tx, user, how.action, how.ip, { sessionsEnded: ended.count });
  return { email: user.email, sessionsEnded: ended.count };
}

// A password belongs to the person, not to one team: each team they are in sees the event
async function auditForEveryTeam(tx: Prisma.TransactionClient, user: { id: string; memberships: { teamId: string }[] }, action: AuditAction, ip: string | null, after?: unknown) {
  for (const { teamId } of user.memberships) await recordAudit(tx, { action, teamId, userId: user.id, ip, target: `user:${user.id}`, after });
}
