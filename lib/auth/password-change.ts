// Changing your own password: the current one is required (and its guesses throttled like sign-in),
// and every other session of yours ends, so a browser left signed in elsewhere is signed out.
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit";
import { AppError, invalid } from "@/lib/errors";
import type { AuthContext } from "./context";
import { hashPassword, passwordSchema, verifyPassword } from "./password";
import { recordSignInFailure, signInThrottle, THROTTLED_MESSAGE } from "./throttle";

export const changePasswordSchema = z
  .object({ currentPassword: z.string().min(1, "Enter your current password").max(200), newPassword: passwordSchema })
  .refine((input) => input.currentPassword !== input.newPassword, { path: ["newPassword"], message: "Choose a password different from the current one" });

export async function changePassword(db: PrismaClient, ctx: AuthContext, input: z.input<typeof changePasswordSchema>) {
  const parsed = changePasswordSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues);
  const ip = ctx.ip ?? "unknown";
  const throttle = await signInThrottle(db, ctx.user.email, ip);
  if (throttle.throttled) throw new AppError("throttled", THROTTLED_MESSAGE);
  const user = await db.user.findUniqueOrThrow({ where: { id: ctx.user.id }, select: { passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, parsed.data.currentPassword))) {
    await recordSignInFailure(db, ctx.user.email, ip);
    await recordAudit(db, { action: "password.change-failed", teamId: ctx.team.id, userId: ctx.user.id, ip: ctx.ip });
    throw new AppError("invalid", "Your current password is not right.", { currentPassword: ["That is not your current password"] });
  }
  const passwordHash = await hashPassword(parsed.data.newPassword);
  return db.$transaction(async (tx) => {
    const now = new Date();
    await tx.user.update({ where: { id: ctx.user.id }, data: { passwordHash, passwordChangedAt: now } });
    const ended = await tx.session.updateMany({ where: { userId: ctx.user.id, revokedAt: null, ...(ctx.sessionId ? { id: { not: ctx.sessionId } } : {}) }, data: { revokedAt: now } });
    // The password was just entered in this session, which counts for the re-authentication window
    if (ctx.sessionId) await tx.session.update({ where: { id: ctx.sessionId }, data: { authenticatedAt: now } });
    await recordAudit(tx, { action: "password.changed", teamId: ctx.team.id, userId: ctx.user.id, ip: ctx.ip, target: `user:${ctx.user.id}`, after: { otherSessionsEnded: ended.count } });
    return { otherSessionsEnded: ended.count };
  });
}
