// Two-factor sign-in: TOTP (RFC 6238, otplib) with 10 single-use recovery codes. The secret is
// sealed at rest (lib/auth/secret-box); a code is accepted once only, by recording its time step.
import { randomBytes } from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import type { AuthContext } from "./context";
import { hashToken } from "./crypto";
import { verifyPassword } from "./password";
import { requireRecentAuthentication } from "./reauth";
import { openSecret, sealSecret } from "./secret-box";
import { recordSignInFailure, signInThrottle, THROTTLED_MESSAGE } from "./throttle";

const SEAL_PURPOSE = "mfa totp secret";
const ISSUER = "Commissioning Atlas";
export const RECOVERY_CODE_COUNT = 10;
/** One step either side (30 s) for a phone's clock drifting from the server's. */
const EPOCH_TOLERANCE_SECONDS = 30;
const TOTP_PERIOD_SECONDS = 30;

export const mfaCodeSchema = z.object({ code: z.string().trim().min(6, "Enter the 6-digit code").max(32) });
export const disableMfaSchema = mfaCodeSchema.extend({ password: z.string().min(1, "Enter your password").max(200) });
export const requireMfaSchema = z.object({ required: z.union([z.boolean(), z.enum(["true", "false"]).transform((value) => value === "true")]) });

export const MFA_ENROLMENT_REQUIRED_MESSAGE = "Your team requires two-factor sign-in: set it up in Settings → Security before using the team's pages or API.";

function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, "");
}

function newRecoveryCode(): string {
  // 10 characters of base32 (50 bits) shown as two groups of five
  const alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
  const chars = [...randomBytes(10)].map((byte) => alphabet[byte % 32]).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** The time step of a right, unused TOTP code for `secret`, or null. */
async function acceptedTimeStep(secret: string, code: string, lastUsedStep: number | null): Promise<number | null> {
  const token = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const epoch = Math.floor(Date.now() / 1000);
  const result = await verify({ secret, token, epoch, period: TOTP_PERIOD_SECONDS, epochTolerance: EPOCH_TOLERANCE_SECONDS });
  if (!result.valid) return null;
  const step = Math.floor(epoch / TOTP_PERIOD_SECONDS) + result.delta;
  return lastUsedStep === null || step > lastUsedStep ? step : null;
}

/** Null when the secret was sealed under another NEXTAUTH_SECRET: recovery codes still work then. */
function openSealedTotpSecret(sealed: string): string | null {
  try {
    return openSecret(sealed, SEAL_PURPOSE);
  } catch {
    console.error("A TOTP secret does not open with this NEXTAUTH_SECRET (was it changed?); only recovery codes work for that user.");
    return null;
  }
}

/**
 * Checks a second factor for a user with MFA: a TOTP code (used once: the step is recorded with a
 * conditional update, so two requests racing with one code cannot both pass) or a recovery code.
 */
export async function verifySecondFactor(db: PrismaClient, userId: string, code: string): Promise<"totp" | "recovery" | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { mfaSecret: true, mfaLastUsedStep: true } });
  if (!user?.mfaSecret) return null;
  const secret = openSealedTotpSecret(user.mfaSecret);
  const step = secret === null ? null : await acceptedTimeStep(secret, code, user.mfaLastUsedStep);
  if (step !== null) {
    const claimed = await db.user.updateMany({
      where: { id: userId, OR: [{ mfaLastUsedStep: null }, { mfaLastUsedStep: { lt: step } }] },
      data: { mfaLastUsedStep: step },
    });
    return claimed.count === 1 ? "totp" : null;
  }
  const normalised = normaliseRecoveryCode(code);
  if (normalised.length !== 10) return null;
  const used = await db.mfaRecoveryCode.updateMany({ where: { userId, codeHash: hashToken(normalised), usedAt: null }, data: { usedAt: new Date() } });
  return used.count === 1 ? "recovery" : null;
}

export async function mfaStatus(db: PrismaClient, userId: string) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { mfaEnabledAt: true, _count: { select: { recoveryCodes: { where: { usedAt: null } } } } },
  });
  return { enabledAt: user.mfaEnabledAt, recoveryCodesLeft: user._count.recoveryCodes };
}

/** Throws 403 with a clear message when the team requires MFA and this user has not enrolled. */
export function refuseWithoutRequiredMfa(ctx: AuthContext): void {
  if (ctx.mustEnrolMfa) throw new AppError("forbidden", MFA_ENROLMENT_REQUIRED_MESSAGE);
}

/**
 * Starts (or restarts) an enrolment: a new secret, kept sealed as pending until a first code
 * confirms it. Returns what the page shows: the base32 secret and its QR code (an SVG data URL).
 */
