import { createHmac } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { isKnownIp } from "./client-ip";
import { authSecret } from "./context";

// Counted in PostgreSQL, not in memory, so every app instance behind a load balancer sees the same count.
// Three limits, so that guessing is slow but an attacker cannot keep someone else out:
// - one email from one address: 10 failures in 15 minutes (the owner of the email, elsewhere, is not affected);
// - one address, any emails: 30 in 15 minutes (password spraying; an office behind one NAT has room for typos);
// - one email from anywhere: 50 in an hour (a guesser with many addresses), which reopens as failures age out.
export const SIGN_IN_WINDOW_MINUTES = 15;
export const SIGN_IN_MAX_FAILURES = 10;
export const SIGN_IN_IP_MAX_FAILURES = 30;
export const SIGN_IN_EMAIL_WINDOW_MINUTES = 60;
export const SIGN_IN_EMAIL_MAX_FAILURES = 50;

export type ThrottleState = { throttled: boolean; retryAfterSeconds: number };

/**
 * The key the failures of one typed email are counted under: an HMAC, so what someone typed into the
 * email box (an address of no account, or a password pasted in the wrong field) is never stored.
 */
export function signInEmailKey(email: string): string {
  return createHmac("sha256", authSecret()).update(`sign-in-email:${email.trim().toLowerCase()}`).digest("hex");
}

type Limit = { where: { email?: string; ip?: string }; max: number; windowMinutes: number };

async function reopensAt(db: PrismaClient, limit: Limit): Promise<number | null> {
  const windowMs = limit.windowMinutes * 60_000;
  const failures = await db.signInFailure.findMany({
    where: { ...limit.where, createdAt: { gte: new Date(Date.now() - windowMs) } },
    orderBy: { createdAt: "desc" },
    take: limit.max,
    select: { createdAt: true },
  });
  // The window reopens when the oldest of the last `max` failures ages out
  return failures.length >= limit.max ? failures[failures.length - 1]!.createdAt.getTime() + windowMs : null;
}

export async function signInThrottle(db: PrismaClient, email: string, ip: string): Promise<ThrottleState> {
  const key = signInEmailKey(email);
  const limits: Limit[] = [{ where: { email: key }, max: SIGN_IN_EMAIL_MAX_FAILURES, windowMinutes: SIGN_IN_EMAIL_WINDOW_MINUTES }];
  // "unknown" is every client whose address could not be read: a limit on it would let one attacker lock out all
  if (isKnownIp(ip)) {
    limits.push({ where: { email: key, ip }, max: SIGN_IN_MAX_FAILURES, windowMinutes: SIGN_IN_WINDOW_MINUTES });
    limits.push({ where: { ip }, max: SIGN_IN_IP_MAX_FAILURES, windowMinutes: SIGN_IN_WINDOW_MINUTES });
  }
  const reopen = (await Promise.all(limits.map((limit) => reopensAt(db, limit)))).filter((at): at is number => at !== null);
  if (reopen.length === 0) return { throttled: false, retryAfterSeconds: 0 };
  return { throttled: true, retryAfterSeconds: Math.max(1, Math.ceil((Math.max(...reopen) - Date.now()) / 1000)) };
}

export async function recordSignInFailure(db: PrismaClient, email: string, ip: string) {
  await db.signInFailure.create({ data: { email: signInEmailKey(email), ip } });
  // Old rows are useless past the window; trim them now and then rather than with a job
  if (Math.random() < 0.01) {
    await db.signInFailure.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - 24 * 60 * 60_000) } } });
  }
}

export async function clearSignInFailures(db: PrismaClient, email: string) {
  await db.signInFailure.deleteMany({ where: { email: signInEmailKey(email) } });
}

export const THROTTLED_MESSAGE = `Too many sign-in attempts. For your security, wait ${SIGN_IN_WINDOW_MINUTES} minutes and try again.`;
