import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as organisationsRoute from "@/app/api/v1/organisations/route";
import * as organisationRoute from "@/app/api/v1/organisations/[code]/route";
import * as categoriesRoute from "@/app/api/v1/service-categories/route";
import { parseExplorerParams, searchOrganisations, type ExplorerFilters } from "@/lib/organisations/explorer";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { apiRequest, params, signedInUser, type TestUser } from "../support/auth";

describe("organisation explorer: filters, search, sort, pages and CSV", () => {
  let t: TestDatabase;
  let analyst: TestUser;
  const scope = () => ({ teamId: analyst.teamId });
  const filters = (query: string): ExplorerFilters => parseExplorerParams(new URLSearchParams(query));
  const codes = async (query: string, limit = 500) => (await searchOrganisations(t.db, scope(), filters(query), { limit, offset: 0 })).rows.map((r) => r.code);
  const api = (path: string) => organisationsRoute.GET(apiRequest(path, { cookie: analyst.cookie }));

  beforeAll(async () => {
    t = await createTestDatabase();
    t.useAsAppDatabase();
    analyst = await signedInUser(t.db, "analyst@a.example", "Team A", "analyst");
  });
  afterAll(() => t.drop());

  it("kind=icb gives the 36 open ICBs; status=all adds the 12 closed ones", async () => {
    expect(await codes("kind=icb")).toHaveLength(36);
    const all = await searchOrganisations(t.db, scope(), filters("kind=icb&status=all"), { limit: 100, offset: 0 });
    expect(all.total).toBe(48);
    expect(all.rows.filter((r) => r.status === "closed")).toHaveLength(12);
    expect(await codes("kind=icb&status=closed")).toHaveLength(12);
  });

  it("parent=an ICB gives its sub-ICB locations, and the same count as the ICB's children", async () => {
    const subIcbs = await codes("parent=QYG&kind=sub-icb-location");
    const children = await t.db.organisation.count({ where: { parent: { code: "QYG" }, kind: "sub-icb-location", status: "open" } });
    expect(subIcbs.length).toBe(children);
    expect(subIcbs.length).toBeGreaterThan(0);
  });

  it("filters by nation, region, population and allocation", async () => {
    expect(await codes("nation=scotland&kind=health-board")).toHaveLength(14);
    const east = await searchOrganisations(t.db, scope(), filters("region=Y61&kind=icb"), { limit: 50, offset: 0 });
    expect(east.total).toBe(3);
    const big = await searchOrganisations(t.db, scope(), filters("kind=icb&min_population=2000000"), { limit: 50, offset: 0 });
    expect(big.rows.every((r) => r.population !== null && r.population >= 2_000_000)).toBe(true);
    const rich = await searchOrganisations(t.db, scope(), filters("kind=icb&status=all&min_allocation=5000"), { limit: 50, offset: 0 });
    expect(rich.rows.length).toBeGreaterThan(0);
    expect(rich.rows.every((r) => Number(r.allocation_gbp_thousands) >= 5_000_000)).toBe(true);
  });

  it("commissions=X gives the bodies that commission that service", async () => {
    const gp = await searchOrganisations(t.db, scope(), filters("commissions=gp-primary-medical-services&nation=england"), { limit: 100, offset: 0 });
    expect(gp.rows.some((r) => r.kind === "icb")).toBe(true);
    expect(gp.rows.every((r) => ["icb", "national-body"].includes(r.kind))).toBe(true);
    const sexualHealth = await codes("commissions=sexual-health&nation=england&kind=local-authority");
    expect(sexualHealth).toHaveLength(153);
  });

  it.each(["chesire mersyside", "merseyside cheshire", "QYG", "qyg"])("finds Cheshire and Merseyside ICB from %j", async (q) => {
    const [first] = await codes(`q=${encodeURIComponent(q)}`, 5);
    expect(first).toBe("QYG");
  });

  it("counts a search's matches exactly, and its pages add up to that count", async () => {
    const query = filters("q=leeds");
    const first = await searchOrganisations(t.db, scope(), query, { limit: 3, offset: 0 });
    expect(first.totalExact).toBe(true);
    expect(first.total).toBeGreaterThan(3);
    const seen = new Set<string>();
    for (let offset = 0; ; offset += 3) {
      const page = await searchOrganisations(t.db, scope(), query, { limit: 3, offset });
      expect(page.total).toBe(first.total);
      page.rows.forEach((r) => seen.add(r.code));
      if (page.nextOffset === null) break;
    }
    expect(seen.size).toBe(first.total);
  });

  it("gives the same bodies for commissions=X with or without a nation that has none of its commissioners", async () => {
    const england = await codes("commissions=sexual-health&nation=england");
    const all = await codes("commissions=sexual-health");
    expect(england.length).toBeGreaterThan(0);
    expect(all.filter((c) => england.includes(c))).toEqual(england);
    expect(await codes("commissions=sexual-health&nation=england&kind=gp-practice")).toEqual([]);
  });

  it("shows a closed ICB matched by name, marked closed with its successor, under the default status filter", async () => {
    const result = await searchOrganisations(t.db, scope(), filters("q=bedfordshire%20luton"), { limit: 10, offset: 0 });
    const closed = result.rows.find((r) => r.code === "QHG");
    expect(closed).toMatchObject({ status: "closed", successors: [{ code: "S1Y5D", name: expect.stringMatching(/Central East/) }] });
  });

  it("leads from the code of an ICB merged in 2026 to its successor, through the API", async () => {
    const response = await organisationRoute.GET(apiRequest("/api/v1/organisations/QHG", { cookie: analyst.cookie }), params({ code: "QHG" }));
    const body = await response.json();
    expect(body).toMatchObject({ status: "closed", successors: [{ code: "S1Y5D" }], current_commissioners: [{ code: "S1Y5D" }] });
    const search = await (await api("/api/v1/organisations?q=QHG")).json();
    expect(search.data[0]).toMatchObject({ code: "QHG", status: "closed", successors: [{ code: "S1Y5D" }] });
  });

  it("sorts by population descending with bodies lacking a figure last", async () => {
    const rows = (await searchOrganisations(t.db, scope(), filters("kind=icb&sort=-population"), { limit: 50, offset: 0 })).rows;
    const known = rows.filter((r) => r.population !== null).map((r) => r.population!);
    expect(known).toEqual([...known].sort((a, b) => b - a));
    expect(rows.slice(known.length).every((r) => r.population === null)).toBe(true);
  });

  it("filters and sorts by registered patients, bodies without a count last; the three ICBs without a population still sort by it", async () => {
    const big = await searchOrganisations(t.db, scope(), filters("kind=pcn&min_patients=50000&max_patients=60000"), { limit: 500, offset: 0 });
    expect(big.rows.length).toBeGreaterThan(0);
    expect(big.total).toBe(await t.db.organisation.count({ where: { kind: "pcn", status: "open", registeredPatients: { gte: 50_000, lte: 60_000 } } }));
    expect(big.rows.every((r) => r.registered_patients! >= 50_000 && r.registered_patients! <= 60_000 && r.registered_patients_month === "2026-04")).toBe(true);

    const icbs = (await searchOrganisations(t.db, scope(), filters("kind=icb&status=all&sort=-patients"), { limit: 50, offset: 0 })).rows;
    const known = icbs.filter((r) => r.registered_patients !== null).map((r) => r.registered_patients!);
    expect(known).toHaveLength(36); // every open ICB; the 12 closed ones of the 42-ICB structure have none
    expect(known).toEqual([...known].sort((a, b) => b - a));
    expect(icbs.slice(known.length).every((r) => r.registered_patients === null && r.status === "closed")).toBe(true);
    const ascending = await codes("kind=icb&sort=patients");
    expect(ascending).toEqual(icbs.slice(0, 36).map((r) => r.code).reverse());
    for (const code of ["QRL", "S9B9J", "S0E4D"]) expect(icbs.find((r) => r.code === code)).toMatchObject({ population: null, registered_patients: expect.any(Number) });

    const response = await api("/api/v1/organisations?kind=icb&sort=-patients&format=csv");
    const rows = parse(await response.text(), { columns: true }) as Record<string, string>[];
    expect(rows[0]).toMatchObject({ code: icbs[0]!.code, registered_patients: String(icbs[0]!.registered_patients), registered_patients_month: "2026-04" });
    expect((await api("/api/v1/organisations?max_patients=-1")).status).toBe(400);
  });

  it("pages through every PCN with cursors, never repeating or skipping one", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let total = 0;
    do {
      const body: { data: { code: string }[]; total: number; next_cursor: string | null } = await (await api(`/api/v1/organisations?kind=pcn&limit=500${cursor ? `&cursor=${cursor}` : ""}`)).json();
      seen.push(...body.data.map((o) => o.code));
      total = body.total;
      cursor = body.next_cursor;
    } while (cursor);
    expect(total).toBe(1297);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  it("reads a table's page from its URL, showing the last page when the link points past the end", async () => {
    const { explorerTable } = await import("@/lib/organisations/explorer");
    const { readTablePage } = await import("@/lib/tables/server");
    const read = await readTablePage(explorerTable, t.db, scope(), new URLSearchParams("kind=icb&size=25&page=9"), { parent: "Y61" });
    if (!read.ok) throw new Error(read.error);
    expect(read.filters.parent).toBe("Y61");
    expect(read.page.page).toBe(1);
    expect(read.page.rows.map((r) => r.code).sort()).toEqual((await codes("kind=icb&parent=Y61")).sort());
    expect(await readTablePage(explorerTable, t.db, scope(), new URLSearchParams("size=30"))).toMatchObject({ ok: false, error: expect.stringMatching(/size must be one of/) });
  });

  it("answers 400 naming the parameter for an unknown filter value, a limit over 500, a malformed cursor or an unknown parameter", async () => {
    for (const [query, param] of [["kind=primary-care-trust", "kind"], ["limit=501", "limit"], ["cursor=not-a-cursor", "cursor"], ["colour=blue", "colour"], ["region=QYG", "region"], ["parent=ZZZ99", "parent"], ["parent=ZZZ99&format=csv", "parent"], ["commissions=plumbing", "commissions"], ["status=maybe", "status"]] as const) {
      const response = await api(`/api/v1/organisations?${query}`);
      expect(response.status, query).toBe(400);
      const body = await response.json();
      expect(body.error.message, query).toContain(param);
    }
    // The code is checked only when nothing matched (the lookup rides in the page's statement): a known one then is an empty page
    const empty = await api("/api/v1/organisations?parent=Y61&kind=gp-practice");
    expect(empty.status).toBe(200);
    expect((await empty.json()).data).toEqual([]);
  });

  it("streams CSV that round-trips through a CSV parser to the same rows as the JSON", async () => {
    const json = await (await api("/api/v1/organisations?kind=icb&status=all&limit=100")).json();
    const response = await api("/api/v1/organisations?kind=icb&status=all&format=csv&view=All%20ICBs");
    expect(response.headers.get("content-type")).toMatch(/text\/csv/);
    expect(response.headers.get("content-disposition")).toMatch(/commissioning-atlas_all-icbs_\d{4}-\d{2}-\d{2}\.csv/);
    const rows = parse(await response.text(), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.code)).toEqual(json.data.map((o: { code: string }) => o.code));
    expect(rows.map((r) => r.name)).toEqual(json.data.map((o: { name: string }) => o.name));
    const qhg = rows.find((r) => r.code === "QHG")!;
    expect(qhg.successor_codes).toBe("S1Y5D");
    const withBom = await (await api("/api/v1/organisations?kind=icb&format=csv&bom=1")).arrayBuffer();
    expect([...new Uint8Array(withBom).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it("neutralises a name starting with = in the CSV", async () => {
    await t.db.organisation.create({
      data: { code: "ZZTEST1", codeSystem: "atlas", name: '=HYPERLINK("http://evil.example","click")', kind: "gp-practice", nation: "england", source: "test", sourceAsOf: new Date(), searchText: "zztest1" },
    });
    const text = await (await api("/api/v1/organisations?q=ZZTEST1&format=csv")).text();
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows[0]!.name).toBe(`'=HYPERLINK("http://evil.example","click")`);
  });

  it("lists service categories with the nations they cover", async () => {
    const body = await (await categoriesRoute.GET(apiRequest("/api/v1/service-categories", { cookie: analyst.cookie }))).json();
    expect(body.data.length).toBeGreaterThanOrEqual(25);
    expect(body.data.find((c: { slug: string }) => c.slug === "sexual-health").nations).toHaveLength(4);
  });
});

describe("explorer: the team's own filters (lists, stages, notes) and the other sorts", () => {
  let t: TestDatabase;
  let ann: TestUser, rival: TestUser;
  let listId: string;
  const filters = (query: string): ExplorerFilters => parseExplorerParams(new URLSearchParams(query));
  const codesFor = async (user: TestUser, query: string) => (await searchOrganisations(t.db, { teamId: user.teamId }, filters(query), { limit: 500, offset: 0 })).rows.map((r) => r.code);

  beforeAll(async () => {
    t = await createTestDatabase();
    t.useAsAppDatabase();
    ann = await signedInUser(t.db, "ann@a.example", "Team A", "analyst");
    rival = await signedInUser(t.db, "rita@b.example", "Team B", "analyst");
    const { POST: createList } = await import("@/app/api/v1/target-lists/route");
    const entries = await import("@/app/api/v1/target-lists/[id]/entries/route");
    const entry = await import("@/app/api/v1/target-lists/[id]/entries/[entryId]/route");
    const notes = await import("@/app/api/v1/organisations/[code]/notes/route");
    listId = (await (await createList(apiRequest("/api/v1/target-lists", { method: "POST", cookie: ann.cookie, body: { name: "Digital 2027" } }))).json()).id;
    await entries.POST(apiRequest(`/api/v1/target-lists/${listId}/entries`, { method: "POST", cookie: ann.cookie, body: { codes: ["QYG", "QHM", "S08000020"] } }), params({ id: listId }));
    const added: { data: { id: string; organisation: { code: string } }[] } = await (await entries.GET(apiRequest(`/api/v1/target-lists/${listId}/entries`, { cookie: ann.cookie }), params({ id: listId }))).json();
    const qhm = added.data.find((e) => e.organisation.code === "QHM")!;
    const patched = await entry.PATCH(apiRequest(`/api/v1/target-lists/${listId}/entries/${qhm.id}`, { method: "PATCH", cookie: ann.cookie, body: { version: 1, stage: "engaged" } }), params({ id: listId, entryId: qhm.id }));
    expect(patched.status).toBe(200);
    const note = await notes.POST(apiRequest("/api/v1/organisations/7A4/notes", { method: "POST", cookie: ann.cookie, body: { body: "Board meeting in March." } }), params({ code: "7A4" }));
    expect(note.status).toBe(201);
  });
  afterAll(() => t.drop());

  it("list=any, list=<id> and stage give the team's bodies; another team sees none of them", async () => {
    expect((await codesFor(ann, "list=any")).sort()).toEqual(["QHM", "QYG", "S08000020"]);
    expect((await codesFor(ann, `list=${listId}&stage=engaged`))).toEqual(["QHM"]);
    expect(await codesFor(rival, "list=any")).toEqual([]);
    await expect(codesFor(rival, `list=${listId}`)).rejects.toThrow(/not found/);
  });

  it("has_notes is the team's notes only", async () => {
    expect(await codesFor(ann, "has_notes=true")).toEqual(["7A4"]);
    expect(await codesFor(rival, "has_notes=true")).toEqual([]);
    const withoutNotes = await codesFor(ann, "kind=local-health-board&has_notes=false");
    expect(withoutNotes).toHaveLength(6);
    expect(withoutNotes).not.toContain("7A4");
  });

  it("list=any leaves out archived lists; the archived list itself can still be named", async () => {
    const { PATCH } = await import("@/app/api/v1/target-lists/[id]/route");
    const archived = await PATCH(apiRequest(`/api/v1/target-lists/${listId}`, { method: "PATCH", cookie: ann.cookie, body: { archived: true } }), params({ id: listId }));
    expect(archived.status).toBe(200);
    expect(await codesFor(ann, "list=any")).toEqual([]);
    expect((await codesFor(ann, `list=${listId}`)).sort()).toEqual(["QHM", "QYG", "S08000020"]);
  });

  it.each([
    ["name", (a: ExplorerRowLike, b: ExplorerRowLike) => a.name.localeCompare(b.name, "en", { sensitivity: "base" }) <= 0 || a.name <= b.name],
    ["-code", (a: ExplorerRowLike, b: ExplorerRowLike) => a.code >= b.code],
    ["-allocation", (a: ExplorerRowLike, b: ExplorerRowLike) => b.allocation_gbp_thousands === null || (a.allocation_gbp_thousands !== null && Number(a.allocation_gbp_thousands) >= Number(b.allocation_gbp_thousands))],
  ])("sorts the ICBs by %s", async (sort, inOrder) => {
    const rows = (await searchOrganisations(t.db, { teamId: ann.teamId }, filters(`kind=icb&status=all&sort=${sort}`), { limit: 100, offset: 0 })).rows;
    expect(rows).toHaveLength(48);
    for (let i = 1; i < rows.length; i++) expect(inOrder(rows[i - 1]!, rows[i]!)).toBe(true);
  });
});

type ExplorerRowLike = { name: string; code: string; allocation_gbp_thousands: string | null };
