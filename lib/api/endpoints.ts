// Every endpoint of the API, one contract each. A route handler is `withApiAuth(endpoints.x, ...)`;
// `npm run openapi` writes docs/openapi.yaml from this list. Query and body schemas are the ones
// the domain validates with (lib/<domain>), with the descriptions the document shows.
import { z } from "zod";
import { changeRoleSchema } from "@/lib/auth/members";
import { idSchema } from "@/lib/auth/validation";
import { auditQuerySchema } from "@/lib/audit";
import { contactFieldsSchema } from "@/lib/contacts";
import { DASHBOARD_CHARTS } from "@/lib/dashboard/csv";
import { dashboardFilterSchema } from "@/lib/dashboard/params";
import { changesFeedSchema } from "@/lib/changes";
import { CHANGE_TYPES, CHANGE_TYPE_TEXT } from "@/lib/changes/vocabulary";
import { noteBodySchema, notesFeedSchema, updateNoteSchema } from "@/lib/notes";
import { exportFormatSchema } from "@/lib/export";
import { matchNamesBodySchema, matchQuerySchema } from "@/lib/matching";
import { MAX_MATCH_ROWS } from "@/lib/matching/vocabulary";
import { explorerFilterSchema, explorerPageSchema } from "@/lib/organisations/explorer";
import { organisationCodeSchema } from "@/lib/organisations/read";
import { NATIONS, ORGANISATION_KINDS } from "@/lib/organisations/vocabulary";
import { createTargetListSchema, updateTargetListSchema } from "@/lib/target-lists";
import { entriesQuerySchema, updateEntrySchema } from "@/lib/target-lists/entries";
import { moveEntrySchema } from "@/lib/target-lists/moves";
import { createViewSchema } from "@/lib/views";
import { followSchema, unfollowSchema } from "@/lib/alerts/follows";
import { markReadSchema, notificationsFeedSchema } from "@/lib/alerts/notifications";
import { noticeFilterSchema, noticesPageSchema } from "@/lib/procurement/notices";
import { spendFilterSchema, spendPageSchema } from "@/lib/procurement/spend";
import { NOTICE_STATUSES } from "@/lib/procurement/vocabulary";
import { createWebhookSchema, deliveriesQuerySchema, updateWebhookSchema } from "@/lib/alerts/webhooks";
import { defineEndpoint, type ApiContract } from "./contract";
import * as s from "./schemas";

/** The same field schemas, each with the description the document shows beside it. */
function described<T extends Record<string, z.ZodType>>(shape: T, descriptions: Partial<Record<keyof T, string>>) {
  return z.object(Object.fromEntries(Object.entries(shape).map(([key, field]) => [key, descriptions[key] ? field.describe(descriptions[key]) : field])) as T);
}

const CSV_CELLS = "RFC 4180; cells starting with = + - @ tab or CR are prefixed with an apostrophe";
const XLSX_CELLS = "One sheet, its header row frozen and filtered; codes are text, figures numbers, dates and timestamps (UTC) dates; no cell is a formula";
const bom = z.enum(["1", "true"]).optional().describe("CSV only: 1 adds a UTF-8 byte-order mark");
const format = exportFormatSchema.default("csv").describe("csv (for integrations), or xlsx: an Excel workbook for people");
const codeParams = z.object({ code: organisationCodeSchema.describe("An organisation code, e.g. QYG") });
const idParams = z.object({ id: idSchema });
const userParams = z.object({ userId: idSchema.describe("The member's user id") });
const notFound = (what: string) => ({ 404: { description: `${what} is not one of your team's (or does not exist)` } });
/** A CSV or Excel request while the team's export slots are all streaming (lib/db/pool.ts cursorBatches) */
const exportsBusy = { 429: { description: "Your team already has EXPORT_CONCURRENCY_PER_TEAM (default 2) exports streaming: retry after the Retry-After seconds (error.code throttled); no byte of the file was sent" } };
const version = z.coerce.number().int().positive().describe("The version you edited: a stale one answers 409");

const organisationQuery = described(
  { ...explorerFilterSchema.shape, ...explorerPageSchema.shape, format: exportFormatSchema.optional(), bom, view: z.string().optional(), page: z.string().optional(), size: z.string().optional(), columns: z.string().optional() },
  {
    nation: `Comma-separated nations, e.g. england,wales; one of ${NATIONS.join(", ")}`,
    kind: `Comma-separated kinds, e.g. icb,health-board; one of ${ORGANISATION_KINDS.join(", ")}`,
    region: "NHS England region code, e.g. Y61",
    parent: "Code of the parent body: all PCNs of a sub-ICB location, all ICBs of a region",
    commissions: "Service category slug (see /api/v1/service-categories): bodies that commission it",
    status: "With q, closed bodies that match are included (ranked last) even under open; unknown: bodies whose status no source gives",
    q: "Free text on name, code and former names; tolerant of typos and word order",
    min_population: "Resident population (ONS, NRS or NISRA estimate)",
    max_population: "Resident population (ONS, NRS or NISRA estimate)",
    min_patients: "Registered patients (NHS England's GP practice file, April 2026)",
    max_patients: "Registered patients (NHS England's GP practice file, April 2026)",
    min_allocation: "£ millions",
    max_allocation: "£ millions",
    list: "A target list id of your team, or 'any'",
    stage: "Needs list",
    has_notes: "Bodies with (or without) notes from your team",
    contract_ending_within_months: "Bodies with a contract ending from today to N months on (1-120), in a notice they published or a body they succeeded published; not counting bodies below them",
    open_tenders: "1: bodies with a tender open for bids (deadline not passed, or not given), published by them or a body they succeeded; not counting bodies below them",
    sort: "Default: relevance with q, else name; population is resident population, patients registered patients; - for descending, blanks last",
    cursor: "next_cursor of the previous page (opaque)",
    format: "Stream every matching row as an Excel workbook (xlsx) or as CSV (csv), instead of a page of JSON; or send Accept: text/csv or the xlsx media type",
    view: "Name used in the download's filename",
    page: "The explorer page's own parameter: accepted and ignored here (use cursor)",
    size: "The explorer page's own parameter: accepted and ignored here (use limit)",
    columns: "The explorer page's own parameter: accepted and ignored here",
  },
);

