import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateCookies, type AuthContext } from "@/lib/auth/context";
import { emailInvitation } from "@/lib/auth/invitation-email";
import { acceptInvitation, createInvitation, describeInvitation } from "@/lib/auth/invitations";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { PASSWORD, signedInUser } from "../support/auth";
import { startLoopbackSmtp, type LoopbackSmtp } from "../support/smtp";

const APP_URL = "https://atlas.test.example";

describe("invitations by email (SMTP_URL)", () => {
  let t: TestDatabase;
  let smtp: LoopbackSmtp;
  let admin: AuthContext;
  const saved = { SMTP_URL: process.env.SMTP_URL, NEXTAUTH_URL: process.env.NEXTAUTH_URL };
  beforeAll(async () => {
    t = await createTestDatabase();
    smtp = await startLoopbackSmtp();
    process.env.NEXTAUTH_URL = APP_URL;
    const adminUser = await signedInUser(t.db, "adam@a.example", "Team A", "admin");
    admin = (await authenticateCookies(t.db, adminUser.cookie, "198.51.100.1"))!;
  });
  afterAll(async () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await smtp.close();
    await t.drop();
  });

  it("sends the invitation as text and HTML with a link to the app that lets the invitee join", async () => {
    process.env.SMTP_URL = smtp.url;
    const invitation = await createInvitation(t.db, admin, { email: "ines@a.example", role: "analyst" });
    expect(await emailInvitation(admin, invitation)).toBe("sent");
    const mail = await smtp.nextMessage();
    expect(mail.to).toMatchObject({ text: "ines@a.example" });
    expect(mail.from?.text).toContain("no-reply@atlas.test.example");
    expect(mail.subject).toBe("You are invited to Team A on Commissioning Atlas");
    expect(mail.text).toContain("as analyst");
    const url = mail.text!.match(/https:\/\/\S+/)![0];
    expect(mail.html).toContain(`href="${url}"`);
    expect(url).toMatch(new RegExp(`^${APP_URL}/invitations/inv_`));
    const token = new URL(url).pathname.split("/").pop()!;
    expect(await describeInvitation(t.db, token)).toMatchObject({ state: "valid", email: "ines@a.example" });
    await acceptInvitation(t.db, { token, name: "Ines Invited", password: PASSWORD }, "198.51.100.2");
    expect(await t.db.membership.count({ where: { user: { email: "ines@a.example" }, teamId: admin.team.id } })).toBe(1);
  });

  it("escapes the inviter's and the team's names in the HTML part", async () => {
    process.env.SMTP_URL = smtp.url;
    const sneaky = { ...admin, user: { ...admin.user, name: "<img src=x onerror=alert(1)>" } };
    const invitation = await createInvitation(t.db, admin, { email: "html@a.example", role: "viewer" });
    expect(await emailInvitation(sneaky, invitation)).toBe("sent");
    const mail = await smtp.nextMessage();
    expect(mail.html).not.toContain("<img");
    expect(mail.text).toContain("<img src=x onerror=alert(1)>");
  });

  it("without SMTP_URL sends nothing and says so, so the UI shows the link to copy", async () => {
    delete process.env.SMTP_URL;
    const before = smtp.messages.length;
    const invitation = await createInvitation(t.db, admin, { email: "copy@a.example", role: "viewer" });
    expect(await emailInvitation(admin, invitation)).toBe("not-configured");
    expect(smtp.messages.length).toBe(before);
  });

  it("reports a refused delivery (wrong SMTP credentials) as failed, not as an error", async () => {
    process.env.SMTP_URL = smtp.url.replace("mail-secret", "wrong-secret");
    const invitation = await createInvitation(t.db, admin, { email: "fail@a.example", role: "viewer" });
    expect(await emailInvitation(admin, invitation)).toBe("failed");
  });
});
