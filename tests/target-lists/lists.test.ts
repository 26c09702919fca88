import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as listsRoute from "@/app/api/v1/target-lists/route";
import * as listRoute from "@/app/api/v1/target-lists/[id]/route";
import * as entriesRoute from "@/app/api/v1/target-lists/[id]/entries/route";
import * as entryRoute from "@/app/api/v1/target-lists/[id]/entries/[entryId]/route";
import * as exportRoute from "@/app/api/v1/target-lists/[id]/export.csv/route";
import * as organisationNotesRoute from "@/app/api/v1/organisations/[code]/notes/route";
import { authenticateCookies } from "@/lib/auth/context";
import { bulkUpdateStage, pipelineSummary } from "@/lib/target-lists/entries";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { apiRequest, params, signedInUser, type TestUser } from "../support/auth";

describe("target lists: the team's pipeline", () => {
  let t: TestDatabase;
  let ann: TestUser, viewer: TestUser, outsider: TestUser;
  let listId: string;
  const entryIds: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestDatabase();
    t.useAsAppDatabase();
    ann = await signedInUser(t.db, "ann@a.example", "Team A", "analyst");
    viewer = await signedInUser(t.db, "vic@a.example", "Team A", "viewer");
    outsider = await signedInUser(t.db, "olga@b.example", "Team B", "owner");
    listId = (await (await listsRoute.POST(apiRequest("/api/v1/target-lists", { method: "POST", cookie: ann.cookie, body: { name: "EPR 2027" } }))).json()).id;
    const added = await entriesRoute.POST(apiRequest(`/api/v1/target-lists/${listId}/entries`, { method: "POST", cookie: ann.cookie, body: { codes: ["QYG", "QHM", "S08000020", "=EVIL"] } }), params({ id: listId }));
    expect(added.status).toBe(400); // one unknown code: nothing added
    const ok = await entriesRoute.POST(apiRequest(`/api/v1/target-lists/${listId}/entries`, { method: "POST", cookie: ann.cookie, body: { codes: ["QYG", "QHM", "S08000020"] } }), params({ id: listId }));
    expect(await ok.json()).toEqual({ added: 3, already_on_list: 0, requested: 3 });
    const again = await entriesRoute.POST(apiRequest(`/api/v1/target-lists/${listId}/entries`, { method: "POST", cookie: ann.cookie, body: { codes: ["QYG"] } }), params({ id: listId }));
    expect(await again.json()).toEqual({ added: 0, already_on_list: 1, requested: 1 });
    const entries = await (await entriesRoute.GET(apiRequest(`/api/v1/target-lists/${listId}/entries`, { cookie: ann.cookie }), params({ id: listId }))).json();
    for (const e of entries.data) entryIds[e.organisation.code] = e.id;
  });
  afterAll(() => t.drop());

  const patchEntry = (user: TestUser, entryId: string, body: unknown) =>
    entryRoute.PATCH(apiRequest(`/api/v1/target-lists/${listId}/entries/${entryId}`, { method: "PATCH", cookie: user.cookie, body }), params({ id: listId, entryId }));

  it("updates an entry's stage, owner, priority, next step, tags and value, and refuses a stale version", async () => {
    const response = await patchEntry(ann, entryIds.QYG!, { version: 1, stage: "engaged", owner_id: ann.userId, priority: "high", next_step: "Demo to CCIO", next_step_date: "2026-12-10", tags: ["EPR", "epr", "digital"], estimated_value_gbp: 250000 });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ stage: "engaged", owner: { id: ann.userId }, priority: "high", next_step_date: "2026-12-10", tags: ["epr", "digital"], estimated_value_gbp: 250000, version: 2 });
    const stale = await patchEntry(ann, entryIds.QYG!, { version: 1, stage: "won" });
    expect(stale.status).toBe(409);
    expect((await stale.json()).error.current).toMatchObject({ stage: "engaged", version: 2 });
  });

  it("needs a reason to mark an entry lost", async () => {
    const noReason = await patchEntry(ann, entryIds.QHM!, { version: 1, stage: "lost" });
    expect(noReason.status).toBe(400);
    expect((await patchEntry(ann, entryIds.QHM!, { version: 1, stage: "lost", lost_reason: "Went with incumbent" })).status).toBe(200);
  });

  it("summarises the pipeline per stage and changes stages in bulk, all or nothing", async () => {
    const ctx = (await authenticateCookies(t.db, ann.cookie, null))!;
    const before = await pipelineSummary(t.db, ctx, listId);
    expect(before.find((s) => s.stage === "engaged")).toEqual({ stage: "engaged", count: 1, valueGbp: 250000 });
    await expect(bulkUpdateStage(t.db, ctx, { listId, entryIds: [entryIds.QYG!, "nonexistent"], stage: "proposal" })).rejects.toMatchObject({ code: "not-found" });
    expect((await t.db.targetListEntry.findUniqueOrThrow({ where: { id: entryIds.QYG! } })).stage).toBe("engaged");
    expect(await bulkUpdateStage(t.db, ctx, { listId, entryIds: [entryIds.QYG!, entryIds.S08000020!], stage: "proposal" })).toEqual({ updated: 2 });
    expect((await pipelineSummary(t.db, ctx, listId)).find((s) => s.stage === "proposal")?.count).toBe(2);
  });

  it("exports the list as CSV that round-trips, with the ICB or board, population and last note", async () => {
    await organisationNotesRoute.POST(apiRequest("/api/v1/organisations/QYG/notes", { method: "POST", cookie: ann.cookie, body: { body: "Demo booked" } }), params({ code: "QYG" }));
    const response = await exportRoute.GET(apiRequest(`/api/v1/target-lists/${listId}/export.csv`, { cookie: viewer.cookie }), params({ id: listId }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/commissioning-atlas_epr-2027_/);
    const rows = parse(await response.text(), { columns: true }) as Record<string, string>[];
    const api = await (await entriesRoute.GET(apiRequest(`/api/v1/target-lists/${listId}/entries?limit=500`, { cookie: ann.cookie }), params({ id: listId }))).json();
    expect(rows.map((r) => r.code).sort()).toEqual(api.data.map((e: { organisation: { code: string } }) => e.organisation.code).sort());
    const qyg = rows.find((r) => r.code === "QYG")!;
    expect(qyg).toMatchObject({ stage: "proposal", icb_or_board_code: "QYG", priority: "high", tags: "epr;digital", estimated_value_gbp: "250000.00", last_note_author: "ann" });
    expect(rows.find((r) => r.code === "S08000020")!.icb_or_board_code).toBe("S08000020");
    // Registered patients beside population: England's bodies have them, Scotland's boards do not
    const stored = await t.db.organisation.findUniqueOrThrow({ where: { code: "QYG" } });
    expect(qyg).toMatchObject({ registered_patients: String(stored.registeredPatients), registered_patients_month: "2026-04" });
    expect(rows.find((r) => r.code === "S08000020")).toMatchObject({ registered_patients: "", registered_patients_month: "" });
  });

  it("neutralises formula cells in the list export", async () => {
    await patchEntry(ann, entryIds.S08000020!, { version: 2, next_step: "=HYPERLINK(\"http://evil\")" });
    const text = await (await exportRoute.GET(apiRequest(`/api/v1/target-lists/${listId}/export.csv`, { cookie: ann.cookie }), params({ id: listId }))).text();
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r.code === "S08000020")!.next_step).toBe("'=HYPERLINK(\"http://evil\")");
  });

  it("archives and restores a list without losing its entries", async () => {
    const archive = await listRoute.PATCH(apiRequest(`/api/v1/target-lists/${listId}`, { method: "PATCH", cookie: ann.cookie, body: { archived: true } }), params({ id: listId }));
    expect(await archive.json()).toMatchObject({ archived: true });
    expect((await (await listsRoute.GET(apiRequest("/api/v1/target-lists", { cookie: ann.cookie }))).json()).data).toEqual([]);
    const restore = await listRoute.PATCH(apiRequest(`/api/v1/target-lists/${listId}`, { method: "PATCH", cookie: ann.cookie, body: { archived: false } }), params({ id: listId }));
    expect(await restore.json()).toMatchObject({ archived: false });
    expect(await t.db.targetListEntry.count({ where: { listId } })).toBe(3);
  });

  it("gives another team 404 for the list, its entries, an entry edit and the export, and a viewer 403 on writes", async () => {
    const asOutsider = { cookie: outsider.cookie };
    expect((await listRoute.GET(apiRequest(`/api/v1/target-lists/${listId}`, asOutsider), params({ id: listId }))).status).toBe(404);
    expect((await entriesRoute.GET(apiRequest(`/api/v1/target-lists/${listId}/entries`, asOutsider), params({ id: listId }))).status).toBe(404);
    expect((await entriesRoute.POST(apiRequest(`/api/v1/target-lists/${listId}/entries`, { ...asOutsider, method: "POST", body: { codes: ["QYG"] } }), params({ id: listId }))).status).toBe(404);
    expect((await patchEntry(outsider, entryIds.QYG!, { version: 3, stage: "won" })).status).toBe(404);
    expect((await exportRoute.GET(apiRequest(`/api/v1/target-lists/${listId}/export.csv`, asOutsider), params({ id: listId }))).status).toBe(404);
    expect((await listRoute.PATCH(apiRequest(`/api/v1/target-lists/${listId}`, { ...asOutsider, method: "PATCH", body: { archived: true } }), params({ id: listId }))).status).toBe(404);
    expect((await patchEntry(viewer, entryIds.QYG!, { version: 3, stage: "won" })).status).toBe(403);
    expect((await t.db.targetListEntry.findUniqueOrThrow({ where: { id: entryIds.QYG! } })).stage).toBe("proposal");
  });
});

