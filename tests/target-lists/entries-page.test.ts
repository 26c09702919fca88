// The list page's table: server-side search, filters, sorts and pages of a list's entries, inline
// stage and owner changes with stale-version refusal, and the bulk stage change, through the same
// server actions the page calls.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("../support/next-request-scope").then((m) => m.nextHeaders));
vi.mock("next/cache", () => import("../support/next-request-scope").then((m) => m.nextCache));

import { bulkStageAction, updateEntryAction } from "@/lib/target-lists/actions";
import { authenticateCookies, type AuthContext } from "@/lib/auth/context";
import { createTargetList, setTargetListArchived } from "@/lib/target-lists";
import { ENTRY_SORTS, addEntries, entriesTable, listEntries, pipelineSummary, type EntrySort } from "@/lib/target-lists/entries";
import { readTablePage } from "@/lib/tables/server";
import { STAGES } from "@/lib/target-lists/vocabulary";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { signedInUser, type TestUser } from "../support/auth";
import { actAs } from "../support/next-request-scope";

describe("a target list's entries on the list page", () => {
  let t: TestDatabase;
  let ann: TestUser, bob: TestUser, viewer: TestUser, outsider: TestUser;
  let ctx: AuthContext, outsiderCtx: AuthContext;
  let listId: string;
  let allIds: string[];
  const entryFor = async (code: string) => t.db.targetListEntry.findFirstOrThrow({ where: { listId, organisation: { code } } });

  beforeAll(async () => {
    t = await createTestDatabase();
    t.useAsAppDatabase();
    ann = await signedInUser(t.db, "ann@a.example", "Team A", "analyst");
    bob = await signedInUser(t.db, "bob@a.example", "Team A", "analyst");
    viewer = await signedInUser(t.db, "vic@a.example", "Team A", "viewer");
    outsider = await signedInUser(t.db, "olga@b.example", "Team B", "analyst");
    ctx = (await authenticateCookies(t.db, ann.cookie, null))!;
    outsiderCtx = (await authenticateCookies(t.db, outsider.cookie, null))!;
    const list = await createTargetList(t.db, ctx, { name: "ICBs and boards" });
    listId = list.id;
    await addEntries(t.db, ctx, { listId, filter: "kind=icb" });
    await addEntries(t.db, ctx, { listId, filter: "kind=health-board" });
    // A closed ICB (merged in April 2026) and a GP practice, to show the successor and the ICB above
    const practice = await t.db.organisation.findFirstOrThrow({ where: { kind: "gp-practice", status: "open" }, orderBy: { code: "asc" }, select: { code: true } });
    await addEntries(t.db, ctx, { listId, codes: ["QHG", practice.code] });

    // Fields with many ties and blanks, so every sort leans on its tie-break
    const entries = await t.db.targetListEntry.findMany({ where: { listId }, orderBy: { id: "asc" }, select: { id: true } });
    allIds = entries.map((e) => e.id);
    const owners = [ann.userId, bob.userId, null];
    const priorities = ["high", "medium", "low", null];
    for (const [i, { id }] of entries.entries()) {
      const stage = STAGES[i % STAGES.length]!;
      await t.db.targetListEntry.update({
        where: { id },
        data: {
          stage,
          lostReason: stage === "lost" ? "Went with the incumbent" : null,
          ownerId: owners[i % 3],
          priority: priorities[i % 4],
          estimatedValueGbp: i % 4 === 0 ? null : (i % 5) * 1000,
          nextStepDate: i % 3 === 0 ? null : new Date(`2026-12-${String(1 + (i % 4)).padStart(2, "0")}T00:00:00Z`),
          nextStep: i % 3 === 0 ? null : "Call",
          tags: i % 5 === 0 ? ["epr", "digital"] : [],
        },
      });
    }
  });
  afterAll(() => t.drop());

  it("pages through every sort, both ways, without repeating or skipping an entry", async () => {
    expect(allIds.length).toBeGreaterThan(45);
    for (const key of ENTRY_SORTS) {
      for (const sort of [key, `-${key}`] as EntrySort[]) {
        const seen: string[] = [];
        let total = -1;
        for (let offset = 0; offset < allIds.length + 7; offset += 7) {
          const page = await listEntries(t.db, ctx, listId, { sort, limit: 7, offset });
          total = page.total;
          seen.push(...page.entries.map((e) => e.id));
        }
        expect(total, sort).toBe(allIds.length);
        expect(new Set(seen).size, `${sort}: no entry twice`).toBe(seen.length);
        expect([...seen].sort(), `${sort}: every entry once`).toEqual([...allIds].sort());
      }
    }
  });

  it("sorts stages in pipeline order, priority high to low, and blanks last either way", async () => {
    const { entries: byStage } = await listEntries(t.db, ctx, listId, { sort: "stage", limit: 500 });
    const order = byStage.map((e) => STAGES.indexOf(e.stage as (typeof STAGES)[number]));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const { entries: byStageDesc } = await listEntries(t.db, ctx, listId, { sort: "-stage", limit: 500 });
    expect(byStageDesc[0]!.stage).toBe("lost");

    const { entries: byPriority } = await listEntries(t.db, ctx, listId, { sort: "priority", limit: 500 });
    const priorities = byPriority.map((e) => e.priority);
    expect(priorities.indexOf("low")).toBeGreaterThan(priorities.lastIndexOf("high"));
    expect(priorities.slice(priorities.indexOf(null))).toEqual(priorities.slice(priorities.indexOf(null)).map(() => null));

    for (const sort of ["value", "-value"] as const) {
      const values = (await listEntries(t.db, ctx, listId, { sort, limit: 500 })).entries.map((e) => (e.estimatedValueGbp === null ? null : Number(e.estimatedValueGbp)));
      const firstNull = values.indexOf(null);
      expect(firstNull).toBeGreaterThan(0);
      expect(values.slice(firstNull).every((v) => v === null), `${sort}: blanks last`).toBe(true);
      const numbers = values.slice(0, firstNull) as number[];
      expect(numbers).toEqual([...numbers].sort((a, b) => (sort === "value" ? a - b : b - a)));
    }
    const { entries: byOwner } = await listEntries(t.db, ctx, listId, { sort: "owner", limit: 500 });
    const ownerNames = byOwner.map((e) => e.owner?.name ?? null);
    expect(ownerNames.at(-1)).toBeNull();
    expect(ownerNames.indexOf("bob")).toBeGreaterThan(ownerNames.lastIndexOf("ann"));
  });

  it("filters by stage, owner (or unassigned) and a search of name, code or tag, counting only what matches", async () => {
    const all = await t.db.targetListEntry.findMany({ where: { listId }, select: { id: true, stage: true, ownerId: true, tags: true } });
    const engaged = await listEntries(t.db, ctx, listId, { stage: "engaged", limit: 500 });
    expect(engaged.total).toBe(all.filter((e) => e.stage === "engaged").length);
    expect(engaged.entries.every((e) => e.stage === "engaged")).toBe(true);

    const bobs = await listEntries(t.db, ctx, listId, { owner: bob.userId, limit: 500 });
    expect(bobs.total).toBe(all.filter((e) => e.ownerId === bob.userId).length);
    const unassigned = await listEntries(t.db, ctx, listId, { owner: "none", limit: 500 });
    expect(unassigned.total).toBe(all.filter((e) => e.ownerId === null).length);
    expect(unassigned.entries.every((e) => e.owner === null)).toBe(true);

    const both = await listEntries(t.db, ctx, listId, { owner: "none", stage: "identified", limit: 500 });
    expect(both.total).toBe(all.filter((e) => e.ownerId === null && e.stage === "identified").length);

    const tagged = await listEntries(t.db, ctx, listId, { q: "EPR", limit: 500 });
    expect(tagged.total).toBe(all.filter((e) => e.tags.includes("epr")).length);
    const byCode = await listEntries(t.db, ctx, listId, { q: "qhg" });
    expect(byCode.entries.map((e) => e.organisation.code)).toEqual(["QHG"]);
    const byName = await listEntries(t.db, ctx, listId, { q: "lothian" });
    expect(byName.entries.map((e) => e.organisation.name)).toEqual(["NHS Lothian"]);
    // LIKE wildcards typed into the search are searched for, not obeyed
    expect((await listEntries(t.db, ctx, listId, { q: "%" })).total).toBe(0);
  });

  it("shows a closed body's successor and a practice's ICB", async () => {
    const { entries } = await listEntries(t.db, ctx, listId, { q: "QHG" });
    expect(entries[0]!.organisation.status).toBe("closed");
    expect(entries[0]!.successors.map((s) => s.code)).toEqual(["S1Y5D"]);
    const practice = (await listEntries(t.db, ctx, listId, { sort: "kind", limit: 500 })).entries.find((e) => e.organisation.kind === "gp-practice")!;
    const icb = await t.db.organisation.findFirstOrThrow({ where: { code: practice.commissioner!.code } });
    expect(icb.kind).toBe("icb");
    expect(practice.successors).toEqual([]);
  });

  it("reads a page from the URL's parameters, falls back to the last page, and refuses an unknown sort", async () => {
    const read = (scope: AuthContext, query: Record<string, string>) => readTablePage(entriesTable, t.db, { ctx: scope, listId }, new URLSearchParams(query));
    const last = await read(ctx, { page: "99", size: "25", sort: "-value" });
    if (!last.ok) throw new Error(last.error);
    expect(last.page.page).toBe(Math.ceil(allIds.length / 25));
    expect(last.page.rows.length).toBe(allIds.length - (last.page.page - 1) * 25);
    expect(typeof last.page.rows[0]!.updated_at).toBe("string");
    expect(await read(ctx, { sort: "population" })).toMatchObject({ ok: false, error: expect.stringMatching(/sort must be one of/) });
    // Another team's list has no entries for them
    const outsiders = await read(outsiderCtx, {});
    expect(outsiders.ok && outsiders.page.total).toBe(0);
  });

  it("changes a stage inline, and refuses an edit based on an old version, naming the current value and changing nothing", async () => {
    await t.db.targetListEntry.update({ where: { id: (await entryFor("QHG")).id }, data: { ownerId: ann.userId } });
    const before = await entryFor("QHG");
    actAs(ann.cookie);
    const first = await updateEntryAction({ listId, entryId: before.id, version: before.version, stage: "proposal" });
    expect(first).toMatchObject({ ok: true, data: { stage: "proposal", version: before.version + 1 } });

    // Bob's page still shows the old version: his change is refused
    actAs(bob.cookie);
    const audits = await t.db.auditEvent.count({ where: { target: `target-list-entry:${before.id}` } });
    const stale = await updateEntryAction({ listId, entryId: before.id, version: before.version, stage: "won" });
    expect(stale).toMatchObject({ ok: false, code: "conflict", current: { stage: "proposal", version: before.version + 1 } });
    expect(!stale.ok && stale.message).toMatch(/Its stage is now Proposal \(version \d+\)/);
    expect(!stale.ok && stale.message).toMatch(/Nothing was overwritten/);
    const after = await entryFor("QHG");
    expect(after).toMatchObject({ stage: "proposal", version: before.version + 1 });
    expect(await t.db.auditEvent.count({ where: { target: `target-list-entry:${before.id}` } })).toBe(audits);

    // A stale owner change names the current owner
    const staleOwner = await updateEntryAction({ listId, entryId: before.id, version: before.version, ownerId: bob.userId });
    expect(!staleOwner.ok && staleOwner.message).toMatch(/Its owner is now ann \(version \d+\)/);

    // Lost needs a reason; the owner must be in the team
    const current = await entryFor("QHG");
    expect(await updateEntryAction({ listId, entryId: current.id, version: current.version, stage: "lost" })).toMatchObject({ ok: false, code: "invalid" });
    expect(await updateEntryAction({ listId, entryId: current.id, version: current.version, ownerId: outsider.userId })).toMatchObject({ ok: false, code: "invalid" });
    expect(await updateEntryAction({ listId, entryId: current.id, version: current.version, ownerId: "" })).toMatchObject({ ok: true, data: { owner: null } });

    // A viewer cannot change it; another team cannot find it
    actAs(viewer.cookie);
    expect(await updateEntryAction({ listId, entryId: current.id, version: current.version + 1, stage: "won" })).toMatchObject({ ok: false, code: "forbidden" });
    actAs(outsider.cookie);
    expect(await updateEntryAction({ listId, entryId: current.id, version: current.version + 1, stage: "won" })).toMatchObject({ ok: false, code: "not-found" });
    expect((await entryFor("QHG")).stage).toBe("proposal");
  });

  it("changes the stage of selected entries all together or not at all, and audits it", async () => {
    const selected = (await listEntries(t.db, ctx, listId, { sort: "name", limit: 5 })).entries;
    const ids = selected.map((e) => e.id);
    const snapshot = async () => t.db.targetListEntry.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" }, select: { id: true, stage: true, version: true } });
    const before = await snapshot();
    actAs(ann.cookie);

    // One entry changed since the page loaded: nothing changes
    const versions = selected.map((e) => e.version);
    await t.db.targetListEntry.update({ where: { id: ids[2]! }, data: { version: { increment: 1 } } });
    const stale = await bulkStageAction({ listId, entryIds: ids, versions, stage: "won" });
    expect(stale).toMatchObject({ ok: false, code: "conflict" });
    expect(!stale.ok && stale.message).toMatch(/Nothing was changed/);
    const afterStale = await snapshot();
    expect(afterStale.map((e) => e.stage)).toEqual(before.map((e) => e.stage));

    // An id that is not on the list: nothing changes
    const other = await createTargetList(t.db, ctx, { name: "Other" });
    await addEntries(t.db, ctx, { listId: other.id, codes: ["QHM"] });
    const foreign = await t.db.targetListEntry.findFirstOrThrow({ where: { listId: other.id } });
    expect(await bulkStageAction({ listId, entryIds: [...ids, foreign.id], stage: "won" })).toMatchObject({ ok: false, code: "not-found" });
    expect((await snapshot()).map((e) => e.stage)).toEqual(before.map((e) => e.stage));
    expect((await t.db.targetListEntry.findUniqueOrThrow({ where: { id: foreign.id } })).stage).toBe("identified");

    // Lost needs a reason
    expect(await bulkStageAction({ listId, entryIds: ids, stage: "lost" })).toMatchObject({ ok: false, code: "invalid" });

    const fresh = (await snapshot()).map((e) => e.version);
    const byId = new Map((await snapshot()).map((e, i) => [e.id, fresh[i]!]));
    const done = await bulkStageAction({ listId, entryIds: ids, versions: ids.map((id) => byId.get(id)!), stage: "won" });
    expect(done).toEqual({ ok: true, data: { updated: 5 } });
    const after = await snapshot();
    expect(after.every((e) => e.stage === "won")).toBe(true);
    expect(after.map((e) => e.version)).toEqual(afterStale.map((e) => e.version + 1));
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { action: "target-list.entries-updated", target: `target-list:${listId}` }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ userId: ann.userId, after: { stage: "won", count: 5 } });
    expect((audit.before as { id: string }[]).map((b) => b.id).sort()).toEqual([...ids].sort());
  });

  it("changes every entry matching a filter, if as many match as the user saw", async () => {
    actAs(ann.cookie);
    const filter = { stage: "researching" as const, owner: bob.userId };
    const matching = await listEntries(t.db, ctx, listId, { ...filter, limit: 500 });
    expect(matching.total).toBeGreaterThan(0);
    expect(await bulkStageAction({ listId, filter, expectedCount: matching.total + 1, stage: "engaged" })).toMatchObject({ ok: false, code: "conflict" });
    expect((await listEntries(t.db, ctx, listId, filter)).total).toBe(matching.total);
    expect(await bulkStageAction({ listId, filter, expectedCount: matching.total, stage: "engaged" })).toEqual({ ok: true, data: { updated: matching.total } });
    expect((await listEntries(t.db, ctx, listId, filter)).total).toBe(0);
    const moved = await t.db.targetListEntry.findMany({ where: { id: { in: matching.entries.map((e) => e.id) } } });
    expect(moved.every((e) => e.stage === "engaged")).toBe(true);
  });

  it("never lets another team change a list's entries by id, nor a viewer change them at all", async () => {
    const ids = (await listEntries(t.db, ctx, listId, { limit: 3 })).entries.map((e) => e.id);
    const before = await t.db.targetListEntry.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } });
    const ownList = await createTargetList(t.db, outsiderCtx, { name: "Team B's list" });

    actAs(outsider.cookie);
    // Team A's list id with team A's entries
    expect(await bulkStageAction({ listId, entryIds: ids, stage: "lost", lostReason: "sabotage" })).toMatchObject({ ok: false, code: "not-found" });
    // Team B's own list id with team A's entries
    expect(await bulkStageAction({ listId: ownList.id, entryIds: ids, stage: "lost", lostReason: "sabotage" })).toMatchObject({ ok: false, code: "not-found" });
    // Every entry of team A's list matching a filter
    expect(await bulkStageAction({ listId, filter: {}, stage: "won" })).toMatchObject({ ok: false, code: "not-found" });
    // Team B's list, "all matching": only team B's (no) entries
    expect(await bulkStageAction({ listId: ownList.id, filter: {}, stage: "won" })).toEqual({ ok: true, data: { updated: 0 } });

    actAs(viewer.cookie);
    expect(await bulkStageAction({ listId, entryIds: ids, stage: "won" })).toMatchObject({ ok: false, code: "forbidden" });
    actAs(null);
    expect(await bulkStageAction({ listId, entryIds: ids, stage: "won" })).toMatchObject({ ok: false, code: "unauthenticated" });

    const after = await t.db.targetListEntry.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } });
    expect(after.map((e) => [e.stage, e.version])).toEqual(before.map((e) => [e.stage, e.version]));
  });

  it("keeps an archived list's entries as they were, and summarises its own pipeline, which the team's leaves out", async () => {
    const list = await createTargetList(t.db, ctx, { name: "Old bids" });
    await addEntries(t.db, ctx, { listId: list.id, codes: ["QYG", "QHM"] });
    await setTargetListArchived(t.db, ctx, { id: list.id, archived: true });
    const entry = await t.db.targetListEntry.findFirstOrThrow({ where: { listId: list.id } });
    actAs(ann.cookie);
    const refused = await updateEntryAction({ listId: list.id, entryId: entry.id, version: entry.version, stage: "won" });
    expect(refused).toMatchObject({ ok: false, code: "conflict", message: expect.stringMatching(/archived/) });
    expect(await bulkStageAction({ listId: list.id, entryIds: [entry.id], stage: "won" })).toMatchObject({ ok: false, code: "conflict" });
    expect((await t.db.targetListEntry.findUniqueOrThrow({ where: { id: entry.id } })).stage).toBe("identified");
    expect((await pipelineSummary(t.db, ctx, list.id)).reduce((n, s) => n + s.count, 0)).toBe(0);
    expect((await pipelineSummary(t.db, ctx, list.id, { includeArchived: true })).find((s) => s.stage === "identified")?.count).toBe(2);
    expect((await pipelineSummary(t.db, outsiderCtx, list.id, { includeArchived: true })).reduce((n, s) => n + s.count, 0)).toBe(0);
  });
});
