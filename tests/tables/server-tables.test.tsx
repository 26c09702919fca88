// The five server tables share one definition: a bad or unknown URL parameter is a 400 naming it
// in the API and the error read on the page (shown in the filter-error panel, never an exception
// or a silent fallback); a page past the end shows the last page; list entries take one round trip.
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("../support/next-request-scope").then((m) => m.nextHeaders));
vi.mock("next/cache", () => import("../support/next-request-scope").then((m) => m.nextCache));

import * as organisationsRoute from "@/app/api/v1/organisations/route";
import * as entriesRoute from "@/app/api/v1/target-lists/[id]/entries/route";
import * as notesRoute from "@/app/api/v1/notes/route";
import * as auditRoute from "@/app/api/v1/audit/route";
import NotesFeedPage from "@/app/(app)/notes/page";
import AuditPage from "@/app/(app)/settings/audit/page";
import { auditTable } from "@/lib/audit";
import { authenticateCookies, type AuthContext } from "@/lib/auth/context";
import { createNote, notesFeedTable } from "@/lib/notes";
import { explorerTable } from "@/lib/organisations/explorer";
import { readFeedPage, readTablePage } from "@/lib/tables/server";
import { createTargetList } from "@/lib/target-lists";
import { addEntries, entriesTable, listEntries } from "@/lib/target-lists/entries";
import { apiRequest, params, signedInUser, type TestUser } from "../support/auth";
import { countingClient } from "../support/counting-client";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { actAs } from "../support/next-request-scope";

