import type { PrismaClient } from "@/lib/generated/prisma/client";

// Counted in PostgreSQL, not in memory, so every app instance behind a load balancer sees the same count.
export const SIGN_IN_WINDOW_MINUTES = 15;
export const SIGN_IN_MAX_FAILURES = 10;

export type ThrottleState = { throttled: boolean; retryAfterSeconds: number };

export async function signInThrottle(db: PrismaClient, email: string, ip: string): Promise<ThrottleState> {
  const since = new Date(Date.now() - SIGN_IN_WINDOW_MINUTES * 60_000);
  const [byEmail, byIp] = await Promise.all([
    db.signInFailure.findMany({ where: { email, createdAt: { gte: since } }, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
    db.signInFailure.findMany({ where: { ip, createdAt: { gte: since } }, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
  ]);
  const over = [byEmail, byIp].filter((failures) => failures.length >= SIGN_IN_MAX_FAILURES);
  if (over.length === 0) return { throttled: false, retryAfterSeconds: 0 };
  // The window reopens when enough of the oldest failures have aged out
  const reopensAt = Math.max(
    ...over.map((failures) => failures[failures.length - SIGN_IN_MAX_FAILURES]!.createdAt.getTime() + SIGN_IN_WINDOW_MINUTES * 60_000),
  );
  return { throttled: true, retryAfterSeconds: Math.max(1, Math.ceil((reopensAt - Date.now()) / 1000)) };
}

export async function recordSignInFailure(db: PrismaClient, email: string, ip: string) {
  await db.signInFailure.create({ data: { email, ip } });
  // Old rows are useless past the window; trim them now and then rather than with a job
  if (Math.random() < 0.01) {
    await db.signInFailure.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - 24 * 60 * 60_000) } } });
  }
}

export async function clearSignInFailures(db: PrismaClient, email: string) {
  await db.signInFailure.deleteMany({ where: { email } });
}

export const THROTTLED_MESSAGE = `Too many sign-in attempts. For your security, wait ${SIGN_IN_WINDOW_MINUTES} minutes and try again.`;
