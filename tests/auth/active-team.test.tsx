import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("../support/next-request-scope").then((m) => m.nextHeaders));
vi.mock("next/cache", () => import("../support/next-request-scope").then((m) => m.nextCache));

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { renderToString } from "react-dom/server";
import { z } from "zod";
import { ActiveTeamProvider, useWithActiveTeam } from "@/components/ui/active-team";
import { changePasswordAction, signOutAction, switchTeamAction } from "@/lib/auth/actions";
import { ACTIVE_TEAM_FIELD, withActiveTeam } from "@/lib/auth/active-team";
import { createUserByOperator } from "@/lib/auth/accounts";
import { authorizedAction } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { createNoteAction } from "@/lib/notes/actions";
import { createTargetList } from "@/lib/target-lists";
import { createTargetListAction } from "@/lib/target-lists/actions";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { PASSWORD, signedInUser, type TestUser } from "../support/auth";
import { actAs } from "../support/next-request-scope";

const STALE_MESSAGE = "This page was opened in Team A, but you have since switched to Team B in another tab, so nothing was saved. Reload the page to continue in Team B.";

describe("a page rendered for one team, submitted after switching to another", () => {
  let t: TestDatabase;
  let kim: TestUser;
  let teamA: string;
  let teamB: string;
  let teamC: string;
  const listsOf = (teamId: string) => t.db.targetList.count({ where: { teamId } });

  beforeAll(async () => {
    t = await createTestDatabase();
    t.useAsAppDatabase();
    kim = await signedInUser(t.db, "kim@a.example", "Team A", "analyst");
    teamA = kim.teamId;
    teamB = (await createUserByOperator(t.db, { email: "kim@a.example", password: PASSWORD, team: "Team B", role: "analyst" })).teamId;
    teamC = (await createUserByOperator(t.db, { email: "someone@c.example", password: PASSWORD, team: "Team C", role: "owner" })).teamId;
  });
  afterAll(() => t.drop());

  beforeEach(async () => {
    actAs(kim.cookie);
    expect(await switchTeamAction({ teamId: teamA })).toMatchObject({ ok: true });
    expect(await switchTeamAction({ teamId: teamB, [ACTIVE_TEAM_FIELD]: teamA })).toMatchObject({ ok: true });
  });

  it("refuses a write carrying the team it was rendered for with a 409 that names both teams, and writes nothing in either", async () => {
    const before = { a: await listsOf(teamA), b: await listsOf(teamB) };
    expect(await createTargetListAction({ name: "Stale list", [ACTIVE_TEAM_FIELD]: teamA })).toEqual({ ok: false, code: "conflict", message: STALE_MESSAGE });
    expect(await createNoteAction({ organisationCode: "QHM", body: "Stale note", [ACTIVE_TEAM_FIELD]: teamA })).toMatchObject({ ok: false, code: "conflict", message: STALE_MESSAGE });
    expect({ a: await listsOf(teamA), b: await listsOf(teamB) }).toEqual(before);
    expect(await t.db.note.count({ where: { body: "Stale note" } })).toBe(0);
  });

  it("accepts the same write carrying the active team, and writes it into that team", async () => {
    const result = await createTargetListAction({ name: "Fresh list", [ACTIVE_TEAM_FIELD]: teamB });
    expect(result).toMatchObject({ ok: true });
    const id = (result as { data: { id: string } }).data.id;
    expect(await t.db.targetList.findUniqueOrThrow({ where: { id }, select: { teamId: true } })).toEqual({ teamId: teamB });
  });

  it("treats a form's FormData the same, and takes the field off before a strict schema sees it", async () => {
    const form = (teamId: string, name: string) => {
      const data = new FormData();
      data.set("name", name);
      return withActiveTeam(data, teamId);
    };
    expect(await createTargetListAction(form(teamA, "Stale form list"))).toEqual({ ok: false, code: "conflict", message: STALE_MESSAGE });
    expect(await t.db.targetList.count({ where: { name: "Stale form list" } })).toBe(0);
    expect(await createTargetListAction(form(teamB, "Form list"))).toMatchObject({ ok: true });

    const strictAction = authorizedAction("write", z.object({ name: z.string() }).strict(), async (ctx, input) => (await createTargetList(getDb(), ctx, input)).teamId);
    expect(await strictAction(form(teamB, "Strict form list"))).toEqual({ ok: true, data: teamB });
    expect(await strictAction({ name: "Strict list", [ACTIVE_TEAM_FIELD]: teamB })).toEqual({ ok: true, data: teamB });
    expect(await strictAction(form(teamA, "Strict stale list"))).toEqual({ ok: false, code: "conflict", message: STALE_MESSAGE });
  });

  it("proceeds as before when the caller sends no page team (server-to-server callers)", async () => {
    expect(await createTargetListAction({ name: "No page team" })).toMatchObject({ ok: true });
    expect(await t.db.targetList.count({ where: { name: "No page team", teamId: teamB } })).toBe(1);
  });

  it("does not tell the name of a team the user is not in", async () => {
    const result = await createTargetListAction({ name: "Probe", [ACTIVE_TEAM_FIELD]: teamC });
    expect(result).toEqual({
      ok: false,
      code: "conflict",
      message: "This page was opened in another team, but you have since switched to Team B in another tab, so nothing was saved. Reload the page to continue in Team B.",
    });
  });

  it("lets the actions about the user, not the team, work from a stale page", async () => {
    expect(await changePasswordAction({ currentPassword: PASSWORD, newPassword: "lantern orchard quietly ninety", [ACTIVE_TEAM_FIELD]: teamA })).toMatchObject({ ok: true });
    expect(await switchTeamAction({ teamId: teamA, [ACTIVE_TEAM_FIELD]: teamB })).toMatchObject({ ok: true });
    expect(await signOutAction({ [ACTIVE_TEAM_FIELD]: teamB })).toEqual({ ok: true, data: undefined });
  });
});