const noticeQuery = described(
  { ...noticeFilterSchema.shape, ...noticesPageSchema.shape, format: exportFormatSchema.optional(), bom, view: z.string().optional(), page: z.string().optional(), size: z.string().optional(), columns: z.string().optional() },
  {
    q: "Keywords over title and description (web search syntax: \"exact phrase\", or, -word), in English stemming",
    buyer: "A body's code: its notices, those of every body below it (an ICB's trusts) and of the bodies it succeeded (CCGs, merged ICBs); each notice then carries its relation",
    nation: `Comma-separated nations of the matched buyer, e.g. england,wales; one of ${NATIONS.join(", ")}`,
    cpv: "A CPV division (2 digits, e.g. 85 health and social work) or a full code (8 digits, check digit optional)",
    supplier: "Part of a supplier's name, any case",
    status: `Comma-separated; one of ${NOTICE_STATUSES.join(", ")}`,
    min_value: "£, on the maximum value (or the minimum when no maximum is given)",
    max_value: "£, on the maximum value (or the minimum when no maximum is given)",
    published_from: "Published on or after this date, YYYY-MM-DD",
    published_to: "Published on or before this date, YYYY-MM-DD",
    ends_within_months: "Contract ends between today and the same day N months on, both included (UK date)",
    open: "1: open for bids (status open, and the tender deadline has not passed or is not given)",
    sort: "Default: -published (newest first), with or without q; relevance (needs q) ranks the matches; - for descending; blanks last; ties by notice id",
    cursor: "next_cursor of the previous page (opaque)",
    format: "Stream every matching notice as CSV (csv) or an Excel workbook (xlsx), instead of a page of JSON",
    view: "Name used in the download's filename",
    page: "The contracts page's own parameter: accepted and ignored here (use cursor)",
    size: "The contracts page's own parameter: accepted and ignored here (use limit)",
    columns: "The contracts page's own parameter: accepted and ignored here",
  },
);

const spendQuery = described(
  { ...spendFilterSchema.shape, ...spendPageSchema.shape, format: exportFormatSchema.optional(), bom },
  {
    payer: "A body's code (required): its payments, those of the bodies below it and of the bodies it succeeded (e.g. QSL with NHS Somerset CCG's, 11X)",
    from: "Paid on or after this date, YYYY-MM-DD",
    to: "Paid on or before this date, YYYY-MM-DD",
    supplier: "Part of the supplier's name as published, any case",
    sort: "-date (newest first, the default) or date; ties in the order loaded",
    format: "Stream every matching line as CSV (csv) or an Excel workbook (xlsx), instead of a page of JSON",
  },
);

const updateNoteBody = z.union([
  z
    .object({
      body: noteBodySchema,
      version: updateNoteSchema.shape.version.describe("The version you edited: a stale one answers 409 with the current text"),
      entry_id: updateNoteSchema.shape.entryId.describe("A list entry of your team for this body, or null"),
      contact_id: updateNoteSchema.shape.contactId.describe("A contact of your team at this body, or null"),
    })
    .strict(),
  z.object({ pinned: z.boolean() }).strict(),
]);

const webhookParams = z.object({ id: idSchema.describe("The webhook's id") });
const deliveryParams = webhookParams.extend({ deliveryId: z.string().regex(/^\d{1,19}$/).describe("The delivery's id") });
const adminsOnly = { 403: { description: "Not an admin or owner of the team" } };

const updateTargetListBody = z.union([updateTargetListSchema.omit({ id: true }).strict(), z.object({ archived: z.boolean().describe("true archives, false restores") }).strict()]);

const entry = updateEntrySchema.shape;
const updateEntryBody = z
  .object({
    version: entry.version.describe("The version you edited: a stale one answers 409 with the current entry"),
    stage: entry.stage,
    lost_reason: entry.lostReason.describe("Required when the stage is lost"),
    owner_id: entry.ownerId.describe("A member of your team, or null"),
    priority: entry.priority,
    next_step: entry.nextStep,
    next_step_date: entry.nextStepDate,
    tags: entry.tags.describe("A list, or one comma-separated string; stored lower-case, without repeats"),
    estimated_value_gbp: entry.estimatedValueGbp.describe("Pounds"),
  })
  .strict();

const addEntriesBody = z
  .object({
    codes: z.array(z.string()).optional().describe("Organisation codes to add"),
    filter: z.string().optional().describe("An explorer query string: every body it matches is added"),
  })
  .strict();

