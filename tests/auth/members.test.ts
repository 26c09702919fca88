// Members of a team on real PostgreSQL: removal stops sessions and tokens at once, the last owner
// stays under concurrency, tokens are seen and revoked by the right people, sensitive changes ask
// for a recent password.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("../support/next-request-scope").then((m) => m.nextHeaders));
vi.mock("next/cache", () => import("../support/next-request-scope").then((m) => m.nextCache));

import * as meRoute from "@/app/api/v1/me/route";
import * as membersRoute from "@/app/api/v1/members/route";
import * as memberRoute from "@/app/api/v1/members/[userId]/route";
import * as tokensRoute from "@/app/api/v1/tokens/route";
import * as tokenRoute from "@/app/api/v1/tokens/[id]/route";
import * as invitationRoute from "@/app/api/v1/invitations/[id]/route";
import * as targetListRoute from "@/app/api/v1/target-lists/route";
import * as targetListByIdRoute from "@/app/api/v1/target-lists/[id]/route";
import * as entriesRoute from "@/app/api/v1/target-lists/[id]/entries/route";
import * as notesRoute from "@/app/api/v1/notes/route";
import * as organisationNotesRoute from "@/app/api/v1/organisations/[code]/notes/route";
import { changeRoleAction, createApiTokenAction, removeMemberAction } from "@/lib/auth/actions";
import { createApiToken } from "@/lib/auth/api-tokens";
import { authenticateRequest, type AuthContext } from "@/lib/auth/context";
import { createInvitation } from "@/lib/auth/invitations";
import { changeRole, listTeamMembers } from "@/lib/auth/members";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { apiRequest, params, signedInUser, type TestUser } from "../support/auth";
import { actAs } from "../support/next-request-scope";