describe("withActiveTeam, what the UI sends", () => {
  it("adds the team to an object or a copy of a FormData, and leaves the caller's FormData as it was", () => {
    expect(withActiveTeam({ name: "x" }, "team-1")).toEqual({ name: "x", [ACTIVE_TEAM_FIELD]: "team-1" });
    const data = new FormData();
    data.set("name", "x");
    const sent = withActiveTeam(data, "team-1") as FormData;
    expect([...sent.entries()]).toEqual([["name", "x"], [ACTIVE_TEAM_FIELD, "team-1"]]);
    expect(data.has(ACTIVE_TEAM_FIELD)).toBe(false);
  });
});

describe("the UI's side: every server action call carries the page's team", () => {
  it("withTeam adds the team given by the signed-in layout's provider, and nothing outside it", async () => {
    const sent: unknown[] = [];
    const action = async (input: unknown) => sent.push(input);
    let withTeam: ReturnType<typeof useWithActiveTeam> | undefined;
    const Capture = () => {
      withTeam = useWithActiveTeam();
      return null;
    };
    renderToString(<ActiveTeamProvider teamId="team-1"><Capture /></ActiveTeamProvider>);
    await withTeam!(action)({ name: "x" });
    renderToString(<Capture />);
    await withTeam!(action)({ name: "y" });
    expect(sent).toEqual([{ name: "x", [ACTIVE_TEAM_FIELD]: "team-1" }, { name: "y" }]);
  });

  // useActionForm adds it itself; the re-authentication guard adds it to the call and to its retry
  it("components call server actions only through withTeam, useActionForm or the re-authentication guard", () => {
    const files = readdirSync("components", { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".tsx")).map((f) => path.join("components", f));
    let calls = 0;
    for (const file of files) {
      const source = readFileSync(file, "utf8");
      const importLine = /^import \{([^}]+)\} from "@\/lib\/[\w/-]+\/actions";$/gm;
      const imported = [...source.matchAll(importLine)].flatMap((m) => m[1]!.split(",").map((name) => name.trim()));
      const code = source.replace(importLine, "").replace(/^\s*\/\/.*$/gm, "");
      for (const name of imported) {
        for (const use of code.matchAll(new RegExp(`.{0,15}\\b${name}\\b.?`, "g"))) {
          calls++;
          expect(use[0], file).toMatch(new RegExp(`(withTeam|guard|useActionForm)\\(${name}[),]`));
        }
      }
    }
    expect(calls).toBeGreaterThanOrEqual(40);
  });
});
