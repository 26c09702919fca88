// Accounts follow mergers: entries on bodies that closed in the April 2026 ICB mergers (real
// successions from data/icbs.csv) move to the body that took over, keeping every field and note,
// all or nothing; the list's notices count them by successor.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("../support/next-request-scope").then((m) => m.nextHeaders));
vi.mock("next/cache", () => import("../support/next-request-scope").then((m) => m.nextCache));

import { POST as moveRoute } from "@/app/api/v1/target-lists/[id]/entries/[entryId]/move/route";
import { moveAllEntriesAction, moveEntryAction } from "@/lib/target-lists/actions";
import { authenticateCookies, type AuthContext } from "@/lib/auth/context";
import { createTargetList } from "@/lib/target-lists";
import { addEntries } from "@/lib/target-lists/entries";
import { mergerNotices, moveAllEntries, moveEntry } from "@/lib/target-lists/moves";
import { createNote } from "@/lib/notes";
import { AppError } from "@/lib/errors";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { apiRequest, params, signedInUser, type TestUser } from "../support/auth";
import { actAs } from "../support/next-request-scope";
import { insertSurreyHeathCcg } from "../support/ccg-fixture";

describe("entries on closed bodies move to their successors", () => {
  let t: TestDatabase;
  let ann: TestUser, viewer: TestUser, outsider: TestUser;
  let ctx: AuthContext;

  beforeAll(async () => {
    t = await createTestDatabase();
    t.useAsAppDatabase();
    ann = await signedInUser(t.db, "ann@a.example", "Team A", "analyst");
    viewer = await signedInUser(t.db, "vic@a.example", "Team A", "viewer");
    outsider = await signedInUser(t.db, "olga@b.example", "Team B", "analyst");
    ctx = (await authenticateCookies(t.db, ann.cookie, null))!;
  });
  afterAll(() => t.drop());

  async function listWith(name: string, codes: string[]) {
    const list = await createTargetList(t.db, ctx, { name });
    await addEntries(t.db, ctx, { listId: list.id, codes });
    return list.id;
  }
  const entryFor = (listId: string, code: string) => t.db.targetListEntry.findFirst({ where: { listId, organisation: { code } }, include: { events: true, notes: true } });
  const fields = { stage: "proposal", ownerId: "", priority: "high", nextStep: "Board paper", nextStepDate: new Date("2026-12-15T00:00:00Z"), tags: ["epr", "digital"], estimatedValueGbp: 420000 };
  async function setFields(listId: string, code: string, overrides: Partial<typeof fields> = {}) {
    const entry = (await entryFor(listId, code))!;
    return t.db.targetListEntry.update({ where: { id: entry.id }, data: { ...fields, ownerId: ann.userId, ...overrides, version: { increment: 1 } } });
  }
  /** Everything about a list that a failed move must leave as it was */
  const snapshot = async (listId: string) => ({
    entries: await t.db.targetListEntry.findMany({ where: { listId }, orderBy: { id: "asc" }, include: { events: true } }),
    notes: await t.db.note.findMany({ where: { teamId: ctx.team.id }, orderBy: { id: "asc" } }),
  });

  it("keeps every field and note, and records where the entry came from", async () => {
    const listId = await listWith("East", ["QHG"]);
    const before = await setFields(listId, "QHG");
    const note = await createNote(t.db, ctx, { organisationCode: "QHG", body: "Met the CIO", entryId: before.id });
    const result = await moveEntry(t.db, ctx, { listId, entryId: before.id, version: before.version });
    expect(result.outcome).toBe("moved");
    expect(result.from).toEqual({ code: "QHG", name: expect.stringContaining("Bedfordshire") });
    expect(result.entry.organisation.code).toBe("S1Y5D");
    const after = (await entryFor(listId, "S1Y5D"))!;
    expect(after.id).toBe(before.id);
    expect({ ...after, events: undefined, notes: undefined, organisationId: undefined, version: undefined, updatedAt: undefined }).toEqual({ ...before, organisationId: undefined, version: undefined, updatedAt: undefined, events: undefined, notes: undefined });
    expect(after.version).toBe(before.version + 1);
    expect(after.events).toEqual([expect.objectContaining({ action: "moved", fromCode: "QHG", toCode: "S1Y5D", byId: ann.userId, fields: null })]);
    // The note stays on the predecessor's code, still about the entry
    expect(await t.db.note.findUniqueOrThrow({ where: { id: note.id } })).toMatchObject({ organisationCode: "QHG", entryId: before.id, body: "Met the CIO" });
    expect(await t.db.auditEvent.findFirst({ where: { action: "target-list.entry-moved", target: `target-list-entry:${before.id}` } })).not.toBeNull();
  });

  it("keeps the successor's entry when it is already on the list and puts the other's fields in its history", async () => {
    const listId = await listWith("Central East", ["QUE", "S1Y5D"]);
    const moved = await setFields(listId, "QUE");
    const kept = await setFields(listId, "S1Y5D", { stage: "engaged", tags: ["pathology"], estimatedValueGbp: 90000, nextStep: "Call" });
    const note = await createNote(t.db, ctx, { organisationCode: "QUE", body: "Pathology tender in spring", entryId: moved.id });
    actAs(ann.cookie);
    const result = await moveEntryAction({ listId, entryId: moved.id, version: moved.version });
    expect(result).toMatchObject({ ok: true, data: { outcome: "merged", removed_entry_id: moved.id, entry: { id: kept.id, organisation: { code: "S1Y5D" } } } });
    if (!result.ok) return;
    expect(result.data.message).toContain("that entry is kept");
    expect(await t.db.targetListEntry.findUnique({ where: { id: moved.id } })).toBeNull();
    const after = (await entryFor(listId, "S1Y5D"))!;
    expect(after).toMatchObject({ id: kept.id, stage: "engaged", tags: ["pathology"], nextStep: "Call", version: kept.version + 1 });
    expect(after.events).toHaveLength(1);
    expect(after.events[0]).toMatchObject({ action: "merged", fromCode: "QUE", toCode: "S1Y5D" });
    expect(after.events[0]!.fields).toMatchObject({ entry_id: moved.id, stage: "proposal", priority: "high", next_step: "Board paper", next_step_date: "2026-12-15", tags: ["epr", "digital"], estimated_value_gbp: 420000, owner: { id: ann.userId } });
    // The note on the folded entry now mentions the kept one, and stays on QUE's code
    expect(await t.db.note.findUniqueOrThrow({ where: { id: note.id } })).toMatchObject({ organisationCode: "QUE", entryId: kept.id });
  });

  it("changes nothing when the successor is on the list and the moved entry's version is stale", async () => {
    const listId = await listWith("Stale", ["QMM", "T6Y0W"]);
    const moved = await setFields(listId, "QMM");
    await createNote(t.db, ctx, { organisationCode: "QMM", body: "Spoke to the CFO", entryId: moved.id });
    const before = await snapshot(listId);
    const error = await moveEntry(t.db, ctx, { listId, entryId: moved.id, version: moved.version - 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "conflict", current: { id: moved.id, version: moved.version } });
    expect(await snapshot(listId)).toEqual(before);
  });

  it("moves all in one transaction, or none when one entry changed since the user loaded the list", async () => {
    const listId = await listWith("All", ["QMJ", "QRV", "QXU", "QNQ", "QYG"]);
    const [notice] = (await mergerNotices(t.db, ctx, { listId })).filter((n) => n.successors.length === 1 && n.successors[0]!.code === "Z9B2Z");
    expect(notice).toMatchObject({ accounts: 2 });
    const movable = (await mergerNotices(t.db, ctx, { listId })).filter((n) => n.successors.length === 1).flatMap((n) => n.entries);
    expect(movable.map((e) => e.code).sort()).toEqual(["QMJ", "QRV", "QXU"]);
    const before = await snapshot(listId);
    // The last entry (by id) is stale: the moves before it happen in the transaction, then all roll back
    const lastId = movable.map((e) => e.id).sort().at(-1)!;
    const stale = movable.map((e) => ({ id: e.id, version: e.id === lastId ? e.version + 5 : e.version }));
    await expect(moveAllEntries(t.db, ctx, { listId, entries: stale })).rejects.toMatchObject({ code: "conflict" });
    expect(await snapshot(listId)).toEqual(before);
    // A set other than the one that can move is refused too
    await expect(moveAllEntries(t.db, ctx, { listId, entries: movable.slice(1).map(({ id, version }) => ({ id, version })) })).rejects.toMatchObject({ code: "conflict" });

    actAs(ann.cookie);
    const result = await moveAllEntriesAction({ listId, entries: movable.map(({ id, version }) => ({ id, version })) });
    expect(result.ok && result.data.map((r) => r.outcome).sort()).toEqual(["merged", "moved", "moved"]);
    const codes = (await t.db.targetListEntry.findMany({ where: { listId }, select: { organisation: { select: { code: true } } } })).map((e) => e.organisation.code).sort();
    // QMJ and QRV both merged into Z9B2Z: the second folds into the first; the split QNQ waits for a choice
    expect(codes).toEqual(["QNQ", "QYG", "S9B9J", "Z9B2Z"]);
    expect((await entryFor(listId, "Z9B2Z"))!.events.map((e) => [e.action, e.fromCode]).sort()).toEqual([["merged", expect.any(String)], ["moved", expect.any(String)]]);
  });

  it("needs a chosen successor for a split, one of the bodies that took over", async () => {
    const listId = await listWith("Frimley", ["QNQ"]);
    const entry = (await entryFor(listId, "QNQ"))!;
    const call = (user: TestUser, body: unknown, id = entry.id) =>
      moveRoute(apiRequest(`/api/v1/target-lists/${listId}/entries/${id}/move`, { method: "POST", cookie: user.cookie, body }), params({ id: listId, entryId: id }));
    const missing = await call(ann, { version: entry.version });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { fields: Record<string, string[]> } }).error.fields.to![0]).toMatch(/QRL.*S9B9J.*S0E4D/);
    expect((await call(ann, { version: entry.version, to: "QYG" })).status).toBe(400);
    expect((await call(ann, { version: entry.version, to: "S0E4D", extra: 1 })).status).toBe(400);
    expect((await call(viewer, { version: entry.version, to: "S0E4D" })).status).toBe(403);
    expect((await call(outsider, { version: entry.version, to: "S0E4D" })).status).toBe(404);
    expect((await call(ann, { version: entry.version, to: "S0E4D" }, "nope")).status).toBe(404);
    expect(await entryFor(listId, "QNQ")).toMatchObject({ id: entry.id, version: entry.version });
    const moved = await call(ann, { version: entry.version, to: "s0e4d" });
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({ outcome: "moved", from: { code: "QNQ" }, entry: { id: entry.id, organisation: { code: "S0E4D" } } });
    expect((await call(ann, { version: entry.version + 1 })).status).toBe(400);
  });

  it("follows a chain to its open ends: a 2021 CCG through the Frimley sub-ICB location that split in 2026", async () => {
    await insertSurreyHeathCcg(t.db);
    const listId = await listWith("Chain", ["10C"]);
    const entry = (await entryFor(listId, "10C"))!;
    const [notice] = await mergerNotices(t.db, ctx, { listId });
    expect(notice!.successors.map((s) => s.code).sort()).toEqual(["92A", "D9Y0V", "U2G6B"]);
    await expect(moveEntry(t.db, ctx, { listId, entryId: entry.id, version: entry.version })).rejects.toMatchObject({ code: "invalid", fieldErrors: { to: [expect.stringContaining("U2G6B")] } });
    await expect(moveEntry(t.db, ctx, { listId, entryId: entry.id, version: entry.version, to: "D4U1Y" })).rejects.toMatchObject({ code: "invalid" });
    const result = await moveEntry(t.db, ctx, { listId, entryId: entry.id, version: entry.version, to: "U2G6B" });
    expect(result).toMatchObject({ outcome: "moved", from: { code: "10C" }, entry: { organisation: { code: "U2G6B" } } });
  });

  it("counts the team's accounts per successor as the data's successions say", async () => {
    const east = await listWith("Notices 1", ["QHG", "QUE", "QM7", "QH8", "RVJ"]);
    await listWith("Notices 2", ["QHG", "QJG"]);
    const notices = await mergerNotices(t.db, ctx);
    // Expected from the succession table itself: each closed body on a list, by its successors
    const onLists = await t.db.targetListEntry.findMany({ where: { list: { teamId: ctx.team.id, archivedAt: null }, organisation: { status: "closed" } }, select: { organisation: { select: { code: true, successors: { select: { successor: { select: { code: true, status: true } } } } } } } });
    const expected = new Map<string, Set<string>>();
    for (const { organisation } of onLists) {
      const key = organisation.successors.map((s) => s.successor.code).sort().join(",");
      expect(organisation.successors.every((s) => s.successor.status === "open")).toBe(true);
      if (key) expected.set(key, (expected.get(key) ?? new Set()).add(organisation.code));
    }
    expect(new Map(notices.map((n) => [n.successors.map((s) => s.code).sort().join(","), n.accounts]))).toEqual(new Map([...expected].map(([k, v]) => [k, v.size])));
    const centralEast = notices.find((n) => n.successors.length === 1 && n.successors[0]!.code === "S1Y5D")!;
    expect(centralEast.successors[0]!.name).toMatch(/Central East/i);
    // QHG is on two lists: one account, two entries
    expect(centralEast.entries.filter((e) => e.code === "QHG")).toHaveLength(2);
    expect((await mergerNotices(t.db, ctx, { listId: east })).find((n) => n.successors[0]!.code === "S1Y5D")!.accounts).toBe(2);
    // Another team sees none of these
    const outsiderCtx = (await authenticateCookies(t.db, outsider.cookie, null))!;
    expect(await mergerNotices(t.db, outsiderCtx)).toEqual([]);
  });
});
