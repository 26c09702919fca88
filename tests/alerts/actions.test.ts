// The alerts' server actions: the same rules as the API (a viewer follows for themselves only; the
// watchlist is the manage level's), preferences saved from the settings form, mark read of one's own.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("../support/next-request-scope").then((m) => m.nextHeaders));
vi.mock("next/cache", () => import("../support/next-request-scope").then((m) => m.nextCache));

import { followAction, markReadAction, savePreferencesAction, unfollowAction } from "@/lib/alerts/actions";
import { preferencesFor } from "@/lib/alerts/preferences";
import { withActiveTeam } from "@/lib/auth/active-team";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { signedInUser, type TestUser } from "../support/auth";
import { actAs } from "../support/next-request-scope";

describe("the alerts' server actions", () => {
  let t: TestDatabase;
  let admin: TestUser, viewer: TestUser, other: TestUser;
  let listId: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    t.useAsAppDatabase();
    admin = await signedInUser(t.db, "admin@a.example", "Team A", "admin");
    viewer = await signedInUser(t.db, "viewer@a.example", "Team A", "viewer");
    other = await signedInUser(t.db, "owner@b.example", "Team B", "owner");
    listId = (await t.db.targetList.create({ data: { teamId: admin.teamId, name: "EPR bids", createdById: admin.userId } })).id;
  });
  afterAll(() => t.drop());

  it("lets a viewer follow for themselves, not for the team; another team's list is not found", async () => {
    actAs(viewer.cookie);
    expect(await followAction(withActiveTeam({ target: "list", id: listId }, viewer.teamId))).toMatchObject({ ok: true });
    expect(await followAction(withActiveTeam({ target: "list", id: listId, scope: "team" }, viewer.teamId))).toMatchObject({ ok: false, code: "forbidden" });
    actAs(admin.cookie);
    const team = await followAction(withActiveTeam({ target: "list", id: listId, scope: "team" }, admin.teamId));
    expect(team).toMatchObject({ ok: true });
    actAs(viewer.cookie);
    expect(await unfollowAction(withActiveTeam({ id: team.ok ? team.data.id : "" }, viewer.teamId))).toMatchObject({ ok: false, code: "forbidden" });
    actAs(other.cookie);
    expect(await followAction(withActiveTeam({ target: "list", id: listId }, other.teamId))).toMatchObject({ ok: false, code: "not-found" });
    expect(await t.db.follow.count({ where: { listId } })).toBe(2);
  });

  it("saves the settings form's channels for every kind, and refuses an unknown frequency", async () => {
    actAs(viewer.cookie);
    const form = new FormData();
    for (const p of await preferencesFor(t.db, viewer.userId)) form.set(`${p.kind}.email`, p.kind === "entry.due" ? "instant" : "off");
    form.set("note.mentioned.inApp", "on");
    expect(await savePreferencesAction(form)).toMatchObject({ ok: true });
    const saved = await preferencesFor(t.db, viewer.userId);
    expect(saved.find((p) => p.kind === "entry.due")).toEqual({ kind: "entry.due", inApp: false, email: "instant" });
    expect(saved.find((p) => p.kind === "note.mentioned")).toEqual({ kind: "note.mentioned", inApp: true, email: "off" });
    form.set("entry.due.email", "hourly");
    expect(await savePreferencesAction(form)).toMatchObject({ ok: false, code: "invalid" });
    expect((await preferencesFor(t.db, viewer.userId)).find((p) => p.kind === "entry.due")!.email).toBe("instant");
  });

  it("marks only the caller's own notifications read", async () => {
    const event = await t.db.alertEvent.create({ data: { teamId: admin.teamId, kind: "entry.due", key: "due:1", title: "Call back", link: `/lists/${listId}`, source: "Target list EPR bids", occurredAt: new Date() } });
    const adminNote = await t.db.notification.create({ data: { eventId: event.id, teamId: admin.teamId, userId: admin.userId, kind: "entry.due" } });
    const viewerNote = await t.db.notification.create({ data: { eventId: event.id, teamId: admin.teamId, userId: viewer.userId, kind: "entry.due" } });
    actAs(viewer.cookie);
    expect(await markReadAction(withActiveTeam({ ids: [String(adminNote.id), String(viewerNote.id)] }, viewer.teamId))).toEqual({ ok: true, data: { marked: 1, unread: 0 } });
    expect((await t.db.notification.findUniqueOrThrow({ where: { id: adminNote.id } })).readAt).toBeNull();
  });
});