describe("members: roles, removal, leaving and tokens", () => {
  let t: TestDatabase;
  let owner: TestUser, admin: TestUser, analyst: TestUser, other: TestUser;

  const contextOf = async (user: TestUser) => (await authenticateRequest(t.db, apiRequest("/api/v1/me", { cookie: user.cookie })))!;
  const me = (auth: { cookie?: string; token?: string }) => meRoute.GET(apiRequest("/api/v1/me", auth));
  const deleteMember = (user: TestUser, userId: string) => memberRoute.DELETE(apiRequest(`/api/v1/members/${userId}`, { method: "DELETE", cookie: user.cookie }), params({ userId }));
  const patchMember = (user: TestUser, userId: string, role: string) =>
    memberRoute.PATCH(apiRequest(`/api/v1/members/${userId}`, { method: "PATCH", cookie: user.cookie, body: { role } }), params({ userId }));

  beforeAll(async () => {
    t = await createTestDatabase();
    t.useAsAppDatabase();
    owner = await signedInUser(t.db, "olive@a.example", "Team A", "owner");
    admin = await signedInUser(t.db, "adam@a.example", "Team A", "admin");
    analyst = await signedInUser(t.db, "ann@a.example", "Team A", "analyst");
    other = await signedInUser(t.db, "bea@b.example", "Team B", "owner");
  });
  afterAll(() => t.drop());

  it("lists members with their role, when they joined and when they were last seen", async () => {
    await createApiToken(t.db, { userId: analyst.userId, teamId: analyst.teamId }, "Seen");
    await t.db.apiToken.updateMany({ where: { userId: analyst.userId }, data: { lastUsedAt: new Date("2030-01-02T03:04:05Z") } });
    const response = await membersRoute.GET(apiRequest("/api/v1/members", { cookie: admin.cookie }));
    expect(response.status).toBe(200);
    const { data } = (await response.json()) as { data: { user: { email: string }; role: string; joined_at: string; last_seen_at: string | null }[] };
    expect(data.map((m) => [m.user.email, m.role])).toEqual([["adam@a.example", "admin"], ["ann@a.example", "analyst"], ["olive@a.example", "owner"]]);
    expect(data.find((m) => m.user.email === "ann@a.example")!.last_seen_at, "the token's use is later than any session").toBe("2030-01-02T03:04:05.000Z");
    expect(data.every((m) => m.joined_at && m.last_seen_at)).toBe(true);
    expect((await membersRoute.GET(apiRequest("/api/v1/members", { cookie: analyst.cookie }))).status).toBe(403);
  });

  it("stops a removed member's session and API token on their very next request", async () => {
    const gone = await signedInUser(t.db, "gus@a.example", "Team A", "analyst");
    const { token } = await createApiToken(t.db, { userId: gone.userId, teamId: gone.teamId }, "Sync");
    expect((await me({ cookie: gone.cookie })).status).toBe(200);
    expect((await me({ token })).status).toBe(200);
    expect((await deleteMember(admin, gone.userId)).status).toBe(204);
    expect((await me({ cookie: gone.cookie })).status).toBe(401);
    expect((await me({ token })).status).toBe(401);
    expect((await targetListRoute.GET(apiRequest("/api/v1/target-lists", { token }))).status).toBe(401);
    expect(await t.db.membership.count({ where: { userId: gone.userId, teamId: gone.teamId } })).toBe(0);
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { action: "member.removed", target: `user:${gone.userId}` } });
    expect(audit).toMatchObject({ teamId: owner.teamId, userId: admin.userId, after: { sessionsEnded: 1, tokensRevoked: 1 } });
  });

  it("keeps a removed member's lists, entries and notes, shown as by a former member", async () => {
    const leaver = await signedInUser(t.db, "fay@a.example", "Team A", "analyst");
    const post = (url: string, body: unknown) => apiRequest(url, { method: "POST", cookie: leaver.cookie, body });
    const list = (await (await targetListRoute.POST(post("/api/v1/target-lists", { name: "Fay's accounts" }))).json()) as { id: string; created_by: string };
    expect(list.created_by).toBe("fay");
    expect((await entriesRoute.POST(post(`/api/v1/target-lists/${list.id}/entries`, { codes: ["QHM"] }), params({ id: list.id }))).status).toBe(201);
    expect((await organisationNotesRoute.POST(post("/api/v1/organisations/QHM/notes", { body: "Met their CCIO" }), params({ code: "QHM" }))).status).toBe(201);
    await t.db.targetListEntry.updateMany({ where: { listId: list.id }, data: { ownerId: leaver.userId } });

    expect((await deleteMember(admin, leaver.userId)).status).toBe(204);
    const asAnalyst = { cookie: analyst.cookie };
    const shownList = await (await targetListByIdRoute.GET(apiRequest(`/api/v1/target-lists/${list.id}`, asAnalyst), params({ id: list.id }))).json();
    expect(shownList).toMatchObject({ id: list.id, created_by: "a former member" });
    const entries = await (await entriesRoute.GET(apiRequest(`/api/v1/target-lists/${list.id}/entries`, asAnalyst), params({ id: list.id }))).json();
    expect(entries.data).toMatchObject([{ added_by: "a former member", owner: { id: leaver.userId, name: "a former member" } }]);
    const feed = await (await notesRoute.GET(apiRequest("/api/v1/notes", asAnalyst))).json();
    expect(feed.data.filter((n: { body: string }) => n.body === "Met their CCIO")).toMatchObject([{ author: { id: leaver.userId, name: "a former member" } }]);
    // Another team's view of the same person is untouched: the name stays for teams they still belong to
    expect(await t.db.user.findUniqueOrThrow({ where: { id: leaver.userId }, select: { name: true } })).toEqual({ name: "fay" });
  });

  it("lets an admin remove below owner only, and answers 404 for another team's member", async () => {
    expect((await deleteMember(admin, owner.userId)).status).toBe(403);
    expect((await deleteMember(analyst, admin.userId)).status).toBe(403);
    expect((await deleteMember(admin, other.userId)).status).toBe(404);
    expect((await patchMember(admin, other.userId, "viewer")).status).toBe(404);
    expect((await patchMember(admin, analyst.userId, "owner")).status).toBe(403);
    expect((await patchMember(admin, analyst.userId, "superuser")).status).toBe(400);
    const changed = await patchMember(admin, analyst.userId, "viewer");
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ user: { id: analyst.userId }, role: "viewer" });
    expect((await patchMember(admin, analyst.userId, "analyst")).status).toBe(200);
  });

  it("lets a member leave, but never the last owner", async () => {
    const leaver = await signedInUser(t.db, "lee@a.example", "Team A", "viewer");
    actAs(leaver.cookie);
    expect(await removeMemberAction({ userId: leaver.userId })).toMatchObject({ ok: true, data: { left: true } });
    expect((await me({ cookie: leaver.cookie })).status).toBe(401);
    expect(await t.db.auditEvent.count({ where: { action: "member.left", target: `user:${leaver.userId}` } })).toBe(1);
    expect((await deleteMember(owner, owner.userId)).status, "the only owner cannot leave").toBe(409);
    expect((await patchMember(owner, owner.userId, "admin")).status, "nor demote themself").toBe(409);
  });

  it("keeps an owner when the two owners demote each other at the same moment", async () => {
    const second = await signedInUser(t.db, "otto@a.example", "Team A", "owner");
    for (let round = 0; round < 5; round++) {
      const [first, other] = [await contextOf(owner), await contextOf(second)];
      const results = await Promise.allSettled([
        changeRole(t.db, first, { userId: second.userId, role: "admin" }),
        changeRole(t.db, other, { userId: owner.userId, role: "admin" }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled"), `round ${round}`).toHaveLength(1);
      expect(await t.db.membership.count({ where: { teamId: owner.teamId, role: "owner" } })).toBe(1);
      // Restore both owners for the next round, by the one who is still owner
      const [survivor] = (await listTeamMembers(t.db, owner.teamId)).filter((m) => m.role === "owner");
      const survivorCtx = await contextOf(survivor!.id === owner.userId ? owner : second);
      await changeRole(t.db, survivorCtx, { userId: survivor!.id === owner.userId ? second.userId : owner.userId, role: "owner" });
    }
    expect((await deleteMember(second, second.userId)).status, "with two owners, one can leave").toBe(204);
  });

  it("asks for the password again when it was entered more than 10 minutes ago", async () => {
    await t.db.session.update({ where: { id: admin.sessionId }, data: { authenticatedAt: new Date(Date.now() - 11 * 60_000) } });
    const target = await signedInUser(t.db, "rex@a.example", "Team A", "viewer");
    const refused = await patchMember(admin, target.userId, "analyst");
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: "reauthentication-required" } });
    expect((await deleteMember(admin, target.userId)).status).toBe(403);
    actAs(admin.cookie);
    expect(await changeRoleAction({ userId: target.userId, role: "analyst" })).toMatchObject({ ok: false, code: "reauthentication-required" });
    expect(await createApiTokenAction({ name: "Late" })).toMatchObject({ ok: false, code: "reauthentication-required" });
    expect((await t.db.membership.findFirstOrThrow({ where: { userId: target.userId } })).role).toBe("viewer");
    await t.db.session.update({ where: { id: admin.sessionId }, data: { authenticatedAt: new Date() } });
  });

  it("creates tokens with the expiry their creator chooses, 1 to 365 days, 90 by default", async () => {
    actAs(analyst.cookie);
    const day = 86_400_000;
    const made = await createApiTokenAction({ name: "Thirty", expiresInDays: "30" });
    expect(made.ok).toBe(true);
    const expiresAt = new Date((made as { data: { expiresAt: string } }).data.expiresAt).getTime();
    expect(Math.abs(expiresAt - (Date.now() + 30 * day))).toBeLessThan(60_000);
    const byDefault = await createApiTokenAction({ name: "Default" });
    expect(Math.abs(new Date((byDefault as { data: { expiresAt: string } }).data.expiresAt).getTime() - (Date.now() + 90 * day))).toBeLessThan(60_000);
    for (const days of ["0", "366", "1.5"]) expect(await createApiTokenAction({ name: "Bad", expiresInDays: days }), days).toMatchObject({ ok: false, code: "invalid" });
  });

  it("shows each their own tokens, admins every token of the team, and revokes accordingly", async () => {
    const adminToken = await createApiToken(t.db, { userId: admin.userId, teamId: admin.teamId }, "Admin's");
    const analystToken = await createApiToken(t.db, { userId: analyst.userId, teamId: analyst.teamId }, "Analyst's");
    const otherTeamToken = await createApiToken(t.db, { userId: other.userId, teamId: other.teamId }, "Team B's");
    const list = async (user: TestUser) => ((await (await tokensRoute.GET(apiRequest("/api/v1/tokens", { cookie: user.cookie }))).json()) as { data: { id: string; user: { id: string }; expires_at: string }[] }).data;
    const mine = await list(analyst);
    expect(new Set(mine.map((k) => k.user.id))).toEqual(new Set([analyst.userId]));
    const all = await list(admin);
    expect(all.map((k) => k.id)).toEqual(expect.arrayContaining([adminToken.id, analystToken.id]));
    expect(all.map((k) => k.id)).not.toContain(otherTeamToken.id);
    expect(all.every((k) => k.expires_at)).toBe(true);
    const revoke = (user: TestUser, id: string) => tokenRoute.DELETE(apiRequest(`/api/v1/tokens/${id}`, { method: "DELETE", cookie: user.cookie }), params({ id }));
    expect((await revoke(analyst, adminToken.id)).status, "not their token").toBe(404);
    expect((await revoke(admin, otherTeamToken.id)).status, "another team's token").toBe(404);
    expect((await revoke(admin, analystToken.id)).status).toBe(204);
    expect((await me({ token: analystToken.token })).status).toBe(401);
    expect((await revoke(analyst, analystToken.id)).status, "already revoked").toBe(404);
    expect(await t.db.auditEvent.count({ where: { action: "api-token.revoked", target: `api-token:${analystToken.id}`, userId: admin.userId } })).toBe(1);
  });

  it("revokes a pending invitation, and not another team's", async () => {
    const ctx: AuthContext = await contextOf(admin);
    const invitation = await createInvitation(t.db, ctx, { email: "new@a.example", role: "viewer" });
    const foreign = await createInvitation(t.db, await contextOf(other), { email: "new@b.example", role: "viewer" });
    const revoke = (id: string) => invitationRoute.DELETE(apiRequest(`/api/v1/invitations/${id}`, { method: "DELETE", cookie: admin.cookie }), params({ id }));
    expect((await revoke(foreign.id)).status).toBe(404);
    expect((await revoke(invitation.id)).status).toBe(204);
    expect((await revoke(invitation.id)).status).toBe(404);
  });
});