export async function startMfaEnrolment(db: PrismaClient, ctx: AuthContext) {
  await requireRecentAuthentication(db, ctx);
  const user = await db.user.findUniqueOrThrow({ where: { id: ctx.user.id }, select: { mfaEnabledAt: true } });
  if (user.mfaEnabledAt) throw new AppError("conflict", "Two-factor sign-in is already on. Turn it off first to move it to another device.");
  const secret = generateSecret();
  await db.user.update({ where: { id: ctx.user.id }, data: { mfaPendingSecret: sealSecret(secret, SEAL_PURPOSE) } });
  const uri = generateURI({ issuer: ISSUER, label: ctx.user.email, secret });
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return { secret, uri, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` };
}

/** Confirms the pending secret with a first code; returns the 10 recovery codes, shown only this once. */
export async function confirmMfaEnrolment(db: PrismaClient, ctx: AuthContext, code: string): Promise<string[]> {
  await requireRecentAuthentication(db, ctx);
  const user = await db.user.findUniqueOrThrow({ where: { id: ctx.user.id }, select: { mfaPendingSecret: true, mfaEnabledAt: true } });
  if (user.mfaEnabledAt) throw new AppError("conflict", "Two-factor sign-in is already on.");
  if (!user.mfaPendingSecret) throw new AppError("invalid", "Start the set-up again: no secret is waiting for a code.");
  const step = await acceptedTimeStep(openSecret(user.mfaPendingSecret, SEAL_PURPOSE), code, null);
  if (step === null) throw new AppError("invalid", "That code is not right. Check the time on your phone and enter the current code.", { code: ["That code is not right"] });
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db.$transaction(async (tx) => {
    const enabled = await tx.user.updateMany({
      where: { id: ctx.user.id, mfaPendingSecret: user.mfaPendingSecret, mfaEnabledAt: null },
      data: { mfaSecret: user.mfaPendingSecret, mfaPendingSecret: null, mfaEnabledAt: new Date(), mfaLastUsedStep: step },
    });
    if (enabled.count !== 1) throw new AppError("conflict", "The set-up changed in another window. Start it again.");
    await tx.mfaRecoveryCode.deleteMany({ where: { userId: ctx.user.id } });
    await tx.mfaRecoveryCode.createMany({ data: codes.map((recovery) => ({ userId: ctx.user.id, codeHash: hashToken(normaliseRecoveryCode(recovery)) })) });
    await recordAudit(tx, { action: "mfa.enabled", teamId: ctx.team.id, userId: ctx.user.id, ip: ctx.ip });
  });
  return codes;
}

/** Turning MFA off needs the password and a code (or a recovery code), and a recent sign-in. */
export async function disableMfa(db: PrismaClient, ctx: AuthContext, input: z.output<typeof disableMfaSchema>): Promise<void> {
  await requireRecentAuthentication(db, ctx);
  const user = await db.user.findUniqueOrThrow({
    where: { id: ctx.user.id },
    select: { passwordHash: true, mfaEnabledAt: true, memberships: { where: { team: { requireMfa: true } }, select: { team: { select: { name: true } } } } },
  });
  if (!user.mfaEnabledAt) throw new AppError("invalid", "Two-factor sign-in is not on.");
  if (user.memberships.length > 0) {
    throw new AppError("forbidden", `${user.memberships.map((m) => m.team.name).join(", ")} requires two-factor sign-in, so it cannot be turned off.`);
  }
  const ip = ctx.ip ?? "unknown";
  const throttle = await signInThrottle(db, ctx.user.email, ip);
  if (throttle.throttled) throw new AppError("throttled", THROTTLED_MESSAGE, {}, throttle.retryAfterSeconds);
  const passwordRight = await verifyPassword(user.passwordHash, input.password);
  if (!passwordRight || !(await verifySecondFactor(db, ctx.user.id, input.code))) {
    await recordSignInFailure(db, ctx.user.email, ip);
    await recordAudit(db, { action: "mfa.disable-failed", teamId: ctx.team.id, userId: ctx.user.id, ip: ctx.ip });
    throw new AppError("invalid", "The password or the code is not right.", passwordRight ? { code: ["That code is not right"] } : { password: ["That password is not right"] });
  }
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: ctx.user.id }, data: { mfaSecret: null, mfaPendingSecret: null, mfaEnabledAt: null, mfaLastUsedStep: null } });
    await tx.mfaRecoveryCode.deleteMany({ where: { userId: ctx.user.id } });
    await recordAudit(tx, { action: "mfa.disabled", teamId: ctx.team.id, userId: ctx.user.id, ip: ctx.ip });
  });
}

/** Owners only; an owner must have MFA on before requiring it, so the team cannot lock its owner out. */
export async function setTeamRequireMfa(db: PrismaClient, ctx: AuthContext, required: boolean): Promise<void> {
  if (ctx.role !== "owner") throw new AppError("forbidden", "Only an owner can change whether the team requires two-factor sign-in.");
  await requireRecentAuthentication(db, ctx);
  if (required && !(await mfaStatus(db, ctx.user.id)).enabledAt) {
    throw new AppError("invalid", "Turn on two-factor sign-in for yourself first (Settings → Security), then require it for the team.");
  }
  const team = await db.team.findUniqueOrThrow({ where: { id: ctx.team.id }, select: { requireMfa: true } });
  if (team.requireMfa === required) return;
  await db.$transaction(async (tx) => {
    await tx.team.update({ where: { id: ctx.team.id }, data: { requireMfa: required } });
    await recordAudit(tx, { action: "team.require-mfa", teamId: ctx.team.id, userId: ctx.user.id, ip: ctx.ip, before: { requireMfa: team.requireMfa }, after: { requireMfa: required } });
  });
}