describe("server tables", () => {
  let t: TestDatabase;
  let ann: TestUser;
  let ctx: AuthContext;
  let listId: string;
  let listSize: number;
  /** A body with more than a page of bodies directly below it */
  let bigParent: string;
  const query = (text: string) => new URLSearchParams(text);

  beforeAll(async () => {
    t = await createTestDatabase();
    t.useAsAppDatabase();
    ann = await signedInUser(t.db, "ann@a.example", "Team A", "admin");
    ctx = (await authenticateCookies(t.db, ann.cookie, null))!;
    listId = (await createTargetList(t.db, ctx, { name: "ICBs" })).id;
    await addEntries(t.db, ctx, { listId, filter: "kind=icb" });
    listSize = await t.db.targetListEntry.count({ where: { listId } });
    const [parent] = await t.db.$queryRaw<{ code: string }[]>`
      SELECT p.code FROM organisation o JOIN organisation p ON p.id = o.parent_id WHERE o.status = 'open'
      GROUP BY p.code HAVING count(*) BETWEEN 30 AND 200 ORDER BY p.code LIMIT 1`;
    bigParent = parent!.code;
    await createNote(t.db, ctx, { organisationCode: "QYG", body: "Spoke to procurement" });
    await createNote(t.db, ctx, { organisationCode: "QHM", body: "Sent the proposal" });
  });
  afterAll(() => t.drop());

  it("answers 400 naming the parameter in each table's API", async () => {
    const asAnn = { cookie: ann.cookie };
    const cases: [() => Promise<Response>, string][] = [
      [() => organisationsRoute.GET(apiRequest("/api/v1/organisations?colour=blue", asAnn)), "colour"],
      [() => organisationsRoute.GET(apiRequest("/api/v1/organisations?parent=QYG&limit=0", asAnn)), "limit"],
      [() => entriesRoute.GET(apiRequest(`/api/v1/target-lists/${listId}/entries?sort=population`, asAnn), params({ id: listId })), "sort"],
      [() => entriesRoute.GET(apiRequest(`/api/v1/target-lists/${listId}/entries?colour=blue`, asAnn), params({ id: listId })), "colour"],
      [() => entriesRoute.GET(apiRequest(`/api/v1/target-lists/${listId}/entries?limit=501`, asAnn), params({ id: listId })), "limit"],
      [() => entriesRoute.GET(apiRequest(`/api/v1/target-lists/${listId}/entries?offset=-1`, asAnn), params({ id: listId })), "offset"],
      [() => notesRoute.GET(apiRequest("/api/v1/notes?before=yesterday", asAnn)), "before"],
      [() => notesRoute.GET(apiRequest("/api/v1/notes?colour=blue", asAnn)), "colour"],
      [() => notesRoute.GET(apiRequest("/api/v1/notes?limit=101", asAnn)), "limit"],
      [() => auditRoute.GET(apiRequest("/api/v1/audit?before=abc", asAnn)), "before"],
      [() => auditRoute.GET(apiRequest("/api/v1/audit?colour=blue", asAnn)), "colour"],
    ];
    for (const [call, param] of cases) {
      const response = await call();
      expect(response.status, param).toBe(400);
      expect((await response.json()).error.message, param).toContain(param);
    }
    // The API's paging ranges are as wide as they were: limit=10 still works
    const ten = await (await entriesRoute.GET(apiRequest(`/api/v1/target-lists/${listId}/entries?limit=10&offset=5`, asAnn), params({ id: listId }))).json();
    expect(ten.data).toHaveLength(10);
    expect(ten.total).toBe(listSize);
    expect(Object.keys(ten)).toEqual(["data", "total"]);
    const organisations = await (await organisationsRoute.GET(apiRequest("/api/v1/organisations?kind=icb&limit=10", asAnn))).json();
    expect(Object.keys(organisations)).toEqual(["data", "total", "total_exact", "next_cursor"]);
    const notes = await (await notesRoute.GET(apiRequest("/api/v1/notes?limit=1", asAnn))).json();
    expect(Object.keys(notes)).toEqual(["data", "next_before"]);
    expect(notes.next_before).not.toBeNull();
  });

  it("gives each table's page the error read for a bad parameter, not an exception", async () => {
    const scope = { teamId: ctx.team.id };
    const reads = [
      [await readTablePage(explorerTable, t.db, scope, query("kind=primary-care-trust")), "kind"],
      [await readTablePage(explorerTable, t.db, scope, query("colour=blue"), { parent: "QYG" }), "colour"],
      [await readTablePage(explorerTable, t.db, scope, query("size=30"), { parent: "QYG" }), "size"],
      [await readTablePage(entriesTable, t.db, { ctx, listId }, query("stage=nowhere")), "stage"],
      [await readTablePage(entriesTable, t.db, { ctx, listId }, query("page=0")), "page"],
      [await readFeedPage(notesFeedTable, t.db, ctx, query("before=yesterday")), "before"],
      [await readFeedPage(notesFeedTable, t.db, ctx, query("colour=blue")), "colour"],
      [await readFeedPage(auditTable, t.db, scope, query("before=abc")), "before"],
    ] as const;
    for (const [read, param] of reads) expect(read, param).toMatchObject({ ok: false, error: expect.stringContaining(param) });
  });

  it("shows the filter-error panel on the notes and audit pages instead of falling back", async () => {
    actAs(ann.cookie);
    const notes = renderToStaticMarkup(await NotesFeedPage({ searchParams: Promise.resolve({ before: "yesterday" }) }));
    expect(notes).toContain("This table cannot show these filters");
    expect(notes).toContain("before must be a timestamp");
    expect(notes).not.toContain("Spoke to procurement");

    const audit = renderToStaticMarkup(await AuditPage({ searchParams: Promise.resolve({ before: "abc" }) }));
    expect(audit).toContain("This table cannot show these filters");
    expect(audit).toContain("before must be an audit event id");
    expect(audit).not.toContain("target-list.created");
    const latest = renderToStaticMarkup(await AuditPage({ searchParams: Promise.resolve({}) }));
    expect(latest).toContain("target-list.created");
    expect(latest).not.toContain("This table cannot show these filters");
  });

  it("shows the last page when a link points past the end, in every paged table", async () => {
    const scope = { teamId: ctx.team.id };
    const reads = [
      await readTablePage(explorerTable, t.db, scope, query("kind=icb&size=25&page=99")),
      await readTablePage(explorerTable, t.db, scope, query("size=25&page=99"), { parent: bigParent }),
      await readTablePage(entriesTable, t.db, { ctx, listId }, query("size=25&page=99&sort=-name")),
    ];
    for (const read of reads) {
      if (!read.ok) throw new Error(read.error);
      const { page, size, total, rows, hasNextPage } = read.page;
      expect(total).toBeGreaterThan(size);
      expect(page).toBe(Math.ceil(total / size));
      expect(rows).toHaveLength(total - (page - 1) * size);
      expect(hasNextPage).toBe(false);
    }
  });

  it("pages a feed by before, newest first, with no row twice", async () => {
    const first = await readFeedPage(notesFeedTable, t.db, ctx, query("limit=1"));
    if (!first.ok) throw new Error(first.error);
    expect(first.page.rows.map((n) => n.body)).toEqual(["Sent the proposal"]);
    expect(first.page.hasNextPage).toBe(true);
    const second = await readFeedPage(notesFeedTable, t.db, ctx, query(`limit=1&before=${first.page.nextBefore}`));
    if (!second.ok) throw new Error(second.error);
    expect(second.page.rows.map((n) => n.body)).toEqual(["Spoke to procurement"]);
    expect(second.page.nextBefore).toBeNull();
  });

  it("reads a page of a list's entries in one round trip, and a second only past the end", async () => {
    const calls: string[] = [];
    const counted = countingClient(t.db, calls);
    const page = await listEntries(counted, ctx, listId, { limit: 7, offset: 14 });
    expect(page.entries).toHaveLength(7);
    expect(page.total).toBe(listSize);
    expect(calls).toHaveLength(1);

    calls.length = 0;
    const past = await listEntries(counted, ctx, listId, { limit: 7, offset: 70 });
    expect(past).toEqual({ entries: [], total: listSize });
    expect(calls).toHaveLength(2);
  });

  it("gives list entries the same fields as a single entry, with the body's ICB and successors", async () => {
    const { entries } = await listEntries(t.db, ctx, listId, { limit: 500 });
    const { entryToJson, getEntry } = await import("@/lib/target-lists/entries");
    for (const entry of entries.slice(0, 5)) {
      const { commissioner, successors, ...fields } = entry;
      expect(entryToJson(fields)).toEqual(entryToJson(await getEntry(t.db, ctx, listId, entry.id)));
      expect(commissioner?.code).toBe(entry.organisation.code);
      expect(successors).toEqual([]);
    }
  });
});
