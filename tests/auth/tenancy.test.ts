import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("../support/next-request-scope").then((m) => m.nextHeaders));
vi.mock("next/cache", () => import("../support/next-request-scope").then((m) => m.nextCache));

import * as targetListRoute from "@/app/api/v1/target-lists/route";
import * as targetListByIdRoute from "@/app/api/v1/target-lists/[id]/route";
import * as noteRoute from "@/app/api/v1/notes/[id]/route";
import * as organisationNotesRoute from "@/app/api/v1/organisations/[code]/notes/route";
import * as viewsRoute from "@/app/api/v1/views/route";
import * as viewByIdRoute from "@/app/api/v1/views/[id]/route";
import * as meRoute from "@/app/api/v1/me/route";
import { createNoteAction } from "@/lib/notes/actions";
import { createTargetListAction, updateTargetListAction } from "@/lib/target-lists/actions";
import { createViewAction } from "@/lib/views/actions";
import { changeRoleAction, createApiTokenAction } from "@/lib/auth/actions";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { authenticateRequest } from "@/lib/auth/context";
import { revokeSession } from "@/lib/auth/sessions";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { apiRequest, params, signedInUser, type TestUser } from "../support/auth";
import { actAs } from "../support/next-request-scope";

describe("teams are tenants: no one sees or changes another team's work", () => {
  let t: TestDatabase;
  let aOwner: TestUser, aAnalyst: TestUser, aViewer: TestUser, bOwner: TestUser;
  let listId: string, noteId: string, viewId: string;
  const bodies: string[] = [];
  const record = async (response: Response) => {
    bodies.push(await response.clone().text());
    return response;
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    t.useAsAppDatabase();
    aOwner = await signedInUser(t.db, "owner@a.example", "Team A", "owner");
    aAnalyst = await signedInUser(t.db, "analyst@a.example", "Team A", "analyst");
    aViewer = await signedInUser(t.db, "viewer@a.example", "Team A", "viewer");
    bOwner = await signedInUser(t.db, "owner@b.example", "Team B", "owner");

    const list = await record(await targetListRoute.POST(apiRequest("/api/v1/target-lists", { method: "POST", cookie: aAnalyst.cookie, body: { name: "NHS North East bids" } })));
    expect(list.status).toBe(201);
    listId = (await list.json()).id;
    const note = await record(await organisationNotesRoute.POST(apiRequest("/api/v1/organisations/QHM/notes", { method: "POST", cookie: aAnalyst.cookie, body: { body: "Met the digital lead" } }), params({ code: "QHM" })));
    expect(note.status).toBe(201);
    noteId = (await note.json()).id;
    const view = await record(await viewsRoute.POST(apiRequest("/api/v1/views", { method: "POST", cookie: aAnalyst.cookie, body: { name: "East ICBs", query: "kind=icb&region=Y61" } })));
    expect(view.status).toBe(201);
    viewId = (await view.json()).id;
  });
  afterAll(() => t.drop());

  it("answers 404 to team B for team A's list, note and view by id, in the API", async () => {
    const asB = { cookie: bOwner.cookie };
    expect((await record(await targetListByIdRoute.GET(apiRequest(`/api/v1/target-lists/${listId}`, asB), params({ id: listId })))).status).toBe(404);
    expect((await record(await targetListByIdRoute.PATCH(apiRequest(`/api/v1/target-lists/${listId}`, { ...asB, method: "PATCH", body: { name: "Hijacked", version: 1 } }), params({ id: listId })))).status).toBe(404);
    expect((await record(await noteRoute.GET(apiRequest(`/api/v1/notes/${noteId}`, asB), params({ id: noteId })))).status).toBe(404);
    expect((await record(await viewByIdRoute.GET(apiRequest(`/api/v1/views/${viewId}`, asB), params({ id: viewId })))).status).toBe(404);
    const bLists = await (await targetListRoute.GET(apiRequest("/api/v1/target-lists", asB))).json();
    expect(bLists.data).toEqual([]);
    const bNotes = await (await organisationNotesRoute.GET(apiRequest("/api/v1/organisations/QHM/notes", asB), params({ code: "QHM" }))).json();
    expect(bNotes.data).toEqual([]);
    const bViews = await (await viewsRoute.GET(apiRequest("/api/v1/views", asB))).json();
    expect(bViews.data).toEqual([]);
    // Team A still sees its own
    expect((await targetListByIdRoute.GET(apiRequest(`/api/v1/target-lists/${listId}`, { cookie: aViewer.cookie }), params({ id: listId }))).status).toBe(200);
  });

  it("refuses team B's server actions on team A's list, and leaves the list unchanged", async () => {
    actAs(bOwner.cookie);
    const result = await updateTargetListAction({ id: listId, name: "Hijacked", version: "1" });
    expect(result).toMatchObject({ ok: false, code: "not-found" });
    const unchanged = await t.db.targetList.findUniqueOrThrow({ where: { id: listId } });
    expect(unchanged.name).toBe("NHS North East bids");
    expect(unchanged.teamId).toBe(aOwner.teamId);
  });

  it("lets a viewer read but not write, through the API and the actions", async () => {
    const post = await record(await targetListRoute.POST(apiRequest("/api/v1/target-lists", { method: "POST", cookie: aViewer.cookie, body: { name: "Viewer's list" } })));
    expect(post.status).toBe(403);
    actAs(aViewer.cookie);
    expect(await createTargetListAction({ name: "Viewer's list" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await createNoteAction({ organisationCode: "QHM", body: "x" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await createViewAction({ name: "v", query: "kind=icb" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await changeRoleAction({ userId: aViewer.userId, role: "owner" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await t.db.targetList.count({ where: { name: "Viewer's list" } })).toBe(0);
    expect((await targetListRoute.GET(apiRequest("/api/v1/target-lists", { cookie: aViewer.cookie }))).status).toBe(200);
  });

  it("applies a role change on the very next request", async () => {
    actAs(aOwner.cookie);
    expect(await changeRoleAction({ userId: aViewer.userId, role: "analyst" })).toMatchObject({ ok: true });
    actAs(aViewer.cookie);
    expect(await createTargetListAction({ name: "Now allowed" })).toMatchObject({ ok: true });
    actAs(aOwner.cookie);
    expect(await changeRoleAction({ userId: aViewer.userId, role: "viewer" })).toMatchObject({ ok: true });
    actAs(aViewer.cookie);
    expect(await createTargetListAction({ name: "Not any more" })).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("keeps a team's last owner", async () => {
    actAs(aOwner.cookie);
    expect(await changeRoleAction({ userId: aOwner.userId, role: "admin" })).toMatchObject({ ok: false, code: "conflict" });
  });

  it("refuses a stale edit of a list instead of overwriting it", async () => {
    actAs(aAnalyst.cookie);
    expect(await updateTargetListAction({ id: listId, name: "North East bids 2027", version: "1" })).toMatchObject({ ok: true, data: { version: 2 } });
    const stale = await updateTargetListAction({ id: listId, name: "Older edit", version: "1" });
    expect(stale).toMatchObject({ ok: false, code: "conflict" });
    expect((await t.db.targetList.findUniqueOrThrow({ where: { id: listId } })).name).toBe("North East bids 2027");
  });

  it("rejects bad input with a clear message and changes nothing", async () => {
    actAs(aAnalyst.cookie);
    const before = await t.db.targetList.count();
    const result = await createTargetListAction({ name: "   " });
    expect(result).toMatchObject({ ok: false, code: "invalid", fieldErrors: { name: ["Give the list a name"] } });
    const api = await record(await targetListRoute.POST(apiRequest("/api/v1/target-lists", { method: "POST", cookie: aAnalyst.cookie, body: { name: "x".repeat(200) } })));
    expect(api.status).toBe(400);
    expect((await api.json()).error.fields.name).toBeDefined();
    expect(await t.db.targetList.count()).toBe(before);
  });

  it("accepts API tokens with the user's role, and refuses them once revoked", async () => {
    const { token, id } = await createApiToken(t.db, { userId: aViewer.userId, teamId: aViewer.teamId }, "Viewer token");
    const me = await record(await meRoute.GET(apiRequest("/api/v1/me", { token })));
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ role: "viewer", authenticated_by: "token", team: { name: "Team A" } });
    expect((await targetListRoute.POST(apiRequest("/api/v1/target-lists", { method: "POST", token, body: { name: "Token list" } }))).status).toBe(403);
    expect((await t.db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).not.toBeNull();

    const ctx = await authenticateRequest(t.db, apiRequest("/api/v1/me", { token }));
    await revokeApiToken(t.db, ctx!, id);
    expect((await meRoute.GET(apiRequest("/api/v1/me", { token }))).status).toBe(401);
    expect((await meRoute.GET(apiRequest("/api/v1/me", { token: "atlas_forged-token" }))).status).toBe(401);
  });

  it("gives a token 90 days, and refuses it once it has expired", async () => {
    const { token, id } = await createApiToken(t.db, { userId: aViewer.userId, teamId: aViewer.teamId }, "Expiring token");
    const { createdAt, expiresAt } = await t.db.apiToken.findUniqueOrThrow({ where: { id } });
    expect(Math.round((expiresAt.getTime() - createdAt.getTime()) / 86_400_000)).toBe(90);
    expect((await meRoute.GET(apiRequest("/api/v1/me", { token }))).status).toBe(200);
    await t.db.apiToken.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await meRoute.GET(apiRequest("/api/v1/me", { token }))).status).toBe(401);
  });

  it("refuses a cookie after sign-out revoked its session", async () => {
    const user = await signedInUser(t.db, "leaver@a.example", "Team A", "analyst");
    expect((await meRoute.GET(apiRequest("/api/v1/me", { cookie: user.cookie }))).status).toBe(200);
    await revokeSession(t.db, user.sessionId);
    expect((await meRoute.GET(apiRequest("/api/v1/me", { cookie: user.cookie }))).status).toBe(401);
  });

  it("never returns a password hash or a token hash", async () => {
    actAs(aAnalyst.cookie);
    const created = await createApiTokenAction({ name: "Shown once" });
    expect(created.ok).toBe(true);
    bodies.push(JSON.stringify(created));
    bodies.push(await (await meRoute.GET(apiRequest("/api/v1/me", { cookie: aOwner.cookie }))).text());
    const secrets = [
      ...(await t.db.user.findMany({ select: { passwordHash: true } })).map((u) => u.passwordHash),
      ...(await t.db.apiToken.findMany({ select: { tokenHash: true } })).map((k) => k.tokenHash),
    ];
    expect(secrets.length).toBeGreaterThan(4);
    for (const body of bodies) {
      expect(body).not.toMatch(/passwordHash|password_hash|tokenHash|token_hash|\$argon2/);
      for (const secret of secrets) expect(body).not.toContain(secret);
    }
  });
});