describe("when a body closes in a data refresh", () => {
  it("keeps its list entries and notes, marked closed, with a link to its successor", async () => {
    const { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const path = await import("node:path");
    const { importReferenceData } = await import("@/lib/import");
    const { listEntries } = await import("@/lib/target-lists/entries");
    const { createTargetList } = await import("@/lib/target-lists");
    const { addEntries } = await import("@/lib/target-lists/entries");
    const { createNote, listNotesForOrganisation } = await import("@/lib/notes");
    const { findCurrentBuyer } = await import("@/lib/organisations/succession");
    const t = await createTestDatabase();
    const dir = mkdtempSync(path.join(tmpdir(), "atlas-refresh-"));
    try {
      const user = await signedInUser(t.db, "ann@a.example", "Team A", "analyst");
      const ctx = (await authenticateCookies(t.db, user.cookie, null))!;
      const list = await createTargetList(t.db, ctx, { name: "Trusts" });
      await addEntries(t.db, ctx, { listId: list.id, codes: ["RVJ", "RTE"] });
      await createNote(t.db, ctx, { organisationCode: "RTE", body: "Spoke to procurement" });
      // A refresh in which trust RTE closes (the close date is real data's shape: an ODS YYYYMMDD date)
      cpSync(path.join(process.cwd(), "data"), dir, { recursive: true });
      const file = path.join(dir, "nhs_trusts.csv");
      const lines = readFileSync(file, "utf8").split("\n");
      const index = lines.findIndex((l) => l.startsWith("RTE,"));
      expect(index).toBeGreaterThan(0);
      const { csvRow } = await import("@/lib/csv");
      const [cells] = parse(lines[index]!) as string[][];
      cells![9] = "20260930"; // close_date
      lines[index] = csvRow(cells!).replace(/\n$/, ""); // keep the file's CRLF line ends
      writeFileSync(file, lines.join("\n"));
      const report = await importReferenceData(t.db, { dataDir: dir, today: "2026-11-23" });
      expect(report.closed).toBe(1);
      const { entries } = await listEntries(t.db, ctx, list.id);
      expect(entries.map((e) => [e.organisation.code, e.organisation.status]).sort()).toEqual([["RTE", "closed"], ["RVJ", "closed"]]);
      expect(await listNotesForOrganisation(t.db, ctx, "RTE")).toHaveLength(1);
      // No successor is recorded for these trusts in the data, and the atlas says so rather than guessing
      expect((await findCurrentBuyer(t.db, "RTE"))?.current).toEqual([]);
      // A closed ICB on a list leads to its successor
      await addEntries(t.db, ctx, { listId: list.id, codes: ["QHG"] });
      expect((await findCurrentBuyer(t.db, "QHG"))?.current.map((c) => c.code)).toEqual(["S1Y5D"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await t.drop();
    }
  });
});
