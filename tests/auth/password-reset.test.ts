import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { authenticateCookies } from "@/lib/auth/context";
import { hashToken } from "@/lib/auth/crypto";
import {
  EMAIL_NOT_CONFIGURED_MESSAGE,
  RESET_REQUESTS_PER_EMAIL,
  RESET_REQUESTS_PER_IP,
  describePasswordReset,
  requestPasswordReset,
  resetPassword,
  resetPasswordByOperator,
} from "@/lib/auth/password-reset";
import { COMMON_PASSWORD_MESSAGE } from "@/lib/auth/password";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { PASSWORD, signedInUser, type TestUser } from "../support/auth";
import type { ParsedMail } from "mailparser";
import { startLoopbackSmtp, type LoopbackSmtp } from "../support/smtp";

const APP_URL = "https://atlas.test.example";
const NEW_PASSWORD = "walnut harbour signal copper";

/** The link in a received message: the same in the text and the HTML part. */
function linkIn(mail: ParsedMail): URL {
  const inText = mail.text?.match(/https?:\/\/\S+/)?.[0];
  const inHtml = typeof mail.html === "string" ? mail.html.match(/href="([^"]+)"/)?.[1]?.replace(/&#38;/g, "&") : undefined;
  expect(inText).toBeTruthy();
  expect(inHtml).toBe(inText);
  return new URL(inText!);
}

