// Calls every endpoint on a real database, with a success and at least one error each, and checks
// every answer against the response schema docs/openapi.yaml gives for that status.
import { readFileSync } from "node:fs";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endpoints, type EndpointName } from "@/lib/api/endpoints";
import { createPrismaClient } from "@/lib/db/client";
import { healthResponse } from "@/lib/health";
import { XLSX_MEDIA_TYPE } from "@/lib/xlsx";
import { MAX_MATCH_BYTES, MAX_MATCH_ROWS } from "@/lib/matching/vocabulary";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { apiRequest, signedInUser, type TestUser } from "../support/auth";
import { routeHandlers, type RouteHandler } from "./routes";
import { refreshCoverage } from "@/lib/procurement/coverage";
import { sessionHandle } from "@/lib/auth/sessions";
import { createApiToken } from "@/lib/auth/api-tokens";
import { authenticateRequest } from "@/lib/auth/context";
import { createInvitation } from "@/lib/auth/invitations";
import { stopJobSender } from "@/lib/jobs/boss";

type Operation = { responses: Record<string, { content?: Record<string, unknown> }> };
const document = parse(readFileSync(path.join(process.cwd(), "docs", "openapi.yaml"), "utf8")) as { paths: Record<string, Record<string, Operation>> };
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema(document, "openapi");

const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll("~", "~0").replaceAll("/", "~1")).join("/");

/** Checks one answer against the document: the status is declared, and the body matches its schema. */
async function expectDocumented(name: EndpointName, response: Response, status: number) {
  const { path: route, method } = endpoints[name];
  expect(response.status, `${name}: ${response.status === status ? "" : await response.clone().text()}`).toBe(status);
  const declared = document.paths[route]?.[method.toLowerCase()]?.responses[status];
  expect(declared, `${name} answers ${status}, which the document does not declare`).toBeDefined();
  seen.add(`${name} ${status}`);
  if (status === 204) return expect(await response.text()).toBe("");
  const type = response.headers.get("content-type") ?? "";
  // A download is checked by its type: its body is cancelled, as a client that stops reading does,
  // which gives back the team's export slot for the next export
  if (type.startsWith("text/csv") || type === XLSX_MEDIA_TYPE) await response.body?.cancel();
  if (type.startsWith("text/csv")) return expect(declared!.content?.["text/csv"], `${name} ${status} CSV`).toBeDefined();
  if (type === XLSX_MEDIA_TYPE) return expect(declared!.content?.[XLSX_MEDIA_TYPE], `${name} ${status} xlsx`).toBeDefined();
  const validate = ajv.getSchema(`openapi#/${pointer("paths", route, method.toLowerCase(), "responses", String(status), "content", "application/json", "schema")}`)!;
  const body: unknown = await response.json();
  expect(validate(body) ? [] : validate.errors, `${name} ${status}: ${JSON.stringify(body).slice(0, 400)}`).toEqual([]);
  return body as Record<string, unknown> & { id?: string; version?: number };
}

const seen = new Set<string>();

