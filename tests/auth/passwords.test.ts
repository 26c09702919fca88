import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import { createUserByOperator } from "@/lib/auth/accounts";
import { authenticateCookies, type AuthContext } from "@/lib/auth/context";
import { acceptInvitation, createInvitation } from "@/lib/auth/invitations";
import { COMMON_PASSWORD_MESSAGE, passwordSchema } from "@/lib/auth/password";
import { changePassword } from "@/lib/auth/password-change";
import { createSession } from "@/lib/auth/sessions";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { SIGN_IN_MAX_FAILURES } from "@/lib/auth/throttle";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { PASSWORD, signedInUser, type TestUser } from "../support/auth";

const NEW_PASSWORD = "lantern orchard quietly ninety";

function messages(result: ReturnType<typeof passwordSchema.safeParse>): string[] {
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

describe("password strength (zxcvbn-ts), the one rule for every new password", () => {
  it("refuses a password from the common-password list with a message that says so", () => {
    expect(messages(passwordSchema.safeParse("123456789012"))).toEqual([COMMON_PASSWORD_MESSAGE]);
    expect(COMMON_PASSWORD_MESSAGE).toMatch(/^This is one of the most common passwords/);
  });

  it("refuses a long but guessable password and says why", () => {
    const [message] = messages(passwordSchema.safeParse("qwertyuiop123"));
    expect(message).toMatch(/^This password is too easy to guess\. .+/);
    expect(messages(passwordSchema.safeParse("aaaaaaaaaaaaaaaa"))[0]).toMatch(/Repeated/);
  });

  it("keeps the length rule, with one message, and accepts a strong passphrase", () => {
    expect(messages(passwordSchema.safeParse("short"))).toEqual(["Use at least 12 characters"]);
    expect(passwordSchema.safeParse(PASSWORD).success).toBe(true);
    expect(passwordSchema.safeParse(NEW_PASSWORD).success).toBe(true);
  });
});

describe("weak passwords are refused wherever a password is set", () => {
  let t: TestDatabase;
  let admin: AuthContext;
  beforeAll(async () => {
    t = await createTestDatabase();
    const adminUser = await signedInUser(t.db, "adam@a.example", "Team A", "admin");
    admin = (await authenticateCookies(t.db, adminUser.cookie, "198.51.100.1"))!;
  });
  afterAll(() => t.drop());

  it("on accepting an invitation as a new user", async () => {
    const invitation = await createInvitation(t.db, admin, { email: "weak@a.example", role: "viewer" });
    await expect(acceptInvitation(t.db, { token: invitation.token, name: "Wes Weak", password: "password1234" }, "198.51.100.2")).rejects.toMatchObject({
      fieldErrors: { password: [expect.stringMatching(/common|easy to guess/)] },
    });
    expect(await t.db.user.count({ where: { email: "weak@a.example" } })).toBe(0);
  });

  it("on the operator's user:create", async () => {
    await expect(createUserByOperator(t.db, { email: "op@a.example", password: "123456789012", team: "Team A", role: "viewer" })).rejects.toMatchObject({
      fieldErrors: { password: [COMMON_PASSWORD_MESSAGE] },
    });
  });
});

describe("changing your password", () => {
  let t: TestDatabase;
  let user: TestUser;
  let ctx: AuthContext;
  let otherCookie: string;
  beforeAll(async () => {
    t = await createTestDatabase();
    user = await signedInUser(t.db, "carla@a.example", "Team A", "analyst");
    ctx = (await authenticateCookies(t.db, user.cookie, "198.51.100.4"))!;
    const other = await createSession(t.db, { userId: user.userId, teamId: user.teamId, ip: "198.51.100.5" });
    otherCookie = `next-auth.session-token=${await encode({ token: { sid: other.id, sub: user.userId }, secret: process.env.NEXTAUTH_SECRET! })}`;
  });
  afterAll(() => t.drop());

  it("needs the current password, and a wrong one is audited and changes nothing", async () => {
    await expect(changePassword(t.db, ctx, { currentPassword: "not my password at all", newPassword: NEW_PASSWORD })).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { currentPassword: ["That is not your current password"] },
    });
    expect(await t.db.auditEvent.count({ where: { action: "password.change-failed", userId: user.userId, teamId: user.teamId } })).toBe(1);
    expect(await authenticateCookies(t.db, otherCookie, "198.51.100.5")).not.toBeNull();
  });

  it("refuses a weak new password, and the same password again", async () => {
    await expect(changePassword(t.db, ctx, { currentPassword: PASSWORD, newPassword: "123456789012" })).rejects.toMatchObject({ fieldErrors: { newPassword: [COMMON_PASSWORD_MESSAGE] } });
    await expect(changePassword(t.db, ctx, { currentPassword: PASSWORD, newPassword: PASSWORD })).rejects.toMatchObject({ fieldErrors: { newPassword: [expect.stringMatching(/different/)] } });
  });

  it("ends every other session of the user at once, keeps this one, and audits", async () => {
    const result = await changePassword(t.db, ctx, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(result.otherSessionsEnded).toBe(1);
    expect(await authenticateCookies(t.db, otherCookie, "198.51.100.5")).toBeNull();
    expect(await authenticateCookies(t.db, user.cookie, "198.51.100.4")).not.toBeNull();
    const stored = await t.db.user.findUniqueOrThrow({ where: { id: user.userId }, select: { passwordChangedAt: true } });
    expect(stored.passwordChangedAt).not.toBeNull();
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { action: "password.changed", userId: user.userId } });
    expect(audit).toMatchObject({ teamId: user.teamId, after: { otherSessionsEnded: 1 } });
    expect(JSON.stringify({ ...audit, id: String(audit.id) })).not.toContain(NEW_PASSWORD);
    expect((await signInWithPassword(t.db, { email: user.email, password: PASSWORD, ip: "198.51.100.6" })).ok).toBe(false);
    expect((await signInWithPassword(t.db, { email: user.email, password: NEW_PASSWORD, ip: "198.51.100.6" })).ok).toBe(true);
  });

  it("throttles guesses of the current password like sign-in", async () => {
    const guesser = await signedInUser(t.db, "gus@a.example", "Team A", "analyst");
    const guesserCtx = (await authenticateCookies(t.db, guesser.cookie, "198.51.100.7"))!;
    for (let attempt = 0; attempt < SIGN_IN_MAX_FAILURES; attempt++) {
      await expect(changePassword(t.db, guesserCtx, { currentPassword: `guess number ${attempt}`, newPassword: NEW_PASSWORD })).rejects.toMatchObject({ code: "invalid" });
    }
    await expect(changePassword(t.db, guesserCtx, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD })).rejects.toMatchObject({ code: "throttled" });
  });
});