describe("resetting a forgotten password by an emailed link", () => {
  let t: TestDatabase;
  let smtp: LoopbackSmtp;
  let user: TestUser;
  const saved = { SMTP_URL: process.env.SMTP_URL, NEXTAUTH_URL: process.env.NEXTAUTH_URL };
  beforeAll(async () => {
    t = await createTestDatabase();
    smtp = await startLoopbackSmtp();
    process.env.SMTP_URL = smtp.url;
    process.env.NEXTAUTH_URL = APP_URL;
    user = await signedInUser(t.db, "rosa@a.example", "Team A", "analyst");
    await signedInUser(t.db, "rosa@a.example", "Team B", "viewer");
  });
  afterEach(() => {
    process.env.SMTP_URL = smtp.url;
  });
  afterAll(async () => {
    Object.assign(process.env, saved);
    if (saved.SMTP_URL === undefined) delete process.env.SMTP_URL;
    await smtp.close();
    await t.drop();
  });

  it("sends a link through SMTP that works once: the password changes and every session ends", async () => {
    const { send } = await requestPasswordReset(t.db, { email: "Rosa@A.example" }, "198.51.100.20");
    expect(send).not.toBeNull();
    await send!();
    const mail = await smtp.nextMessage();
    expect(mail.to).toMatchObject({ text: "rosa@a.example" });
    expect(mail.subject).toMatch(/Reset your Commissioning Atlas password/);
    const link = linkIn(mail);
    expect(link.origin + link.pathname).toBe(`${APP_URL}/reset-password`);
    const token = link.searchParams.get("token")!;
    // Only the token's hash is stored, with an hour to live
    const stored = await t.db.passwordReset.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
    expect(await t.db.passwordReset.count({ where: { tokenHash: token } })).toBe(0);
    expect(Math.abs(stored.expiresAt.getTime() - stored.createdAt.getTime() - 60 * 60_000)).toBeLessThan(5_000);
    expect(await describePasswordReset(t.db, token)).toBe("valid");

    await expect(resetPassword(t.db, { token, password: "123456789012" }, "198.51.100.20")).rejects.toMatchObject({ fieldErrors: { password: [COMMON_PASSWORD_MESSAGE] } });
    const result = await resetPassword(t.db, { token, password: NEW_PASSWORD }, "198.51.100.20");
    expect(result.sessionsEnded).toBe(2);
    expect(await authenticateCookies(t.db, user.cookie, "198.51.100.20")).toBeNull();
    expect((await signInWithPassword(t.db, { email: user.email, password: PASSWORD, ip: "198.51.100.21" })).ok).toBe(false);
    expect((await signInWithPassword(t.db, { email: user.email, password: NEW_PASSWORD, ip: "198.51.100.21" })).ok).toBe(true);
    // Each of the user's teams sees the reset in its audit log
    const audits = await t.db.auditEvent.findMany({ where: { action: "password.reset", userId: user.userId }, select: { teamId: true, ip: true } });
    expect(audits).toHaveLength(2);
    expect(audits.every((a) => a.ip === "198.51.100.20")).toBe(true);

    expect(await describePasswordReset(t.db, token)).toBe("used");
    await expect(resetPassword(t.db, { token, password: "another walnut harbour signal" }, "198.51.100.20")).rejects.toThrow(/already been used/);
  });

  it("refuses an expired link, and a link that was never issued", async () => {
    const { send } = await requestPasswordReset(t.db, { email: "rosa@a.example" }, "198.51.100.22");
    await send!();
    const token = linkIn(await smtp.nextMessage()).searchParams.get("token")!;
    await t.db.passwordReset.update({ where: { tokenHash: hashToken(token) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await describePasswordReset(t.db, token)).toBe("expired");
    await expect(resetPassword(t.db, { token, password: "yet another walnut harbour" }, "198.51.100.22")).rejects.toThrow(/expired/);
    await expect(resetPassword(t.db, { token: "pwr_made-up-token-value", password: "yet another walnut harbour" }, "198.51.100.22")).rejects.toThrow(/not valid/);
  });

  it("accepts only one of two uses of the same link at the same moment", async () => {
    const { send } = await requestPasswordReset(t.db, { email: "rosa@a.example" }, "198.51.100.23");
    await send!();
    const token = linkIn(await smtp.nextMessage()).searchParams.get("token")!;
    const outcomes = await Promise.allSettled([
      resetPassword(t.db, { token, password: "first racing walnut harbour" }, "198.51.100.23"),
      resetPassword(t.db, { token, password: "second racing walnut harbour" }, "198.51.100.23"),
    ]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
  });

  it("answers an unknown email exactly as a known one, sends nothing and stores no reset", async () => {
    const resets = await t.db.passwordReset.count();
    const before = smtp.messages.length;
    const { send } = await requestPasswordReset(t.db, { email: "nobody@a.example" }, "198.51.100.24");
    expect(send).toBeNull();
    expect(await t.db.passwordReset.count()).toBe(resets);
    expect(smtp.messages.length).toBe(before);
  });

  it("throttles requests per email and per IP in PostgreSQL, the same for unknown emails", async () => {
    for (let i = 0; i < RESET_REQUESTS_PER_EMAIL; i++) await requestPasswordReset(t.db, { email: "ghost@a.example" }, `192.0.2.${i}`);
    await expect(requestPasswordReset(t.db, { email: "ghost@a.example" }, "192.0.2.99")).rejects.toMatchObject({ code: "throttled" });
    for (let i = 0; i < RESET_REQUESTS_PER_IP; i++) await requestPasswordReset(t.db, { email: `spray${i}@a.example` }, "203.0.113.77");
    await expect(requestPasswordReset(t.db, { email: "rosa@a.example" }, "203.0.113.77")).rejects.toMatchObject({ code: "throttled" });
  });

  it("says email is not configured when SMTP_URL is not set, and issues no link", async () => {
    delete process.env.SMTP_URL;
    const resets = await t.db.passwordReset.count();
    await expect(requestPasswordReset(t.db, { email: "rosa@a.example" }, "198.51.100.25")).rejects.toThrow(EMAIL_NOT_CONFIGURED_MESSAGE);
    expect(await t.db.passwordReset.count()).toBe(resets);
  });

  it("lets an operator set a password (npm run user:reset-password), ending sessions and auditing", async () => {
    const again = await signedInUser(t.db, "rosa@a.example", "Team A", "analyst");
    await expect(resetPasswordByOperator(t.db, { email: "rosa@a.example", password: "password1234" })).rejects.toMatchObject({ code: "invalid" });
    await expect(resetPasswordByOperator(t.db, { email: "nobody@a.example", password: NEW_PASSWORD })).rejects.toMatchObject({ code: "not-found" });
    const result = await resetPasswordByOperator(t.db, { email: "rosa@a.example", password: "operator chose this walnut" });
    expect(result.sessionsEnded).toBeGreaterThanOrEqual(1);
    expect(await authenticateCookies(t.db, again.cookie, "198.51.100.26")).toBeNull();
    expect(await t.db.auditEvent.count({ where: { action: "password.set-by-operator", userId: user.userId, ip: null } })).toBe(2);
  });
});
