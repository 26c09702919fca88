import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("../support/next-request-scope").then((m) => m.nextHeaders));
vi.mock("next/cache", () => import("../support/next-request-scope").then((m) => m.nextCache));
// Outside a Next server there is no request to run after: collect the callbacks and run them here
const deferred: (() => Promise<unknown>)[] = [];
vi.mock("next/server", async (original) => ({ ...(await original<typeof import("next/server")>()), after: (task: () => Promise<unknown>) => deferred.push(task) }));

import { changePasswordAction, requestPasswordResetAction, resetPasswordAction } from "@/lib/auth/actions";
import { RESET_REQUESTED_MESSAGE } from "@/lib/auth/password-reset";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { PASSWORD, signedInUser } from "../support/auth";
import { actAs } from "../support/next-request-scope";
import { startLoopbackSmtp, type LoopbackSmtp } from "../support/smtp";

describe("the password actions behind the forms", () => {
  let t: TestDatabase;
  let smtp: LoopbackSmtp;
  const saved = process.env.SMTP_URL;
  beforeAll(async () => {
    t = await createTestDatabase();
    t.useAsAppDatabase();
    smtp = await startLoopbackSmtp();
    process.env.SMTP_URL = smtp.url;
    await signedInUser(t.db, "kim@a.example", "Team A", "analyst");
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.SMTP_URL;
    else process.env.SMTP_URL = saved;
    await smtp.close();
    await t.drop();
  });

  it("answers a known and an unknown email with the same result, and mails only the known one, after answering", async () => {
    actAs(null);
    const known = await requestPasswordResetAction({ email: "kim@a.example" });
    const unknown = await requestPasswordResetAction({ email: "nobody@a.example" });
    expect(known).toEqual({ ok: true, data: { message: RESET_REQUESTED_MESSAGE } });
    expect(unknown).toEqual(known);
    expect(smtp.messages).toHaveLength(0);
    expect(deferred).toHaveLength(1);
    await deferred.shift()!();
    const mail = await smtp.nextMessage();
    const token = new URL(mail.text!.match(/https?:\/\/\S+/)![0]).searchParams.get("token")!;
    expect(await resetPasswordAction({ token, password: "meadow lantern copper ninety" })).toEqual({ ok: true, data: { email: "kim@a.example" } });
    expect(await resetPasswordAction({ token, password: "meadow lantern copper ninety" })).toMatchObject({ ok: false, code: "invalid", message: expect.stringMatching(/already been used/) });
  });

  it("refuses a change of password without a session, and a weak new one with the reason on the field", async () => {
    actAs(null);
    expect(await changePasswordAction({ currentPassword: PASSWORD, newPassword: "lantern orchard quietly ninety" })).toMatchObject({ ok: false, code: "unauthenticated" });
    const user = await signedInUser(t.db, "lee@a.example", "Team A", "analyst");
    actAs(user.cookie);
    expect(await changePasswordAction({ currentPassword: PASSWORD, newPassword: "123456789012" })).toMatchObject({
      ok: false,
      fieldErrors: { newPassword: [expect.stringMatching(/^This is one of the most common passwords/)] },
    });
  });
});
