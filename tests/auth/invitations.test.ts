import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptInvitation, createInvitation, revokeInvitation } from "@/lib/auth/invitations";
import { signUpFirstUser } from "@/lib/auth/accounts";
import { authenticateCookies, type AuthContext } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { PASSWORD, signedInUser } from "../support/auth";

describe("first sign-up and invitations", () => {
  let t: TestDatabase;
  let admin: AuthContext;
  let analyst: AuthContext;
  beforeAll(async () => {
    t = await createTestDatabase();
    const owner = await signUpFirstUser(t.db, { name: "Olivia Owner", email: "olivia@a.example", password: PASSWORD, teamName: "Team A" }, "198.51.100.1");
    expect(owner.teamId).toBeTruthy();
    const adminUser = await signedInUser(t.db, "adam@a.example", "Team A", "admin");
    admin = (await authenticateCookies(t.db, adminUser.cookie, "198.51.100.1"))!;
    const analystUser = await signedInUser(t.db, "ann@a.example", "Team A", "analyst");
    analyst = (await authenticateCookies(t.db, analystUser.cookie, "198.51.100.1"))!;
  });
  afterAll(() => t.drop());

  it("closes sign-up once the first user exists", async () => {
    await expect(signUpFirstUser(t.db, { name: "Mallory", email: "mallory@x.example", password: PASSWORD, teamName: "X" }, "198.51.100.9")).rejects.toMatchObject({ code: "forbidden" });
    expect(await t.db.user.count({ where: { email: "mallory@x.example" } })).toBe(0);
  });

  it("lets an invited person join once, with the invited role; the link then stops working", async () => {
    const invitation = await createInvitation(t.db, admin, { email: "new@a.example", role: "viewer" });
    expect(await t.db.invitation.count({ where: { tokenHash: invitation.token } })).toBe(0); // only the hash is stored
    await acceptInvitation(t.db, { token: invitation.token, name: "Nia New", password: PASSWORD }, "198.51.100.2");
    const membership = await t.db.membership.findFirstOrThrow({ where: { user: { email: "new@a.example" } } });
    expect(membership).toMatchObject({ role: "viewer", teamId: admin.team.id });
    await expect(acceptInvitation(t.db, { token: invitation.token, name: "Again", password: PASSWORD }, "198.51.100.2")).rejects.toThrow(/already been used/);
  });

  it("accepts a link only once when two browsers use it at the same moment", async () => {
    const invitation = await createInvitation(t.db, admin, { email: "race@a.example", role: "analyst" });
    const outcomes = await Promise.allSettled([
      acceptInvitation(t.db, { token: invitation.token, name: "Racer One", password: PASSWORD }, "198.51.100.3"),
      acceptInvitation(t.db, { token: invitation.token, name: "Racer Two", password: PASSWORD }, "198.51.100.4"),
    ]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect(await t.db.user.count({ where: { email: "race@a.example" } })).toBe(1);
  });

  it("refuses an expired invitation", async () => {
    const invitation = await createInvitation(t.db, admin, { email: "late@a.example", role: "analyst" });
    await t.db.invitation.updateMany({ where: { email: "late@a.example" }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(acceptInvitation(t.db, { token: invitation.token, name: "Late", password: PASSWORD }, "198.51.100.5")).rejects.toThrow(/expired/);
    expect(await t.db.user.count({ where: { email: "late@a.example" } })).toBe(0);
  });

  it("refuses a withdrawn invitation and an unknown token", async () => {
    const invitation = await createInvitation(t.db, admin, { email: "withdrawn@a.example", role: "analyst" });
    await revokeInvitation(t.db, admin, invitation.id);
    await expect(acceptInvitation(t.db, { token: invitation.token, name: "W", password: PASSWORD }, "198.51.100.6")).rejects.toThrow(/withdrawn/);
    await expect(acceptInvitation(t.db, { token: "inv_not-a-real-token-at-all", name: "W", password: PASSWORD }, "198.51.100.6")).rejects.toThrow(/not valid/);
  });

  it("lets only owners invite owners, and only admins invite at all (checked by the action's role)", async () => {
    await expect(createInvitation(t.db, admin, { email: "boss@a.example", role: "owner" })).rejects.toBeInstanceOf(AppError);
  });

  it("adds an existing user to a second team only with their own password", async () => {
    const teamB = await signedInUser(t.db, "bob@b.example", "Team B", "owner");
    const bAdmin = (await authenticateCookies(t.db, teamB.cookie, null))!;
    const invitation = await createInvitation(t.db, bAdmin, { email: "ann@a.example", role: "analyst" });
    await expect(acceptInvitation(t.db, { token: invitation.token, password: "a wrong password!" }, "198.51.100.7")).rejects.toThrow(/does not match/);
    await acceptInvitation(t.db, { token: invitation.token, password: PASSWORD }, "198.51.100.7");
    expect(await t.db.membership.count({ where: { userId: analyst.user.id } })).toBe(2);
  });

  it("audits invitations and acceptances", async () => {
    const actions = (await t.db.auditEvent.findMany({ where: { teamId: admin.team.id }, select: { action: true } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["sign-up", "invitation.created", "invitation.accepted", "invitation.revoked"]));
  });
});