const moveEntryBody = z
  .object({
    to: moveEntrySchema.shape.to.describe("The successor to move to: needed when the body split, and must be one of the open bodies its successions lead to"),
    version: moveEntrySchema.shape.version.describe("The version of the entry you saw: a stale one answers 409 and nothing moves"),
  })
  .strict();

export const endpoints = {
  getHealth: defineEndpoint({
    operationId: "getHealth",
    method: "GET",
    path: "/api/health",
    access: "public",
    tag: "health",
    summary: "Health of the app and its database",
    description: "Public so that load balancers can call it. Answers within 3 s whatever the database does.",
    responses: { 200: { description: "The database answers", schema: s.healthSchema }, 503: { description: "Database unreachable", schema: s.healthSchema } },
  }),
  getMe: defineEndpoint({
    operationId: "getMe",
    method: "GET",
    path: "/api/v1/me",
    access: "read",
    tag: "me",
    summary: "Who the token or session is",
    responses: { 200: { description: "User, team and role", schema: s.meSchema } },
  }),
  listSessions: defineEndpoint({
    operationId: "listSessions",
    method: "GET",
    path: "/api/v1/sessions",
    access: "read",
    tag: "me",
    summary: "Your active browser sessions, across your teams, last used first",
    responses: { 200: { description: "The sessions", schema: s.dataOf(s.sessionSchema) } },
  }),
  revokeSession: defineEndpoint({
    operationId: "revokeSession",
    method: "DELETE",
    path: "/api/v1/sessions/{id}",
    access: "read",
    tag: "me",
    summary: "End one of your sessions: its next request needs a sign-in",
    params: idParams,
    responses: { 204: { description: "Ended" }, 404: { description: "The session is not one of yours, has ended, or does not exist" } },
  }),
  listOrganisations: defineEndpoint({
    operationId: "listOrganisations",
    method: "GET",
    path: "/api/v1/organisations",
    access: "read",
    tag: "organisations",
    summary: "Search and filter the bodies of the four nations",
    query: organisationQuery,
    responses: { 200: { description: "One page, or the whole result as Excel or CSV", schema: s.organisationPageSchema, csv: CSV_CELLS, xlsx: XLSX_CELLS }, ...exportsBusy },
  }),
  getOrganisation: defineEndpoint({
    operationId: "getOrganisation",
    method: "GET",
    path: "/api/v1/organisations/{code}",
    access: "read",
    tag: "organisations",
    summary: "One body with its parent chain, children counts, succession and what it commissions",
    params: codeParams,
    responses: { 200: { description: "The body", schema: s.organisationDetailSchema }, 404: { description: "No body has that code" } },
  }),
  getOrganisationProcurement: defineEndpoint({
    operationId: "getOrganisationProcurement",
    method: "GET",
    path: "/api/v1/organisations/{code}/procurement",
    access: "read",
    tag: "procurement",
    summary: "A body's procurement: open tenders, contracts ending in 18 months, top suppliers, notices per quarter, spend over £25k",
    description: [
      "Counts the notices and payments of the body, every body below it (an ICB's trusts and sub-ICB locations) and every body it succeeded",
      "(a CCG under its sub-ICB location, a 2022-2026 ICB under its 2026 successor); each row says which by its relation.",
      "Lists hold their first 10 rows: the rest are on /contracts?buyer={code}. Values are as published and may be ranges.",
      "The data is partial: coverage says how far it reaches.",
    ].join(" "),
    params: codeParams,
    responses: { 200: { description: "The body's procurement, with coverage", schema: s.procurementProfileSchema }, 404: { description: "No body has that code" } },
  }),
  listServiceCategories: defineEndpoint({
    operationId: "listServiceCategories",
    method: "GET",
    path: "/api/v1/service-categories",
    access: "read",
    tag: "organisations",
    summary: "Service categories of who-commissions-what, with the nations each covers",
    responses: { 200: { description: "Every category", schema: s.serviceCategoriesSchema } },
  }),
  getDashboardChart: defineEndpoint({
    operationId: "getDashboardChart",
    method: "GET",
    path: "/api/v1/dashboard/{chart}",
    access: "read",
    tag: "dashboard",
    summary: "The figures behind one dashboard chart, as CSV or Excel",
    description: [
      "The same aggregates the dashboard draws, computed in PostgreSQL. Reference data:",
      "population-allocation (ICBs, health boards, LHBs and area HSC trusts with resident population,",
      "registered patients (England, April 2026), 2025/26 allocation in £ thousands, £ per resident and",
      "£ per registered patient), bodies-by-kind (open bodies per nation and kind),",
      "pcn-sizes (PCNs per band of registered patients, April 2026, and per number of",
      "member practices), who-commissions (service categories per kind of commissioner and nation, by",
      "arrangement). Your team's: pipeline (entries and estimated value per stage), coverage (ICBs and",
      "boards on any active list, per region or nation), notes-activity (notes per week and author, last",
      "26 weeks), overdue (open entries past their next-step date, per list). Archived lists are left",
      "out. An unknown parameter or value answers 400; another team's or an archived list, 404.",
    ].join(" "),
    params: z.object({ chart: z.enum(Object.keys(DASHBOARD_CHARTS) as [keyof typeof DASHBOARD_CHARTS]) }),
    query: described(
      { ...dashboardFilterSchema.shape, format, bom },
      { region: "An NHS England region code (Y56 ... Y63)", icb: "An ICB code, for pcn-sizes", list: "A target list id of your team, for pipeline" },
    ),
    responses: { 200: { description: "CSV or an Excel workbook, with a header row", csv: CSV_CELLS, xlsx: XLSX_CELLS }, 404: { description: "An unknown chart, or a list that is not one of your team's active lists" } },
  }),
  listTargetLists: defineEndpoint({
    operationId: "listTargetLists",
    method: "GET",
    path: "/api/v1/target-lists",
    access: "read",
    tag: "target-lists",
    summary: "Your team's target lists (archived ones left out)",
    responses: { 200: { description: "The lists, most recently changed first", schema: s.dataOf(s.targetListSchema) } },
  }),
  createTargetList: defineEndpoint({
    operationId: "createTargetList",
    method: "POST",
    path: "/api/v1/target-lists",
    access: "write",
    tag: "target-lists",
    summary: "Create a list (analyst or above)",
    body: createTargetListSchema.strict(),
    responses: { 201: { description: "The list", schema: s.targetListSchema } },
  }),
  getTargetList: defineEndpoint({
    operationId: "getTargetList",
    method: "GET",
    path: "/api/v1/target-lists/{id}",
    access: "read",
    tag: "target-lists",
    summary: "One of your team's lists",
    params: idParams,
    responses: { 200: { description: "The list", schema: s.targetListSchema }, ...notFound("The list") },
  }),
  updateTargetList: defineEndpoint({
    operationId: "updateTargetList",
    method: "PATCH",
    path: "/api/v1/target-lists/{id}",
    access: "write",
    tag: "target-lists",
    summary: "Rename or describe (send the version you edited), or archive and restore",
    description: '{"name","description","version"} renames: a stale version answers 409. {"archived": true|false} archives or restores.',
    params: idParams,
    body: updateTargetListBody,
    responses: { 200: { description: "The list", schema: s.targetListSchema }, ...notFound("The list"), 409: { description: "Someone changed the list since you opened it" } },
  }),
  listEntries: defineEndpoint({
    operationId: "listEntries",
    method: "GET",
    path: "/api/v1/target-lists/{id}/entries",
    access: "read",
    tag: "target-lists",
    summary: "A page of a list's entries, filtered, searched and sorted",
    params: idParams,
    query: described(entriesQuerySchema.shape, {
      q: "Matches name, code or tag",
      owner: "A user id, or none for unassigned entries",
      sort: "stage follows the pipeline, priority runs high first; - for descending; blanks last; name when not given",
    }),
    responses: {
      200: { description: "Entries with the body's ICB or board and, for a closed body, its successors", schema: z.object({ data: z.array(s.listEntrySchema), total: z.number().int() }) },
      ...notFound("The list"),
    },
  }),
  addEntries: defineEndpoint({
    operationId: "addEntries",
    method: "POST",
    path: "/api/v1/target-lists/{id}/entries",
    access: "write",
    tag: "target-lists",
    summary: "Add bodies by code or by explorer filter, all in one transaction or none",
    description: 'Send either {"codes": [...]} or {"filter": "kind=icb&region=Y61"}. An unknown code adds nothing and answers 400. Bodies already on the list are counted, not changed.',
    params: idParams,
    body: addEntriesBody,
    responses: {
      201: { description: "Some bodies were added", schema: s.addedEntriesSchema },
      200: { description: "Every body was on the list already", schema: s.addedEntriesSchema },
      ...notFound("The list (or it is archived)"),
    },
  }),
  updateEntry: defineEndpoint({
    operationId: "updateEntry",
    method: "PATCH",
    path: "/api/v1/target-lists/{id}/entries/{entryId}",
    access: "write",
    tag: "target-lists",
    summary: "Change an entry's stage, owner, priority, next step, tags or value",
    params: z.object({ id: idSchema, entryId: idSchema }),
    body: updateEntryBody,
    responses: {
      200: { description: "The entry", schema: s.entrySchema },
      ...notFound("The entry"),
      409: { description: "A stale version, or an archived list: error.current is the entry as it is now" },
    },
  }),
  moveEntry: defineEndpoint({
    operationId: "moveEntry",
    method: "POST",
    path: "/api/v1/target-lists/{id}/entries/{entryId}/move",
    access: "write",
    tag: "target-lists",
    summary: "Move an entry on a closed body to the body that took over, keeping its fields",
    description:
      "Follows the body's successions to the first open body along each chain. Stage, owner, value, tags, priority and next step are kept and the entry's history records where it came from. When the successor is already on the list, that entry is kept (named in the answer) and the moved entry's fields go into its history. Notes stay on the predecessor's code. One transaction: a failure moves nothing.",
    params: z.object({ id: idSchema, entryId: idSchema }),
    body: moveEntryBody,
    responses: {
      200: { description: "The entry that is kept, and how it got there", schema: s.movedEntrySchema },
      ...notFound("The entry"),
      409: { description: "A stale version, or an archived list: error.current is the entry as it is now; nothing moved" },
    },
  }),
  exportTargetList: defineEndpoint({
    operationId: "exportTargetList",
    method: "GET",
    path: "/api/v1/target-lists/{id}/export.csv",
    access: "read",
    tag: "target-lists",
    summary: "Every entry of a list, streamed as CSV or Excel, with the body's ICB or board, population and last note",
    description: "The path keeps its name for the integrations that call it: format=xlsx answers an Excel workbook of the same rows.",
    params: idParams,
    query: z.object({ format, bom }),
    responses: { 200: { description: "CSV or an Excel workbook, with a header row", csv: CSV_CELLS, xlsx: XLSX_CELLS }, ...notFound("The list"), ...exportsBusy },
  }),
  listOrganisationNotes: defineEndpoint({
    operationId: "listOrganisationNotes",
    method: "GET",
    path: "/api/v1/organisations/{code}/notes",
    access: "read",
    tag: "notes",
    summary: "Your team's notes on a body, pinned first, then newest first",
    params: codeParams,
    responses: { 200: { description: "The notes (at most 200)", schema: s.dataOf(s.noteSchema) }, 404: { description: "The code is malformed" } },
  }),
  createOrganisationNote: defineEndpoint({
    operationId: "createOrganisationNote",
    method: "POST",
    path: "/api/v1/organisations/{code}/notes",
    access: "write",
    tag: "notes",
    summary: "Add a note (analyst or above)",
    params: codeParams,
    body: z.object({ body: noteBodySchema.describe("Markdown, at most 20,000 characters") }).strict(),
    responses: { 201: { description: "The note", schema: s.noteSchema }, 404: { description: "No body has that code" } },
  }),
  listNotes: defineEndpoint({
    operationId: "listNotes",
    method: "GET",
    path: "/api/v1/notes",
    access: "read",
    tag: "notes",
    summary: "Your team's notes feed, newest first",
    query: described(notesFeedSchema.shape, {
      q: "Full text, English stemming (meetings finds meeting)",
      author: "A user id",
      list: "A target list id: notes on the bodies on it",
      organisation: "An organisation code",
      before: "next_before of the previous page",
    }),
    responses: { 200: { description: "One page of notes", schema: z.object({ data: z.array(s.noteSchema), next_before: z.iso.datetime().nullable().describe("Pass as before for the next page; null on the last") }) } },
  }),
  getNote: defineEndpoint({
    operationId: "getNote",
    method: "GET",
    path: "/api/v1/notes/{id}",
    access: "read",
    tag: "notes",
    summary: "A note of your team",
    params: idParams,
    responses: { 200: { description: "The note", schema: s.noteSchema }, ...notFound("The note") },
  }),
  updateNote: defineEndpoint({
    operationId: "updateNote",
    method: "PATCH",
    path: "/api/v1/notes/{id}",
    access: "write",
    tag: "notes",
    summary: "Edit a note's text (send the version you edited), or pin and unpin it",
    description: '{"body","version"} edits: a stale version answers 409 with the current text in error.current. {"pinned": true|false} pins.',
    params: idParams,
    body: updateNoteBody,
    responses: { 200: { description: "The note", schema: s.noteSchema }, ...notFound("The note"), 409: { description: "The note changed since you opened it: error.current holds its text and version" } },
  }),
  deleteNote: defineEndpoint({
    operationId: "deleteNote",
    method: "DELETE",
    path: "/api/v1/notes/{id}",
    access: "write",
    tag: "notes",
    summary: "Delete a note (soft: it and its history stay and can be restored)",
    params: idParams,
    query: z.object({ version: version.optional().describe("Guards against deleting a newer edit: a stale one answers 409") }),
    responses: { 200: { description: "The note, now deleted", schema: s.noteSchema }, ...notFound("The note"), 409: { description: "The note changed since that version" } },
  }),
  restoreNote: defineEndpoint({
    operationId: "restoreNote",
    method: "POST",
    path: "/api/v1/notes/{id}/restore",
    access: "write",
    tag: "notes",
    summary: "Restore a deleted note",
    params: idParams,
    responses: { 200: { description: "The note, restored", schema: s.noteSchema }, ...notFound("The note"), 409: { description: "The note is not deleted" } },
  }),
  listNoteVersions: defineEndpoint({
    operationId: "listNoteVersions",
    method: "GET",
    path: "/api/v1/notes/{id}/versions",
    access: "read",
    tag: "notes",
    summary: "Every version of a note, newest first, with author and time",
    params: idParams,
    responses: { 200: { description: "The versions", schema: s.dataOf(s.noteVersionSchema) }, ...notFound("The note") },
  }),
  listContacts: defineEndpoint({
    operationId: "listContacts",
    method: "GET",
    path: "/api/v1/organisations/{code}/contacts",
    access: "read",
    tag: "contacts",
    summary: "Your team's contacts at a body, by name",
    params: codeParams,
    responses: { 200: { description: "The contacts", schema: s.dataOf(s.contactSchema) }, 404: { description: "The code is malformed" } },
  }),
  createContact: defineEndpoint({
    operationId: "createContact",
    method: "POST",
    path: "/api/v1/organisations/{code}/contacts",
    access: "write",
    tag: "contacts",
    summary: "Add a contact at a body (analyst or above)",
    params: codeParams,
    body: contactFieldsSchema.strict(),
    responses: { 201: { description: "The contact", schema: s.contactSchema }, 404: { description: "No body has that code" } },
  }),
  updateContact: defineEndpoint({
    operationId: "updateContact",
    method: "PATCH",
    path: "/api/v1/contacts/{id}",
    access: "write",
    tag: "contacts",
    summary: "Change a contact (send the version you edited)",
    params: idParams,
    body: contactFieldsSchema.extend({ version }).strict(),
    responses: { 200: { description: "The contact", schema: s.contactSchema }, ...notFound("The contact"), 409: { description: "Someone changed the contact: error.current is the contact as it was before your edit" } },
  }),
  deleteContact: defineEndpoint({
    operationId: "deleteContact",
    method: "DELETE",
    path: "/api/v1/contacts/{id}",
    access: "write",
    tag: "contacts",
    summary: "Delete a contact",
    params: idParams,
    responses: { 204: { description: "Deleted" }, ...notFound("The contact") },
  }),
  listViews: defineEndpoint({
    operationId: "listViews",
    method: "GET",
    path: "/api/v1/views",
    access: "read",
    tag: "views",
    summary: "Your team's saved views of the explorer and the contracts page, by page and name",
    responses: { 200: { description: "The views", schema: s.dataOf(s.viewSchema) } },
  }),
  createView: defineEndpoint({
    operationId: "createView",
    method: "POST",
    path: "/api/v1/views",
    access: "write",
    tag: "views",
    summary: "Save a view (analyst or above)",
    body: createViewSchema.strict(),
    responses: { 201: { description: "The view", schema: s.viewSchema }, 409: { description: "Your team already has a view of that name" } },
  }),
  getView: defineEndpoint({
    operationId: "getView",
    method: "GET",
    path: "/api/v1/views/{id}",
    access: "read",
    tag: "views",
    summary: "A saved view of your team",
    params: idParams,
    responses: { 200: { description: "The view", schema: s.viewSchema }, ...notFound("The view") },
  }),
  listAuditEvents: defineEndpoint({
    operationId: "listAuditEvents",
    method: "GET",
    path: "/api/v1/audit",
    access: "manage",
    tag: "audit",
    summary: "Your team's audit log, newest first (admins and owners)",
    query: described(auditQuerySchema.shape, { before: "next_before of the previous page" }),
    responses: { 200: { description: "50 events", schema: z.object({ data: z.array(s.auditEventSchema), next_before: z.string().nullable() }) } },
  }),
  listChanges: defineEndpoint({
    operationId: "listChanges",
    method: "GET",
    path: "/api/v1/changes",
    access: "read",
    tag: "changes",
    summary: "What changed in the reference data, newest first",
    description: "Every reference import records what it changed; history in the data (mergers, splits, closures, CCGs to ICBs) is there too, dated when it happened. Reference data, so the same for every team.",
    query: described(changesFeedSchema.shape, {
      since: "On or after this date, YYYY-MM-DD",
      until: "On or before this date, YYYY-MM-DD",
      nation: `One of ${NATIONS.join(", ")}`,
      kind: "Changes touching a body of this kind",
      type: `One of ${CHANGE_TYPES.map((type) => `${type} (${CHANGE_TYPE_TEXT[type].means})`).join(", ")}`,
      code: "Changes touching this body, e.g. QHG",
      before: "next_before of the previous page",
    }),
    responses: { 200: { description: "One page of changes", schema: z.object({ data: z.array(s.changeSchema), next_before: z.string().nullable().describe("Pass as before for the next page; null on the last") }) } },
  }),
  matchAccounts: defineEndpoint({
    operationId: "matchAccounts",
    method: "POST",
    path: "/api/v1/match",
    access: "read",
    tag: "matching",
    summary: "Match account names and codes (old CCG, ICB and trust names, misspellings, Welsh names) to today's bodies",
    description: [
      'Send {"names": [...]} as JSON, or a CSV with a header row as text/csv: its first column, or the one column= names.',
      `At most ${MAX_MATCH_ROWS.toLocaleString("en-GB")} names and 5 MB; an empty or larger body answers 400.`,
      "One result per input, in order. Names are compared without case, punctuation, accents, NHS, and the words",
      "Integrated Care Board/ICB, Clinical Commissioning Group/CCG and (Foundation) Trust; then by trigram and edit-distance closeness.",
    ].join(" "),
    query: described(matchQuerySchema.shape, { column: "For a CSV body: the header of the column of names or codes (default: the first)" }),
    body: matchNamesBodySchema.extend({ names: matchNamesBodySchema.shape.names.describe("Names or codes, e.g. NHS Frimley ICB, RXQ") }),
    csvBody: "A CSV with a header row; one account per row",
    responses: { 200: { description: "One result per input, in order", schema: s.dataOf(s.matchResultSchema) } },
  }),
  listNotices: defineEndpoint({
    operationId: "listNotices",
    method: "GET",
    path: "/api/v1/notices",
    access: "read",
    tag: "procurement",
    summary: "Search and filter tenders, awards and contracts",
    description: "Public procurement notices (a sample until a sync has run: see coverage), with the buyer as published and the atlas body it matched. The same for every team.",
    query: noticeQuery,
    responses: { 200: { description: "One page with the data's coverage, or every match as CSV or Excel", schema: s.noticePageSchema, csv: CSV_CELLS, xlsx: XLSX_CELLS }, ...exportsBusy },
  }),
  getNotice: defineEndpoint({
    operationId: "getNotice",
    method: "GET",
    path: "/api/v1/notices/{id}",
    access: "read",
    tag: "procurement",
    summary: "One notice with every field, its lots, suppliers, releases and compiled record",
    params: z.object({ id: z.string().describe("The notice's id (the id of GET /api/v1/notices)") }),
    responses: { 200: { description: "The notice", schema: s.noticeDetailSchema }, 404: { description: "No notice has that id" } },
  }),
  listSpend: defineEndpoint({
    operationId: "listSpend",
    method: "GET",
    path: "/api/v1/spend",
    access: "read",
    tag: "procurement",
    summary: "Payments over £25k of a body, the bodies below it and its predecessors",
    description: "Spend transparency lines as published; only a few payers publish in the data (see coverage).",
    query: spendQuery,
    responses: { 200: { description: "One page by date with the data's coverage, or every line as CSV or Excel", schema: s.spendPageSchema, csv: CSV_CELLS, xlsx: XLSX_CELLS }, ...exportsBusy },
  }),
  listMembers: defineEndpoint({
    operationId: "listMembers",
    method: "GET",
    path: "/api/v1/members",
    access: "manage",
    tag: "team",
    summary: "The team's members with their role, when they joined and when they were last seen (admin)",
    responses: { 200: { description: "Every member, by name", schema: s.dataOf(s.memberSchema) } },
  }),
  updateMember: defineEndpoint({
    operationId: "updateMember",
    method: "PATCH",
    path: "/api/v1/members/{userId}",
    access: "manage",
    tag: "team",
    summary: "Change a member's role (admin; only owners make or unmake owners)",
    description: "A session must have entered its password in the last 10 minutes (403 reauthentication-required). The last owner cannot be demoted (409).",
    params: userParams,
    body: z.object({ role: changeRoleSchema.shape.role }).strict(),
    responses: { 200: { description: "The member", schema: s.memberSchema }, ...notFound("The member"), 409: { description: "The team's last owner cannot be demoted" } },
  }),
  removeMember: defineEndpoint({
    operationId: "removeMember",
    method: "DELETE",
    path: "/api/v1/members/{userId}",
    access: "read",
    tag: "team",
    summary: "Remove a member (admin; owners only by an owner), or leave the team (your own id)",
    description: "Their sessions and API tokens for the team stop at once; their lists, entries and notes stay, shown as by a former member. Removing someone else needs a password entered in the last 10 minutes. The last owner cannot be removed or leave (409).",
    params: userParams,
    responses: { 204: { description: "Removed" }, 403: { description: "Not an admin, or an admin removing an owner" }, ...notFound("The member"), 409: { description: "The team's last owner cannot be removed or leave" } },
  }),
  listInvitations: defineEndpoint({
    operationId: "listInvitations",
    method: "GET",
    path: "/api/v1/invitations",
    access: "manage",
    tag: "team",
    summary: "Pending invitations: not accepted, revoked or expired (admin)",
    responses: { 200: { description: "The invitations, newest first", schema: s.dataOf(s.invitationSchema) } },
  }),
  revokeInvitation: defineEndpoint({
    operationId: "revokeInvitation",
    method: "DELETE",
    path: "/api/v1/invitations/{id}",
    access: "manage",
    tag: "team",
    summary: "Revoke a pending invitation: its link stops working (admin)",
    params: idParams,
    responses: { 204: { description: "Revoked" }, ...notFound("The pending invitation") },
  }),
  listApiTokens: defineEndpoint({
    operationId: "listApiTokens",
    method: "GET",
    path: "/api/v1/tokens",
    access: "read",
    tag: "team",
    summary: "Your API tokens for this team; for owners and admins, every token of the team with its user",
    responses: { 200: { description: "The tokens (revoked and expired ones too), newest first; never the secret", schema: s.dataOf(s.apiTokenSchema) } },
  }),
  revokeApiToken: defineEndpoint({
    operationId: "revokeApiToken",
    method: "DELETE",
    path: "/api/v1/tokens/{id}",
    access: "read",
    tag: "team",
    summary: "Revoke one of your tokens; owners and admins, any of the team's",
    params: idParams,
    responses: { 204: { description: "Revoked" }, ...notFound("The active token") },
  }),
  // ---------- webhooks (lib/alerts/webhooks.ts; README "Webhooks") ----------
  listWebhooks: defineEndpoint({
    operationId: "listWebhooks",
    method: "GET",
    path: "/api/v1/webhooks",
    access: "manage",
    tag: "webhooks",
    summary: "Your team's webhooks, oldest first (admins and owners); never their secrets",
    responses: { 200: { description: "The webhooks", schema: s.dataOf(s.webhookSchema) }, ...adminsOnly },
  }),
  createWebhook: defineEndpoint({
    operationId: "createWebhook",
    method: "POST",
    path: "/api/v1/webhooks",
    access: "manage",
    tag: "webhooks",
    summary: "Add a webhook: signed JSON POSTs to a URL for the chosen kinds of event (admins and owners)",
    description: "The answer carries the signing secret, once: it is stored sealed and never shown again. Verify each POST's X-Atlas-Signature with it (README: Webhooks).",
    body: createWebhookSchema.strict(),
    responses: { 201: { description: "The webhook with its secret", schema: s.createdWebhookSchema }, ...adminsOnly },
  }),
  updateWebhook: defineEndpoint({
    operationId: "updateWebhook",
    method: "PATCH",
    path: "/api/v1/webhooks/{id}",
    access: "manage",
    tag: "webhooks",
    summary: "Change a webhook's URL, events, description, or pause it (send the version you edited)",
    params: webhookParams,
    body: updateWebhookSchema.strict(),
    responses: { 200: { description: "The webhook", schema: s.webhookSchema }, ...adminsOnly, ...notFound("The webhook"), 409: { description: "Someone changed the webhook since you opened it: error.current is the webhook as it is" } },
  }),
  deleteWebhook: defineEndpoint({
    operationId: "deleteWebhook",
    method: "DELETE",
    path: "/api/v1/webhooks/{id}",
    access: "manage",
    tag: "webhooks",
    summary: "Delete a webhook and its delivery log; nothing more is sent to it",
    params: webhookParams,
    responses: { 204: { description: "Deleted" }, ...adminsOnly, ...notFound("The webhook") },
  }),
  listWebhookDeliveries: defineEndpoint({
    operationId: "listWebhookDeliveries",
    method: "GET",
    path: "/api/v1/webhooks/{id}/deliveries",
    access: "manage",
    tag: "webhooks",
    summary: "A webhook's delivery log, newest first, with each delivery's attempts",
    params: webhookParams,
    query: deliveriesQuerySchema,
    responses: {
      200: { description: "One page of deliveries", schema: z.object({ data: z.array(s.webhookDeliverySchema), next_before: z.string().nullable().describe("Pass as before for the next page; null on the last") }) },
      ...adminsOnly,
      ...notFound("The webhook"),
    },
  }),
  redeliverWebhookDelivery: defineEndpoint({
    operationId: "redeliverWebhookDelivery",
    method: "POST",
    path: "/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver",
    access: "manage",
    tag: "webhooks",
    summary: "Send a succeeded or failed delivery again: the same body, a fresh signature and retry window",
    params: deliveryParams,
    responses: { 202: { description: "Queued: the delivery is pending again", schema: s.webhookDeliverySchema }, ...adminsOnly, ...notFound("The webhook or delivery"), 409: { description: "The delivery is still pending, or the webhook is paused" } },
  }),
  testWebhook: defineEndpoint({
    operationId: "testWebhook",
    method: "POST",
    path: "/api/v1/webhooks/{id}/test",
    access: "manage",
    tag: "webhooks",
    summary: "Send a sample event now (its first kind of event, marked \"test\": true) and answer with the outcome",
    description: "One attempt, no retries; it appears in the delivery log like any delivery.",
    params: webhookParams,
    responses: { 201: { description: "The test delivery: status succeeded, or failed with last_status and last_error", schema: s.webhookDeliverySchema }, ...adminsOnly, ...notFound("The webhook"), 409: { description: "The webhook is paused" } },
  }),
  // ---------- Alerts: following and the inbox ----------
  listFollows: defineEndpoint({
    operationId: "listFollows",
    method: "GET",
    path: "/api/v1/follows",
    access: "read",
    tag: "follows",
    summary: "What you follow in this team, and the team's watchlist (scope team), oldest first",
    responses: { 200: { description: "The follows", schema: s.dataOf(s.followSchema) } },
  }),
  createFollow: defineEndpoint({
    operationId: "createFollow",
    method: "POST",
    path: "/api/v1/follows",
    access: "read",
    tag: "follows",
    summary: "Follow a body (optionally with everything below it), a saved view or a target list",
    description:
      'Exactly one of {"target":"organisation","code":"QHL","descendants":true}, {"target":"view","id":…} or {"target":"list","id":…}; "scope":"team" adds it to the team\'s watchlist (admins and owners). Any member, viewers too, follows for themselves. Following again answers the existing follow (200), with descendants updated if it changed.',
    body: followSchema,
    responses: {
      201: { description: "Followed", schema: s.followSchema },
      200: { description: "Already followed: the existing follow (descendants updated if it changed)", schema: s.followSchema },
      403: { description: "scope team, and you are not an admin or owner" },
      404: { description: "No body has that code, or the view or list is not one of your team's" },
    },
  }),
  deleteFollow: defineEndpoint({
    operationId: "deleteFollow",
    method: "DELETE",
    path: "/api/v1/follows",
    access: "read",
    tag: "follows",
    summary: "Stop following: by the follow's id, or by the same target as when following",
    description: 'The body is {"id":"<follow id>"} or a target as for POST (with "scope":"team" for the watchlist). Removing from the team\'s watchlist needs an admin or owner.',
    body: unfollowSchema,
    responses: { 200: { description: "The follow, now removed", schema: s.followSchema }, 403: { description: "A watchlist follow, and you are not an admin or owner" }, ...notFound("The follow") },
  }),
  listNotifications: defineEndpoint({
    operationId: "listNotifications",
    method: "GET",
    path: "/api/v1/notifications",
    access: "read",
    tag: "notifications",
    summary: "Your notifications in this team, newest first, with your unread count",
    query: notificationsFeedSchema,
    responses: { 200: { description: "One page of notifications", schema: s.notificationsPageSchema } },
  }),
  markNotificationsRead: defineEndpoint({
    operationId: "markNotificationsRead",
    method: "POST",
    path: "/api/v1/notifications/read",
    access: "read",
    tag: "notifications",
    summary: 'Mark notifications read: {"ids":[…]} or {"all":true}',
    description: "Only your own notifications in this team change; ids of anyone else's are ignored (counted out of marked), never an error that would tell you they exist.",
    body: markReadSchema,
    responses: { 200: { description: "How many were marked, and how many are still unread", schema: z.object({ marked: z.number().int(), unread: z.number().int() }) } },
  }),
} satisfies Record<string, ApiContract>;

export type EndpointName = keyof typeof endpoints;