describe("every endpoint answers as docs/openapi.yaml says", () => {
  let t: TestDatabase;
  let owner: TestUser, ann: TestUser, viewer: TestUser;
  let handlers: Map<string, RouteHandler["route"]>;
  let listId: string, entryId: string, noteId: string, contactId: string, viewId: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    t.useAsAppDatabase();
    owner = await signedInUser(t.db, "olive@a.example", "Team A", "owner");
    ann = await signedInUser(t.db, "ann@a.example", "Team A", "analyst");
    viewer = await signedInUser(t.db, "vic@a.example", "Team A", "viewer");
    handlers = new Map((await routeHandlers()).map((h) => [h.route.contract!.operationId, h.route]));
  });
  afterAll(() => t.drop());

  /** Calls the route handler of an operation as `user`, with path params, a query string and a JSON body. */
  function call(name: EndpointName, options: { user?: TestUser | null; params?: Record<string, string>; query?: string; body?: unknown } = {}) {
    const { path: route, method } = endpoints[name];
    const params = options.params ?? {};
    const url = route.replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(params[key]!)) + (options.query ? `?${options.query}` : "");
    const user = options.user === undefined ? ann : options.user;
    return handlers.get(name)!(apiRequest(url, { method, cookie: user?.cookie, body: options.body }), { params: Promise.resolve(params) });
  }

  it("health: 200 when the database answers, 503 when it does not", async () => {
    await expectDocumented("getHealth", await healthResponse(t.db), 200);
    const dead = createPrismaClient("postgresql://postgres:x@127.0.0.1:1/atlas");
    await expectDocumented("getHealth", await healthResponse(dead), 503);
    await dead.$disconnect();
  });

  it("me, organisations, service categories and the dashboard", async () => {
    await expectDocumented("getMe", await call("getMe"), 200);
    await expectDocumented("getMe", await call("getMe", { user: null }), 401);
    const page = await expectDocumented("listOrganisations", await call("listOrganisations", { query: "kind=icb,health-board&status=all&limit=60" }), 200);
    expect((page!.data as unknown[]).length).toBe(60);
    await expectDocumented("listOrganisations", await call("listOrganisations", { query: "q=manchester&status=closed&sort=relevance" }), 200);
    await expectDocumented("listOrganisations", await call("listOrganisations", { query: "kind=icb&format=csv" }), 200);
    await expectDocumented("listOrganisations", await call("listOrganisations", { query: "kind=icb&format=xlsx" }), 200);
    await expectDocumented("listOrganisations", await call("listOrganisations", { query: "kind=icb&format=pdf" }), 400);
    await expectDocumented("listOrganisations", await call("listOrganisations", { query: "kind=clinic" }), 400);
    for (const code of ["QYG", "QHM", "S08000020", "Y61", "A81001", "QHG", "S1Y5D"]) await expectDocumented("getOrganisation", await call("getOrganisation", { params: { code } }), 200);
    await expectDocumented("getOrganisation", await call("getOrganisation", { params: { code: "NOPE99" } }), 404);
    for (const code of ["QSL", "T6Y0W", "S08000020"]) await expectDocumented("getOrganisationProcurement", await call("getOrganisationProcurement", { params: { code } }), 200);
    await expectDocumented("getOrganisationProcurement", await call("getOrganisationProcurement", { params: { code: "NOPE99" } }), 404);
    // Registered patients, beside population: a value, its month and its source, or null where the data has none
    const byPatients = await expectDocumented("listOrganisations", await call("listOrganisations", { query: "kind=icb&min_patients=2000000&sort=-patients&limit=5" }), 200);
    const icbs = byPatients!.data as { registered_patients: { value: number; month: string } | null }[];
    expect(icbs.length).toBe(5);
    expect(icbs.every((r) => r.registered_patients !== null && r.registered_patients.value >= 2_000_000 && r.registered_patients.month === "2026-04")).toBe(true);
    expect(icbs.map((r) => r.registered_patients!.value)).toEqual(icbs.map((r) => r.registered_patients!.value).sort((a, b) => b - a));
    const qrl = await expectDocumented("getOrganisation", await call("getOrganisation", { params: { code: "QRL" } }), 200);
    expect(qrl).toMatchObject({ population: null, registered_patients: { value: expect.any(Number), month: "2026-04", source: expect.stringContaining("gp_registered_patients_2026_04.csv") } });
    const grampian = await expectDocumented("getOrganisation", await call("getOrganisation", { params: { code: "S08000020" } }), 200);
    expect(grampian!.registered_patients).toBeNull();
    await expectDocumented("listOrganisations", await call("listOrganisations", { query: "min_patients=lots" }), 400);
    await expectDocumented("listServiceCategories", await call("listServiceCategories"), 200);
    await expectDocumented("listServiceCategories", await call("listServiceCategories", { user: null }), 401);
    await expectDocumented("getDashboardChart", await call("getDashboardChart", { params: { chart: "bodies-by-kind" }, query: "nation=wales&bom=1" }), 200);
    await expectDocumented("getDashboardChart", await call("getDashboardChart", { params: { chart: "bodies-by-kind" }, query: "nation=wales&format=xlsx" }), 200);
    await expectDocumented("getDashboardChart", await call("getDashboardChart", { params: { chart: "bodies-by-kind" }, query: "format=pdf" }), 400);
    await expectDocumented("getDashboardChart", await call("getDashboardChart", { params: { chart: "pie" } }), 404);
    await expectDocumented("getDashboardChart", await call("getDashboardChart", { params: { chart: "pcn-sizes" }, query: "icb=not a code" }), 400);
  });

  it("target lists and their entries", async () => {
    const list = await expectDocumented("createTargetList", await call("createTargetList", { body: { name: "EPR 2027", description: "Acute trusts" } }), 201);
    listId = list!.id!;
    await expectDocumented("createTargetList", await call("createTargetList", { body: { name: "" } }), 400);
    await expectDocumented("createTargetList", await call("createTargetList", { user: viewer, body: { name: "Mine" } }), 403);
    await expectDocumented("listTargetLists", await call("listTargetLists"), 200);
    await expectDocumented("listTargetLists", await call("listTargetLists", { query: "archived=true" }), 400);
    await expectDocumented("getTargetList", await call("getTargetList", { params: { id: listId } }), 200);
    await expectDocumented("getTargetList", await call("getTargetList", { params: { id: "nope" } }), 404);
    await expectDocumented("updateTargetList", await call("updateTargetList", { params: { id: listId }, body: { name: "EPR 2028", version: 1 } }), 200);
    const stale = await expectDocumented("updateTargetList", await call("updateTargetList", { params: { id: listId }, body: { name: "EPR 2029", version: 1 } }), 409);
    expect(stale).toMatchObject({ error: { code: "conflict" } });
    await expectDocumented("updateTargetList", await call("updateTargetList", { params: { id: listId }, body: { archived: "yes" } }), 400);

    await expectDocumented("addEntries", await call("addEntries", { params: { id: listId }, body: { codes: ["QYG", "QHM", "S08000020", "A81001", "S1Y5D"] } }), 201);
    await expectDocumented("addEntries", await call("addEntries", { params: { id: listId }, body: { codes: ["QYG"] } }), 200);
    await expectDocumented("addEntries", await call("addEntries", { params: { id: listId }, body: { codes: ["NOTACODE"] } }), 400);
    await expectDocumented("addEntries", await call("addEntries", { params: { id: "nope" }, body: { codes: ["QYG"] } }), 404);
    const entries = await expectDocumented("listEntries", await call("listEntries", { params: { id: listId }, query: "sort=-name&limit=10" }), 200);
    entryId = (entries!.data as { id: string }[])[0]!.id;
    await expectDocumented("listEntries", await call("listEntries", { params: { id: listId }, query: "sort=size" }), 400);
    await expectDocumented("listEntries", await call("listEntries", { params: { id: "nope" } }), 404);
    const patch = { version: 1, stage: "engaged", owner_id: ann.userId, priority: "high", next_step: "Demo", next_step_date: "2026-12-10", tags: "epr,digital", estimated_value_gbp: 250000 };
    await expectDocumented("updateEntry", await call("updateEntry", { params: { id: listId, entryId }, body: patch }), 200);
    const conflict = await expectDocumented("updateEntry", await call("updateEntry", { params: { id: listId, entryId }, body: { version: 1, stage: "won" } }), 409);
    expect(conflict).toMatchObject({ error: { current: { stage: "engaged", version: 2 } } });
    await expectDocumented("updateEntry", await call("updateEntry", { params: { id: listId, entryId: "nope" }, body: { version: 1 } }), 404);
    // Frimley ICB split in April 2026: its entry moves to the successor chosen, and not without one
    await call("addEntries", { params: { id: listId }, body: { codes: ["QNQ"] } });
    const frimley = (await t.db.targetListEntry.findFirstOrThrow({ where: { listId, organisation: { code: "QNQ" } } })).id;
    await expectDocumented("moveEntry", await call("moveEntry", { params: { id: listId, entryId: frimley }, body: { version: 1 } }), 400);
    await expectDocumented("moveEntry", await call("moveEntry", { params: { id: listId, entryId: frimley }, body: { version: 2, to: "QRL" } }), 409);
    await expectDocumented("moveEntry", await call("moveEntry", { user: viewer, params: { id: listId, entryId: frimley }, body: { version: 1, to: "QRL" } }), 403);
    await expectDocumented("moveEntry", await call("moveEntry", { params: { id: listId, entryId: "nope" }, body: { version: 1, to: "QRL" } }), 404);
    const moved = await expectDocumented("moveEntry", await call("moveEntry", { params: { id: listId, entryId: frimley }, body: { version: 1, to: "QRL" } }), 200);
    expect(moved).toMatchObject({ outcome: "moved", from: { code: "QNQ" }, entry: { id: frimley, organisation: { code: "QRL" } } });
    await expectDocumented("exportTargetList", await call("exportTargetList", { params: { id: listId }, query: "bom=1" }), 200);
    await expectDocumented("exportTargetList", await call("exportTargetList", { params: { id: listId }, query: "format=xlsx" }), 200);
    await expectDocumented("exportTargetList", await call("exportTargetList", { params: { id: listId }, query: "format=pdf" }), 400);
    await expectDocumented("exportTargetList", await call("exportTargetList", { params: { id: "nope" } }), 404);
  });

  it("notes", async () => {
    const note = await expectDocumented("createOrganisationNote", await call("createOrganisationNote", { params: { code: "QYG" }, body: { body: "Met the **CCIO**" } }), 201);
    noteId = note!.id!;
    await expectDocumented("createOrganisationNote", await call("createOrganisationNote", { params: { code: "ZZZ999" }, body: { body: "Nobody" } }), 404);
    await expectDocumented("createOrganisationNote", await call("createOrganisationNote", { user: viewer, params: { code: "QYG" }, body: { body: "Hi" } }), 403);
    await expectDocumented("listOrganisationNotes", await call("listOrganisationNotes", { params: { code: "QYG" } }), 200);
    await expectDocumented("listOrganisationNotes", await call("listOrganisationNotes", { params: { code: "not a code" } }), 404);
    await expectDocumented("listNotes", await call("listNotes", { query: "q=ccio&limit=5" }), 200);
    await expectDocumented("listNotes", await call("listNotes", { query: "limit=0" }), 400);
    await expectDocumented("getNote", await call("getNote", { params: { id: noteId } }), 200);
    await expectDocumented("getNote", await call("getNote", { params: { id: "nope" } }), 404);
    const [entry] = (await t.db.targetListEntry.findMany({ where: { id: entryId }, select: { organisation: { select: { code: true } } } })).map((e) => e.organisation.code);
    const onEntry = await expectDocumented("createOrganisationNote", await call("createOrganisationNote", { params: { code: entry! }, body: { body: "On the list" } }), 201);
    await expectDocumented("updateNote", await call("updateNote", { params: { id: onEntry!.id! }, body: { body: "On the list, engaged", version: 1, entry_id: entryId } }), 200);
    await expectDocumented("updateNote", await call("updateNote", { params: { id: noteId }, body: { body: "Met the CCIO again", version: 1 } }), 200);
    await expectDocumented("updateNote", await call("updateNote", { params: { id: noteId }, body: { pinned: true } }), 200);
    const stale = await expectDocumented("updateNote", await call("updateNote", { params: { id: noteId }, body: { body: "Old", version: 1 } }), 409);
    expect(stale).toMatchObject({ error: { current: { version: 3 } } });
    await expectDocumented("updateNote", await call("updateNote", { params: { id: noteId }, body: { body: "", version: 3 } }), 400);
    await expectDocumented("deleteNote", await call("deleteNote", { params: { id: noteId }, query: "version=x" }), 400);
    await expectDocumented("deleteNote", await call("deleteNote", { params: { id: noteId }, query: "version=1" }), 409);
    await expectDocumented("deleteNote", await call("deleteNote", { params: { id: noteId }, query: "version=3" }), 200);
    await expectDocumented("deleteNote", await call("deleteNote", { params: { id: noteId } }), 404);
    await expectDocumented("restoreNote", await call("restoreNote", { params: { id: noteId } }), 200);
    await expectDocumented("restoreNote", await call("restoreNote", { params: { id: noteId } }), 409);
    await expectDocumented("restoreNote", await call("restoreNote", { params: { id: "nope" } }), 404);
    await expectDocumented("listNoteVersions", await call("listNoteVersions", { params: { id: noteId } }), 200);
    await expectDocumented("listNoteVersions", await call("listNoteVersions", { params: { id: "nope" } }), 404);
  });

  it("contacts", async () => {
    const contact = await expectDocumented("createContact", await call("createContact", { params: { code: "QYG" }, body: { name: "Dr Ada Jones", role: "CCIO", email: "Ada@NHS.net" } }), 201);
    contactId = contact!.id!;
    await expectDocumented("createContact", await call("createContact", { params: { code: "QYG" }, body: { name: "Bob", phone: "call me" } }), 400);
    await expectDocumented("createContact", await call("createContact", { params: { code: "ZZZ999" }, body: { name: "Bob" } }), 404);
    await expectDocumented("listContacts", await call("listContacts", { params: { code: "QYG" } }), 200);
    await expectDocumented("listContacts", await call("listContacts", { params: { code: "not a code" } }), 404);
    await expectDocumented("updateContact", await call("updateContact", { params: { id: contactId }, body: { name: "Dr Ada Jones", phone: "0161 000 0000", version: 1 } }), 200);
    const stale = await expectDocumented("updateContact", await call("updateContact", { params: { id: contactId }, body: { name: "Ada", version: 1 } }), 409);
    expect(stale).toMatchObject({ error: { current: { version: 2 } } });
    await expectDocumented("updateContact", await call("updateContact", { params: { id: "nope" }, body: { name: "Ada", version: 1 } }), 404);
    await expectDocumented("deleteContact", await call("deleteContact", { user: viewer, params: { id: contactId } }), 403);
    await expectDocumented("deleteContact", await call("deleteContact", { params: { id: contactId } }), 204);
    await expectDocumented("deleteContact", await call("deleteContact", { params: { id: contactId } }), 404);
  });

  it("saved views and the audit log", async () => {
    const view = await expectDocumented("createView", await call("createView", { body: { name: "ICBs of the North West", query: "?kind=icb&region=Y62" } }), 201);
    viewId = view!.id!;
    await expectDocumented("createView", await call("createView", { body: { name: "ICBs of the North West", query: "kind=icb" } }), 409);
    await expectDocumented("createView", await call("createView", { body: { name: "Spaces", query: "kind=icb region=Y62" } }), 400);
    await expectDocumented("listViews", await call("listViews"), 200);
    await expectDocumented("listViews", await call("listViews", { query: "limit=5" }), 400);
    await expectDocumented("getView", await call("getView", { params: { id: viewId } }), 200);
    await expectDocumented("getView", await call("getView", { params: { id: "nope" } }), 404);
    const audit = await expectDocumented("listAuditEvents", await call("listAuditEvents", { user: owner }), 200);
    expect((audit!.data as unknown[]).length).toBeGreaterThan(5);
    await expectDocumented("listAuditEvents", await call("listAuditEvents", { user: owner, query: "before=abc" }), 400);
    await expectDocumented("listAuditEvents", await call("listAuditEvents"), 403);
    const changes = await expectDocumented("listChanges", await call("listChanges", { query: "code=QHG&type=merged" }), 200);
    expect(changes).toMatchObject({ data: [{ type: "merged", date: "2026-04-01", codes: expect.arrayContaining(["QHG", "S1Y5D"]) }] });
    await expectDocumented("listChanges", await call("listChanges", { query: "since=yesterday" }), 400);
  });

  it("sessions", async () => {
    const sessions = await expectDocumented("listSessions", await call("listSessions"), 200);
    expect(sessions!.data).toEqual([expect.objectContaining({ id: sessionHandle(ann.sessionId), current: true })]);
    await expectDocumented("listSessions", await call("listSessions", { user: null }), 401);
    await expectDocumented("revokeSession", await call("revokeSession", { params: { id: sessionHandle(owner.sessionId) } }), 404);
    const spare = await signedInUser(t.db, "sam@a.example", "Team A", "viewer");
    await expectDocumented("revokeSession", await call("revokeSession", { user: spare, params: { id: sessionHandle(spare.sessionId) } }), 204);
  });

  it("matching accounts, as JSON and as CSV, by any role", async () => {
    const csv = (body: string, query = "") =>
      handlers.get("matchAccounts")!(
        new Request(`http://localhost:3000/api/v1/match${query}`, { method: "POST", headers: { cookie: viewer.cookie, "content-type": "text/csv", "x-forwarded-for": "203.0.113.9" }, body }),
        { params: Promise.resolve({}) },
      );
    const matched = await expectDocumented("matchAccounts", await call("matchAccounts", { user: viewer, body: { names: ["NHS Frimley ICB", "qyg", "Cheshire and Merseyside"] } }), 200);
    const results = matched!.data as { input: string; today: { code: string }[] }[];
    expect(results.map((r) => [r.input, r.today.map((b) => b.code).sort().join(" ")])).toEqual([
      ["NHS Frimley ICB", "QRL S0E4D S9B9J"],
      ["qyg", "QYG"],
      ["Cheshire and Merseyside", "QYG"],
    ]);
    const fromCsv = await expectDocumented("matchAccounts", await csv("owner,account\nAnn,NHS Frimley ICB\nBob,RXQ\n", "?column=account"), 200);
    expect((fromCsv!.data as { matched: { code: string } }[]).map((r) => r.matched.code)).toEqual(["QNQ", "RXQ"]);
    await expectDocumented("matchAccounts", await csv(""), 400);
    await expectDocumented("matchAccounts", await csv(`account\n${"x".repeat(MAX_MATCH_BYTES)}\n`), 400);
    await expectDocumented("matchAccounts", await csv("owner,account\nAnn,QYG\n", "?column=name"), 400);
    await expectDocumented("matchAccounts", await call("matchAccounts", { body: { names: [] } }), 400);
    await expectDocumented("matchAccounts", await call("matchAccounts", { body: { names: Array.from({ length: MAX_MATCH_ROWS + 1 }, () => "QYG") } }), 400);
    const unknown = await expectDocumented("matchAccounts", await call("matchAccounts", { body: { names: ["QYG"], threshold: 0.5 } }), 400);
    expect(unknown).toMatchObject({ error: { fields: { threshold: ["Unknown field"] } } });
    await expectDocumented("matchAccounts", await call("matchAccounts", { user: null, body: { names: ["QYG"] } }), 401);
  });

  it("notices and spend, with the data's coverage", async () => {
    // A real notice of nhs_procurement.csv (NHS BLMK ICB, QHG), reshaped into the model; and a real spend line of NHS Somerset CCG (11X)
    await t.db.$executeRawUnsafe("DELETE FROM procurement_release; DELETE FROM procurement_process; DELETE FROM spend_line");
    const notice = await t.db.procurementProcess.create({
      data: { ocid: "ocds-b5fd17-70fac9b8-dcfe-4b00-91a1-f10638dda1cc", source: "contracts-finder", origin: "reshaped", title: "1969 Section 12 (S12) Digital Solution Market Engagement for NHS BLMK ICB", status: "unknown", publishedAt: new Date("2025-04-17T00:00:00Z"), updatedAt: new Date("2025-04-17T00:00:00Z"), buyerName: "NHS Bedfordshire, Luton & Milton Keynes Integrated Care Board", buyerKey: "nhs bedfordshire luton milton keynes", buyerCode: "QHG", buyerMatchMethod: "name", buyerMatchedBy: "importer", compiled: { reshaped: true } },
    });
    await t.db.spendLine.create({ data: { payerName: "NHS Somerset CCG", payerCode: "11X", paymentDate: new Date("2021-04-30T00:00:00Z"), supplierName: "AIVEDA LTD", amount: 28349.91, source: "nhs_procurement.csv", lineKey: "contract-test#1" } });
    await refreshCoverage(t.db);
    const page = await expectDocumented("listNotices", await call("listNotices", { query: "buyer=S1Y5D&sort=-value&limit=5" }), 200);
    expect(page).toMatchObject({ data: [{ id: notice.id, relation: "predecessor" }], coverage: { sample_only: true } });
    await expectDocumented("listNotices", await call("listNotices", { query: "q=digital&format=csv" }), 200);
    await expectDocumented("listNotices", await call("listNotices", { query: "format=xlsx" }), 200);
    await expectDocumented("listNotices", await call("listNotices", { query: "ends_within_months=0" }), 400);
    await expectDocumented("getNotice", await call("getNotice", { params: { id: String(notice.id) } }), 200);
    await expectDocumented("getNotice", await call("getNotice", { params: { id: "0" } }), 404);
    const spend = await expectDocumented("listSpend", await call("listSpend", { query: "payer=QSL" }), 200);
    expect(spend).toMatchObject({ data: [{ payer_code: "11X", relation: "predecessor" }], total: 1 });
    await expectDocumented("listSpend", await call("listSpend", { query: "payer=QSL&format=csv" }), 200);
    await expectDocumented("listSpend", await call("listSpend"), 400);
  });

  it("members, invitations and API tokens", async () => {
    const member = await signedInUser(t.db, "mo@a.example", "Team A", "viewer");
    await expectDocumented("listMembers", await call("listMembers", { user: owner }), 200);
    await expectDocumented("listMembers", await call("listMembers"), 403);
    await expectDocumented("updateMember", await call("updateMember", { user: owner, params: { userId: member.userId }, body: { role: "analyst" } }), 200);
    await expectDocumented("updateMember", await call("updateMember", { user: owner, params: { userId: owner.userId }, body: { role: "admin" } }), 409);
    await expectDocumented("updateMember", await call("updateMember", { user: owner, params: { userId: "nobody" }, body: { role: "admin" } }), 404);
    await expectDocumented("updateMember", await call("updateMember", { params: { userId: member.userId }, body: { role: "viewer" } }), 403);
    const { token, id: tokenId } = await createApiToken(t.db, { userId: member.userId, teamId: member.teamId }, "Contract");
    await expectDocumented("listApiTokens", await call("listApiTokens", { user: owner }), 200);
    await expectDocumented("listApiTokens", await call("listApiTokens", { query: "user=x" }), 400);
    await expectDocumented("revokeApiToken", await call("revokeApiToken", { params: { id: tokenId } }), 404);
    await expectDocumented("revokeApiToken", await call("revokeApiToken", { user: owner, params: { id: tokenId } }), 204);
    expect(token).toMatch(/^atlas_/);
    const invitation = await createInvitation(t.db, (await authenticateRequest(t.db, apiRequest("/api/v1/me", { cookie: owner.cookie })))!, { email: "ina@a.example", role: "viewer" });
    await expectDocumented("listInvitations", await call("listInvitations", { user: owner }), 200);
    await expectDocumented("listInvitations", await call("listInvitations"), 403);
    await expectDocumented("revokeInvitation", await call("revokeInvitation", { user: owner, params: { id: invitation.id } }), 204);
    await expectDocumented("revokeInvitation", await call("revokeInvitation", { user: owner, params: { id: invitation.id } }), 404);
    await expectDocumented("removeMember", await call("removeMember", { params: { userId: member.userId } }), 403);
    await expectDocumented("removeMember", await call("removeMember", { user: owner, params: { userId: owner.userId } }), 409);
    await expectDocumented("removeMember", await call("removeMember", { user: owner, params: { userId: member.userId } }), 204);
    await expectDocumented("removeMember", await call("removeMember", { user: owner, params: { userId: member.userId } }), 404);
  });

  // ---------- webhooks (lib/alerts/webhooks.ts) ----------
  it("webhooks: create, list, update, deliveries, test, redeliver and delete", async () => {
    const other = await signedInUser(t.db, "otto@b.example", "Team B", "owner");
    // Port 9 (discard) on loopback refuses the connection: the test delivery fails at once, which is still a 201 with its outcome
    const created = await expectDocumented("createWebhook", await call("createWebhook", { user: owner, body: { url: "http://127.0.0.1:9/hook", events: ["notice.published"] } }), 201);
    expect(created!.secret).toMatch(/^whsec_/);
    const hookId = created!.id!;
    await expectDocumented("createWebhook", await call("createWebhook", { user: owner, body: { url: "ftp://x.example", events: ["notice.published"] } }), 400);
    await expectDocumented("createWebhook", await call("createWebhook", { body: { url: "https://x.example", events: ["notice.published"] } }), 403);
    await expectDocumented("listWebhooks", await call("listWebhooks", { user: owner }), 200);
    await expectDocumented("listWebhooks", await call("listWebhooks", { user: viewer }), 403);
    await expectDocumented("updateWebhook", await call("updateWebhook", { user: owner, params: { id: hookId }, body: { description: "CRM", version: 1 } }), 200);
    await expectDocumented("updateWebhook", await call("updateWebhook", { user: owner, params: { id: hookId }, body: { description: "Old", version: 1 } }), 409);
    await expectDocumented("updateWebhook", await call("updateWebhook", { user: other, params: { id: hookId }, body: { active: false, version: 2 } }), 404);
    const tested = await expectDocumented("testWebhook", await call("testWebhook", { user: owner, params: { id: hookId } }), 201);
    expect(tested).toMatchObject({ status: "failed", test: true });
    await expectDocumented("testWebhook", await call("testWebhook", { user: other, params: { id: hookId } }), 404);
    await expectDocumented("listWebhookDeliveries", await call("listWebhookDeliveries", { user: owner, params: { id: hookId }, query: "limit=5" }), 200);
    await expectDocumented("listWebhookDeliveries", await call("listWebhookDeliveries", { user: owner, params: { id: hookId }, query: "limit=500" }), 400);
    await expectDocumented("redeliverWebhookDelivery", await call("redeliverWebhookDelivery", { user: owner, params: { id: hookId, deliveryId: tested!.id! } }), 202);
    await expectDocumented("redeliverWebhookDelivery", await call("redeliverWebhookDelivery", { user: owner, params: { id: hookId, deliveryId: tested!.id! } }), 409);
    await expectDocumented("redeliverWebhookDelivery", await call("redeliverWebhookDelivery", { user: owner, params: { id: hookId, deliveryId: "0" } }), 404);
    await expectDocumented("deleteWebhook", await call("deleteWebhook", { user: viewer, params: { id: hookId } }), 403);
    await expectDocumented("deleteWebhook", await call("deleteWebhook", { user: owner, params: { id: hookId } }), 204);
    await expectDocumented("deleteWebhook", await call("deleteWebhook", { user: owner, params: { id: hookId } }), 404);
    await stopJobSender();
  });

  it("follows and notifications", async () => {
    const followed = await expectDocumented("createFollow", await call("createFollow", { body: { target: "organisation", code: "QHL", descendants: true } }), 201);
    await expectDocumented("createFollow", await call("createFollow", { body: { target: "organisation", code: "QHL", descendants: true } }), 200);
    await expectDocumented("createFollow", await call("createFollow", { body: { target: "list", id: "nope" } }), 404);
    await expectDocumented("createFollow", await call("createFollow", { body: { target: "organisation", code: "QHL", scope: "team" } }), 403);
    await expectDocumented("createFollow", await call("createFollow", { body: { target: "view" } }), 400);
    await expectDocumented("listFollows", await call("listFollows"), 200);
    await expectDocumented("listFollows", await call("listFollows", { user: null }), 401);
    await expectDocumented("deleteFollow", await call("deleteFollow", { body: { id: followed!.id } }), 200);
    await expectDocumented("deleteFollow", await call("deleteFollow", { body: { id: followed!.id } }), 404);
    await expectDocumented("deleteFollow", await call("deleteFollow", { body: { target: "organisation", code: "QHL", scope: "team" } }), 403);
    const event = await t.db.alertEvent.create({ data: { teamId: ann.teamId, kind: "notice.published", key: "contract-test", organisationCode: "QHL", title: "A tender", link: "/contracts/1", source: "Find a Tender OCDS release", occurredAt: new Date() } });
    const notification = await t.db.notification.create({ data: { eventId: event.id, teamId: ann.teamId, userId: ann.userId, kind: "notice.published" } });
    const inbox = await expectDocumented("listNotifications", await call("listNotifications", { query: "unread=1&limit=10" }), 200);
    expect(inbox).toMatchObject({ data: [{ id: String(notification.id), organisation: { code: "QHL" } }], unread: 1 });
    await expectDocumented("listNotifications", await call("listNotifications", { query: "before=yesterday" }), 400);
    await expectDocumented("markNotificationsRead", await call("markNotificationsRead", { body: { ids: [String(notification.id)] } }), 200);
    await expectDocumented("markNotificationsRead", await call("markNotificationsRead", { body: { all: "yes" } }), 400);
  });

  it("answers an unknown query parameter with the same 400 on every endpoint", async () => {
    for (const name of Object.keys(endpoints) as EndpointName[]) {
      if (name === "getHealth") continue;
      const response = await call(name, { user: owner, params: { id: "sample", entryId: "sample", code: "QYG", chart: "pcn-sizes" }, query: "foo=1", body: endpoints[name].method === "GET" ? undefined : {} });
      expect(await expectDocumented(name, response, 400), name).toEqual({ error: { code: "invalid", message: 'Unknown parameter "foo".', fields: { foo: ["Unknown parameter"] } } });
    }
  });

  it("answers a body field a write does not know with a 400 naming it", async () => {
    for (const [name, contract] of Object.entries(endpoints) as [EndpointName, (typeof endpoints)[EndpointName]][]) {
      if (!("body" in contract)) continue;
      const response = await call(name, { user: owner, params: { id: listId, entryId, code: "QYG" }, body: { sneaky: true } });
      expect(await expectDocumented(name, response, 400), name).toEqual({ error: { code: "invalid", message: 'Unknown field "sneaky".', fields: { sneaky: ["Unknown field"] } } });
    }
  });

  it("has exercised a success and an error of every operation", () => {
    for (const name of Object.keys(endpoints)) {
      const statuses = [...seen].filter((s) => s.startsWith(`${name} `)).map((s) => Number(s.split(" ")[1]));
      expect(statuses.some((s) => s < 300), `${name} success`).toBe(true);
      expect(statuses.some((s) => s >= 400), `${name} error`).toBe(true);
    }
  });
});
