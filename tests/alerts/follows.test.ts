// Following through the API on a real database: each target, idempotency, strict bodies, the team's
// watchlist (admins only), another team's view or list (404) and unfollowing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as followsRoute from "@/app/api/v1/follows/route";
import * as viewsRoute from "@/app/api/v1/views/route";
import * as targetListRoute from "@/app/api/v1/target-lists/route";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { apiRequest, signedInUser, type TestUser } from "../support/auth";

type FollowJson = { id: string; scope: string; target: string; descendants: boolean; organisation: { code: string; name: string } | null; view: { id: string; name: string } | null; list: { id: string; name: string } | null };

describe("following bodies, views and lists", () => {
  let t: TestDatabase;
  let admin: TestUser, analyst: TestUser, viewer: TestUser, other: TestUser;
  let viewId: string, listId: string, otherViewId: string, otherListId: string;
  let parentCode: string, leafCode: string, closedCode: string;

  const post = (user: TestUser, body: unknown) => followsRoute.POST(apiRequest("/api/v1/follows", { method: "POST", cookie: user.cookie, body }));
  const remove = (user: TestUser, body: unknown) => followsRoute.DELETE(apiRequest("/api/v1/follows", { method: "DELETE", cookie: user.cookie, body }));
  const list = async (user: TestUser) => (await (await followsRoute.GET(apiRequest("/api/v1/follows", { cookie: user.cookie }))).json()).data as FollowJson[];

  beforeAll(async () => {
    t = await createTestDatabase();
    t.useAsAppDatabase();
    admin = await signedInUser(t.db, "admin@a.example", "Team A", "admin");
    analyst = await signedInUser(t.db, "analyst@a.example", "Team A", "analyst");
    viewer = await signedInUser(t.db, "viewer@a.example", "Team A", "viewer");
    other = await signedInUser(t.db, "owner@b.example", "Team B", "owner");
    const created = async (response: Response) => {
      expect(response.status).toBe(201);
      return ((await response.json()) as { id: string }).id;
    };
    viewId = await created(await viewsRoute.POST(apiRequest("/api/v1/views", { method: "POST", cookie: analyst.cookie, body: { name: "East ICBs", query: "kind=icb&region=Y61" } })));
    listId = await created(await targetListRoute.POST(apiRequest("/api/v1/target-lists", { method: "POST", cookie: analyst.cookie, body: { name: "EPR bids" } })));
    otherViewId = await created(await viewsRoute.POST(apiRequest("/api/v1/views", { method: "POST", cookie: other.cookie, body: { name: "B's view", query: "kind=icb" } })));
    otherListId = await created(await targetListRoute.POST(apiRequest("/api/v1/target-lists", { method: "POST", cookie: other.cookie, body: { name: "B's list" } })));
    // Real bodies of the reference data: an ICB with bodies below it, a practice with none, a closed body
    parentCode = (await t.db.organisation.findFirstOrThrow({ where: { kind: "icb", status: "open", children: { some: {} } }, select: { code: true } })).code;
    leafCode = (await t.db.organisation.findFirstOrThrow({ where: { kind: "gp-practice", children: { none: {} } }, select: { code: true } })).code;
    closedCode = (await t.db.organisation.findFirstOrThrow({ where: { status: "closed" }, select: { code: true } })).code;
  });
  afterAll(() => t.drop());

  it("follows a body with everything below it, once: the second call answers the same follow with 200", async () => {
    const first = await post(analyst, { target: "organisation", code: parentCode.toLowerCase(), descendants: true });
    expect(first.status).toBe(201);
    const followed = (await first.json()) as FollowJson;
    expect(followed).toMatchObject({ scope: "me", target: "organisation", descendants: true, organisation: { code: parentCode }, view: null, list: null });
    const again = await post(analyst, { target: "organisation", code: parentCode, descendants: true });
    expect(again.status).toBe(200);
    expect(((await again.json()) as FollowJson).id).toBe(followed.id);
    // Changing descendants on the same body updates that follow, still one row
    const narrowed = await post(analyst, { target: "organisation", code: parentCode, descendants: false });
    expect(narrowed.status).toBe(200);
    expect(await narrowed.json()).toMatchObject({ id: followed.id, descendants: false });
    expect(await t.db.follow.count({ where: { userId: analyst.userId } })).toBe(1);
  });

  it("follows a closed body, and refuses descendants for a body with none below it", async () => {
    expect((await post(analyst, { target: "organisation", code: closedCode })).status).toBe(201);
    const refused = await post(analyst, { target: "organisation", code: leafCode, descendants: true });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { code: "invalid", fields: { descendants: [expect.any(String)] } } });
    expect((await post(analyst, { target: "organisation", code: leafCode })).status).toBe(201);
    expect((await post(analyst, { target: "organisation", code: "NOPE99" })).status).toBe(404);
  });

  it("follows a view and a list of the team; another team's view or list is a 404 and nothing is written", async () => {
    const view = await post(analyst, { target: "view", id: viewId });
    expect(view.status).toBe(201);
    expect(await view.json()).toMatchObject({ target: "view", view: { id: viewId, name: "East ICBs" }, organisation: null });
    const followedList = await post(analyst, { target: "list", id: listId });
    expect(followedList.status).toBe(201);
    expect(await followedList.json()).toMatchObject({ target: "list", list: { id: listId, name: "EPR bids", archived: false } });
    const before = await t.db.follow.count();
    expect((await post(analyst, { target: "view", id: otherViewId })).status).toBe(404);
    expect((await post(analyst, { target: "list", id: otherListId })).status).toBe(404);
    expect((await post(other, { target: "list", id: listId })).status).toBe(404);
    expect(await t.db.follow.count()).toBe(before);
  });

  it("follows once when two requests race: the follow_once index lets one in, the other answers it", async () => {
    const [a, b] = await Promise.all([post(viewer, { target: "view", id: viewId }), post(viewer, { target: "view", id: viewId })]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(((await a.json()) as FollowJson).id).toBe(((await b.json()) as FollowJson).id);
    expect(await t.db.follow.count({ where: { userId: viewer.userId, viewId } })).toBe(1);
    expect((await remove(viewer, { target: "view", id: viewId })).status).toBe(200);
  });

  it("takes exactly the documented shapes: an unknown field, a mixed shape or a bad target is a 400", async () => {
    for (const body of [
      { target: "organisation", code: parentCode, sneaky: 1 },
      { target: "view", id: viewId, code: parentCode },
      { target: "list", id: listId, descendants: true },
      { target: "team", id: listId },
      { target: "organisation" },
      { target: "organisation", code: parentCode, scope: "everyone" },
    ]) {
      const response = await post(analyst, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
  });

  it("lets a viewer follow for themselves but not for the team; an admin keeps the team's watchlist", async () => {
    expect((await post(viewer, { target: "list", id: listId })).status).toBe(201);
    const refused = await post(viewer, { target: "list", id: listId, scope: "team" });
    expect(refused.status).toBe(403);
    expect((await post(analyst, { target: "organisation", code: parentCode, scope: "team" })).status).toBe(403);
    expect(await t.db.follow.count({ where: { userId: null } })).toBe(0);
    const team = await post(admin, { target: "organisation", code: parentCode, descendants: true, scope: "team" });
    expect(team.status).toBe(201);
    const watch = (await team.json()) as FollowJson;
    expect(watch.scope).toBe("team");
    // Every member sees the watchlist beside their own follows; team B sees none of it
    const viewerFollows = await list(viewer);
    expect(viewerFollows.map((f) => [f.scope, f.target])).toEqual([["me", "list"], ["team", "organisation"]]);
    expect(await list(other)).toEqual([]);
    // Only the manage level removes from the watchlist, by id or by target
    expect((await remove(viewer, { id: watch.id })).status).toBe(403);
    expect((await remove(viewer, { target: "organisation", code: parentCode, scope: "team" })).status).toBe(403);
    expect((await remove(admin, { target: "organisation", code: parentCode, scope: "team" })).status).toBe(200);
    expect(await t.db.follow.count({ where: { userId: null } })).toBe(0);
  });

  it("unfollows by id or by target; another user's or another team's follow is a 404", async () => {
    const mine = await list(analyst);
    const view = mine.find((f) => f.target === "view")!;
    expect((await remove(other, { id: view.id })).status).toBe(404);
    expect((await remove(viewer, { id: view.id })).status).toBe(404);
    expect(await t.db.follow.count({ where: { id: view.id } })).toBe(1);
    const removed = await remove(analyst, { id: view.id });
    expect(removed.status).toBe(200);
    expect(await removed.json()).toMatchObject({ id: view.id, target: "view" });
    expect((await remove(analyst, { id: view.id })).status).toBe(404);
    expect((await remove(analyst, { target: "list", id: listId })).status).toBe(200);
    expect((await remove(analyst, { target: "list", id: listId })).status).toBe(404);
    expect((await remove(analyst, { id: view.id, sneaky: true })).status).toBe(400);
    expect((await list(analyst)).map((f) => f.target).sort()).toEqual(["organisation", "organisation", "organisation"]);
  });

  it("stops showing a removed member anything of the team, and drops their follows in it", async () => {
    const leaver = await signedInUser(t.db, "leaver@a.example", "Team A", "analyst");
    expect((await post(leaver, { target: "list", id: listId })).status).toBe(201);
    expect((await post(admin, { target: "list", id: listId, scope: "team" })).status).toBe(201);
    await t.db.membership.deleteMany({ where: { userId: leaver.userId, teamId: leaver.teamId } });
    expect((await followsRoute.GET(apiRequest("/api/v1/follows", { cookie: leaver.cookie }))).status).toBe(401);
    // Their subscriptions stop at once (migration 20261204110000_alerts_follow); the team's watchlist stays
    expect(await t.db.follow.count({ where: { userId: leaver.userId } })).toBe(0);
    expect(await t.db.follow.count({ where: { teamId: admin.teamId, userId: null, listId } })).toBe(1);
  });
});
