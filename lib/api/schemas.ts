// The JSON the API answers with, as zod schemas: what explorerRowToJson, noteToJson,
// targetListToJson, entryToJson, viewToJson and the route handlers produce today. Named ones
// (`.meta({ id })`) become components of docs/openapi.yaml; tests/api/contract.test.ts checks real
// answers against them, so a change to a producer that is not made here fails the suite.
import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";
import { AUDIT_ACTIONS } from "@/lib/audit";
import { CHANGE_TYPES } from "@/lib/changes/vocabulary";
import { RESPONSIBILITY_STATES } from "@/lib/commissioning/state";
import { ARRANGEMENTS, CODE_SYSTEMS, NATIONS, ORGANISATION_KINDS, ORGANISATION_STATUSES, SUCCESSION_REASONS } from "@/lib/organisations/vocabulary";
import { MATCH_METHODS } from "@/lib/matching/vocabulary";
import { PRIORITIES, STAGES } from "@/lib/target-lists/vocabulary";
import { EVENT_KINDS, WEBHOOK_DELIVERY_STATES } from "@/lib/alerts/vocabulary";
import { BUYER_MATCH_METHODS, BUYER_RELATIONS, NOTICE_STATUSES, PROCESS_ORIGINS, PROCUREMENT_SOURCES, SYNC_SOURCES } from "@/lib/procurement/vocabulary";

const date = z.iso.date();
const timestamp = z.iso.datetime();
const person = z.object({ id: z.string(), name: z.string() });

export const kindSchema = z.enum(ORGANISATION_KINDS).meta({ id: "Kind" });
export const nationSchema = z.enum(NATIONS).meta({ id: "Nation" });
const status = z.enum(ORGANISATION_STATUSES);
const codeName = z.object({ code: z.string(), name: z.string() });

export const organisationRefSchema = z
  .object({ code: z.string(), name: z.string(), kind: kindSchema, nation: nationSchema, status })
  .meta({ id: "OrganisationRef" });

const registeredPatients = z
  .object({
    value: z.number().int().describe("Patients registered at its GP practices: the practice's own count, or the sum of its practices"),
    month: z.string().regex(/^\d{4}-\d{2}$/).meta({ examples: ["2026-04"] }).describe("The month the count describes (YYYY-MM, the file's extract date)"),
    source: z.string().describe("NHS England's file, and how the sum was made: PCN by member practices; sub-ICB location, ICB (April 2026 structure) and region by each practice's sub-ICB location in the file"),
  })
  .nullable()
  .meta({ id: "RegisteredPatients", description: "null when the data has no figure: no GP practice below the body is in the file" });

export const organisationRowSchema = z
  .object({
    code: z.string().meta({ examples: ["QYG"] }),
    name: z.string(),
    kind: kindSchema,
    nation: nationSchema,
    status,
    close_date: date.nullable(),
    successors: z.array(codeName).describe("For a closed body, the bodies that took over"),
    parent: z.object({ code: z.string(), name: z.string().nullable(), kind: kindSchema.nullable() }).nullable(),
    region: z.object({ code: z.string(), name: z.string().nullable() }).nullable(),
    population: z.number().int().nullable().describe("null when the data has no figure"),
    population_year: z.string().nullable(),
    registered_patients: registeredPatients,
    allocation_gbp_thousands: z.number().nullable().describe("Core total allocation of the latest year in the data (ICBs, 42-ICB structure)"),
    allocation_year: z.string().nullable(),
  })
  .meta({ id: "Organisation", description: "A row of the explorer" });

export const organisationPageSchema = z.object({
  data: z.array(organisationRowSchema),
  total: z.number().int().describe("Matching bodies, counted up to 10,000"),
  total_exact: z.boolean().describe("false when more than 10,000 match: total is then 10000, a lower bound"),
  next_cursor: z.string().nullable().describe("Pass as cursor for the next page; null on the last"),
});

const succession = { effective_date: date, reason: z.enum(SUCCESSION_REASONS) };

export const organisationDetailSchema = z
  .object({
    code: z.string(),
    code_system: z.enum(CODE_SYSTEMS),
    ons_code: z.string().nullable(),
    name: z.string(),
    other_names: z.array(z.string()).describe("Former, statutory and Welsh names, short labels"),
    kind: kindSchema,
    subtype: z.string().nullable(),
    nation: nationSchema,
    status,
    open_date: date.nullable(),
    close_date: date.nullable(),
    parent: organisationRefSchema.nullable(),
    parent_chain: z.array(organisationRefSchema).describe("Parents up to the top of the nation's hierarchy, nearest first"),
    region: organisationRefSchema.nullable().describe("The NHS England region (England only)"),
    predecessors: z.array(organisationRefSchema.extend(succession)),
    successors: z.array(organisationRefSchema.extend({ ...succession, note: z.string().nullable() })),
    current_bodies: z.array(organisationRefSchema).describe("Open bodies that hold its functions today (itself when open)"),
    current_commissioners: z.array(organisationRefSchema).describe("Today's ICB or board above it"),
    population: z
      .object({ value: z.number().int(), year: z.string().nullable(), source: z.string().nullable() })
      .nullable()
      .describe("Resident population (ONS, NRS or NISRA estimate); null when the data has no figure"),
    registered_patients: registeredPatients,
    allocations: z.array(
      z.object({ financial_year: z.string(), line: z.string(), amount_gbp_thousands: z.number(), structure: z.string(), source: z.string() }),
    ),
    children_counts: z.record(z.string(), z.object({ open: z.number().int(), closed: z.number().int() })).describe("Bodies of each kind anywhere below it"),
    commissions: z.array(
      z.object({
        service_category: z.object({ slug: z.string(), name: z.string() }),
        arrangement: z.enum(ARRANGEMENTS),
        state: z.enum(RESPONSIBILITY_STATES).describe("planned: starts after today (never current); ended: its end date has passed"),
        effective_from: date.nullable(),
        effective_to: date.nullable().describe("Last day of an arrangement that ended; null while it continues"),
        commissioner_name: z.string().nullable(),
        notes: z.string().nullable(),
        evidence: z.string(),
        source: z.object({ title: z.string(), url: z.string() }),
      }),
    ),
    postcode: z.string().nullable(),
    address: z.string().nullable(),
    website: z.string().nullable(),
    source: z.string(),
    source_as_of: date,
  })
  .meta({ id: "OrganisationDetail" });

export const serviceCategoriesSchema = z.object({
  data: z.array(z.object({ slug: z.string(), name: z.string(), nations: z.array(nationSchema) })),
});

export const meSchema = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
  team: z.object({ id: z.string(), name: z.string() }),
  role: z.enum(ROLES),
  authenticated_by: z.enum(["session", "token"]),
});

export const sessionSchema = z
  .object({
    id: z.string().describe("A handle for the session, to revoke it by (a hash: the session's secret stays on the server)"),
    browser: z.string().describe("A short label from the User-Agent sent at sign-in, e.g. Firefox on macOS"),
    ip: z.string().nullable().describe("The address the sign-in came from"),
    signed_in_at: z.string(),
    last_seen_at: z.string().describe("Updated at most every 5 minutes"),
    current: z.boolean().describe("The session making this request"),
  })
  .meta({ id: "Session" });

export const healthSchema = z.object({ status: z.enum(["ok", "error"]), database: z.enum(["ok", "unreachable"]) }).meta({ id: "Health" });

export const targetListSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    version: z.number().int(),
    archived: z.boolean(),
    created_by: z.string(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: "TargetList" });

export const entrySchema = z
  .object({
    id: z.string(),
    list_id: z.string(),
    organisation: organisationRefSchema.extend({ population: z.number().int().nullable() }),
    stage: z.enum(STAGES),
    lost_reason: z.string().nullable(),
    owner: person.nullable(),
    priority: z.enum(PRIORITIES).nullable(),
    next_step: z.string().nullable(),
    next_step_date: date.nullable(),
    tags: z.array(z.string()),
    estimated_value_gbp: z.number().nullable(),
    version: z.number().int(),
    added_by: z.string(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: "Entry" });

export const listEntrySchema = entrySchema
  .extend({
    icb_or_board: codeName.nullable().describe("The ICB or board the body sits in (itself if it is one)"),
    successors: z.array(codeName).describe("For a closed body, the bodies that took over"),
    history: z
      .array(
        z.object({
          action: z.enum(["moved", "merged"]).describe("moved: the entry followed its closed body to the successor; merged: another entry for a predecessor was folded into this one"),
          from: codeName,
          to: codeName,
          by: z.string(),
          at: timestamp,
          fields: z.record(z.string(), z.unknown()).nullable().describe("For merged: the folded entry's fields, kept"),
        }),
      )
      .describe("Where the entry came from when its body closed, oldest first"),
  })
  .meta({ id: "ListEntry" });

export const movedEntrySchema = z
  .object({
    entry: entrySchema.describe("The entry that is kept: the moved one, or the successor's entry already on the list"),
    outcome: z.enum(["moved", "merged"]).describe("moved: the entry now follows the successor; merged: the successor was on the list already and the moved entry's fields went into that entry's history"),
    from: codeName.describe("The closed body the entry was on"),
    removed_entry_id: z.string().nullable().describe("For merged: the id of the entry folded in"),
    message: z.string(),
  })
  .meta({ id: "MovedEntry" });

export const addedEntriesSchema = z.object({
  added: z.number().int(),
  already_on_list: z.number().int().describe("Bodies that were on the list already: counted, not changed"),
  requested: z.number().int(),
});

export const noteSchema = z
  .object({
    id: z.string(),
    organisation_code: z.string(),
    organisation_name: z.string(),
    body: z.string().describe("Markdown"),
    version: z.number().int(),
    pinned: z.boolean(),
    deleted: z.boolean(),
    author: person,
    entry: z.object({ id: z.string(), stage: z.enum(STAGES), list: person }).nullable().describe("The list entry the note mentions"),
    contact: z.object({ id: z.string(), name: z.string(), role: z.string().nullable() }).nullable().describe("The contact the note mentions"),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: "Note" });

export const noteVersionSchema = z
  .object({
    version: z.number().int(),
    body: z.string(),
    pinned: z.boolean(),
    action: z.enum(["created", "edited", "deleted", "restored", "pinned", "unpinned"]),
    edited_by: person,
    edited_at: timestamp,
  })
  .meta({ id: "NoteVersion" });

/** Contacts answer with their record's own (camelCase) field names. */
export const contactSchema = z
  .object({
    id: z.string(),
    organisationCode: z.string(),
    name: z.string(),
    role: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    version: z.number().int(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: "Contact" });

export const viewSchema = z
  .object({
    id: z.string(),
    page: z.enum(["explorer", "contracts"]).describe("The page the view opens"),
    name: z.string(),
    query: z.string().meta({ examples: ["kind=icb&region=Y61"] }),
    created_by: z.string(), created_at: timestamp })
  .meta({ id: "View" });

export const auditEventSchema = z
  .object({
    id: z.string().describe("Pass as before for the next page"),
    action: z.enum(AUDIT_ACTIONS),
    target: z.string().nullable().meta({ examples: ["target-list:clx0abc"] }),
    ip: z.string().nullable(),
    before: z.unknown().describe("The state before the change, when there is one"),
    after: z.unknown().describe("The state after the change, when there is one"),
    user: z.object({ email: z.string(), name: z.string() }).nullable(),
    created_at: timestamp,
  })
  .meta({ id: "AuditEvent" });

// ---------- procurement ----------

const buyerRelation = z.enum(BUYER_RELATIONS).meta({ id: "BuyerRelation", description: "self: published by this body; below: by a body below it; predecessor: by a body it succeeded (or under its code before it opened, as a CCG)" });

export const procurementCoverageSchema = z
  .object({
    notices: z.array(z.object({ source: z.enum(PROCUREMENT_SOURCES), label: z.string(), notices: z.number().int(), from: date.nullable(), to: date.nullable() })).describe("Notices loaded per source, and their publication dates"),
    spend: z.array(z.object({ payer_code: z.string().nullable(), payer_name: z.string(), lines: z.number().int(), from: date, to: date })).describe("Spend lines over £25k loaded per payer: only these payers have spend"),
    syncs: z.array(z.object({ source: z.enum(SYNC_SOURCES), status: z.string(), updated_at: timestamp })),
    sample_only: z.boolean().describe("true until a sync of an official feed has finished: the figures are the shipped sample"),
    caveat: z.string(),
  })
  .meta({ id: "ProcurementCoverage", description: "How far the procurement data reaches" });

const profileNotice = z.object({
  id: z.number().int().describe("The notice's id: /contracts/{id} and GET /api/v1/notices/{id}"),
  ocid: z.string(),
  title: z.string(),
  buyer_name: z.string().describe("The buyer as published"),
  buyer_code: z.string().describe("The atlas body it matched"),
  relation: buyerRelation,
  status: z.enum(NOTICE_STATUSES),
  value: z.object({ min: z.number().nullable(), max: z.number().nullable(), currency: z.string().nullable() }).describe("As published: a range where min and max differ"),
  published_at: date,
  tender_deadline: timestamp.nullable(),
  contract_end: date.nullable(),
  source: z.enum(PROCUREMENT_SOURCES),
  url: z.string().nullable(),
});

const bounded = <S extends z.ZodType>(item: S, what: string) => z.object({ total: z.number().int().describe(`${what} in all; data holds the first 10`), data: z.array(item) });
const amountsByRelation = { self: z.number(), below: z.number(), predecessor: z.number() };

export const procurementProfileSchema = z
  .object({
    code: z.string(),
    notices: z.number().int().describe("Notices of the body, the bodies below it and its predecessors"),
    open_tenders: bounded(profileNotice, "Tenders open for bids (deadline not passed, or not given)").describe("Soonest deadline first"),
    contracts_ending: bounded(profileNotice, "Contracts ending in the window").extend({ months: z.number().int() }).describe("Contracts ending from today to the same day `months` months on, soonest first"),
    top_suppliers: bounded(
      z.object({
        name: z.string(),
        identifier: z.string().nullable(),
        awards: z.number().int(),
        unpriced_awards: z.number().int().describe("Awards that publish no value"),
        value_min: z.number().describe("Sum of the low ends of the published values (GBP)"),
        value_max: z.number().describe("Sum of the high ends of the published values (GBP)"),
        relations: z.array(buyerRelation),
      }),
      "Suppliers",
    ).describe("By the summed value of the awarded processes naming them, as published: a framework's value counts for each of its suppliers"),
    notices_per_quarter: z.array(z.object({ quarter: z.string().meta({ examples: ["2025-Q1"] }), total: z.number().int(), self: z.number().int(), below: z.number().int(), predecessor: z.number().int() })).describe("Every calendar quarter the data reaches, by publication date"),
    spend: z.object({
      lines: z.number().int(),
      amount: z.number().describe("GBP"),
      from: date.nullable(),
      to: date.nullable(),
      by_supplier: bounded(z.object({ name: z.string().describe("As published, upper case"), lines: z.number().int(), amount: z.number(), relations: z.array(buyerRelation) }), "Suppliers paid"),
      by_month: z.array(z.object({ month: z.string().meta({ examples: ["2024-05"] }), lines: z.number().int(), amount: z.number(), ...amountsByRelation })),
    }).describe("Payments over £25k, where the scope's payers publish them (see coverage.spend)"),
    coverage: procurementCoverageSchema,
  })
  .meta({ id: "ProcurementProfile" });

export const dataOf = <S extends z.ZodType>(item: S) => z.object({ data: z.array(item) });

export const changeSchema = z
  .object({
    id: z.number().int(),
    date: date.describe("When the change took effect (a merger's effective date), or the import's date when the data gives none"),
    type: z.enum(CHANGE_TYPES).meta({ id: "ChangeType" }),
    codes: z.array(z.string()).describe("Every body it touches"),
    bodies: z
      .array(z.object({ code: z.string(), name: z.string().nullable(), kind: kindSchema.nullable(), status: status.nullable() }))
      .describe("The codes' bodies as they are now; name null for a code no longer in the data"),
    nations: z.array(nationSchema),
    kinds: z.array(kindSchema),
    summary: z.string(),
    before: z.unknown().describe("What changed, as it was (JSON), when it helps"),
    after: z.unknown().describe("What changed, as it is (JSON), when it helps"),
    source: z.object({ text: z.string(), url: z.string().nullable() }),
    recorded_at: timestamp.describe("When an import recorded it"),
  })
  .meta({ id: "Change" });

const bodyRef = z.object({ code: z.string(), name: z.string(), kind: kindSchema });

export const matchResultSchema = z
  .object({
    input: z.string().describe("The name or code as sent"),
    matched: bodyRef.extend({ status }).nullable().describe("The body the input names (it may have closed); null when nothing is close enough"),
    today: z.array(bodyRef).describe("The open bodies it leads to now through successions (several for a split); a sub-ICB location leads to its ICB"),
    method: z.enum(MATCH_METHODS).nullable().describe("code, name (today's), former-name (a former, statutory or Welsh name), successor (an exact code or name of a closed body), fuzzy-name; null when unmatched"),
    confidence: z.number().min(0).max(1).describe("1 for a code or today's name; 0.97 another name; near names their closeness × 0.95; less 0.1 when the input names another kind (ICB, CCG, trust)"),
    ambiguous: z.boolean().describe("true when confidence is under 0.8, or a runner-up within 0.05 leads to other bodies today: a person should choose"),
    alternatives: z.array(bodyRef.extend({ confidence: z.number().min(0).max(1) })).describe("The runner-ups, best first (at most 3)"),
  })
  .meta({ id: "MatchResult" });


const noticeBuyer = z.object({ code: z.string(), name: z.string(), kind: kindSchema }).nullable().describe("The atlas body the published buyer matched, or null when unmatched");
const noticeValue = z.object({ min: z.number().nullable(), max: z.number().nullable(), currency: z.string().nullable() });
const supplier = z.object({ name: z.string(), identifier: z.string().nullable() });
const noticeStatus = z.enum(NOTICE_STATUSES).meta({ id: "NoticeStatus" });
const source = z.enum(PROCUREMENT_SOURCES).meta({ id: "ProcurementSource" });

export const noticeSchema = z
  .object({
    id: z.number().int(),
    ocid: z.string().meta({ examples: ["ocds-b5fd17-70fac9b8-dcfe-4b00-91a1-f10638dda1cc"] }),
    title: z.string(),
    buyer_name: z.string().describe("The buyer as published"),
    buyer_code: z.string().nullable(),
    buyer: noticeBuyer,
    relation: z.enum(BUYER_RELATIONS).optional().describe("With buyer=: self, below (a body under it) or predecessor (a body it succeeded, or its own code before it opened)"),
    value: noticeValue,
    status: noticeStatus,
    published_at: timestamp,
    tender_deadline: timestamp.nullable(),
    contract_start: date.nullable(),
    contract_end: date.nullable(),
    cpv_codes: z.array(z.string()),
    suppliers: z.array(supplier),
    source,
    url: z.string().nullable().describe("The notice on the publisher's site"),
  })
  .meta({ id: "Notice" });

export const noticePageSchema = z.object({
  data: z.array(noticeSchema),
  total: z.number().int().describe("Matching notices, counted up to 10,000"),
  total_exact: z.boolean(),
  next_cursor: z.string().nullable().describe("Pass as cursor for the next page; null on the last"),
  coverage: procurementCoverageSchema,
});

export const noticeDetailSchema = noticeSchema
  .omit({ relation: true })
  .extend({
    description: z.string().nullable(),
    buyer_identifier: z.string().nullable().describe("The publisher's identifier of the buyer"),
    match: z.object({ method: z.enum(BUYER_MATCH_METHODS), by: z.string().nullable().describe("importer, or the operator who matched it by hand") }).nullable(),
    procedure: z.string().nullable(),
    updated_at: timestamp,
    award_date: date.nullable(),
    lots: z.array(z.unknown()),
    origin: z.enum(PROCESS_ORIGINS).describe("ocds: compiled from releases; reshaped: a notice of the shipped CSV, with fewer fields"),
    releases: z.array(z.object({ id: z.string(), date: timestamp, tags: z.array(z.string()), origin: z.string() })).describe("Its OCDS releases, oldest first"),
    compiled: z.unknown().describe("The compiled OCDS record (latest tender, every award and contract), or the CSV row"),
    coverage: procurementCoverageSchema,
  })
  .meta({ id: "NoticeDetail" });

export const spendLineSchema = z
  .object({
    payer_name: z.string().describe("As published"),
    payer_code: z.string().nullable(),
    relation: z.enum(BUYER_RELATIONS).describe("How the payer relates to payer=: self, below, or predecessor (e.g. NHS Somerset CCG's lines, 11X before July 2022, under QSL)"),
    payment_date: date,
    supplier_name: z.string().describe("As published (upper case, not de-duplicated)"),
    amount: z.number(),
    source: z.string(),
  })
  .meta({ id: "SpendLine" });

export const spendPageSchema = z.object({ data: z.array(spendLineSchema), total: z.number().int(), next_offset: z.number().int().nullable(), coverage: procurementCoverageSchema });

export const memberSchema = z
  .object({
    user: z.object({ id: z.string(), name: z.string(), email: z.string() }),
    role: z.enum(ROLES),
    joined_at: timestamp,
    last_seen_at: timestamp.nullable().describe("The latest request by one of their sessions or API tokens in this team (sessions note it every 5 minutes, tokens once a minute)"),
  })
  .meta({ id: "Member" });

export const invitationSchema = z
  .object({ id: z.string(), email: z.string(), role: z.enum(ROLES), invited_by: z.string(), created_at: timestamp, expires_at: timestamp })
  .meta({ id: "Invitation" });

export const apiTokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().describe("The token's first characters, to tell tokens apart"),
    user: z.object({ id: z.string(), name: z.string(), email: z.string() }),
    created_at: timestamp,
    last_used_at: timestamp.nullable().describe("Noted at most once a minute"),
    expires_at: timestamp,
    revoked_at: timestamp.nullable(),
  })
  .meta({ id: "ApiToken" });

// ---------- webhooks (lib/alerts/webhooks.ts webhookToJson, deliveryToJson) ----------
const eventKind = z.enum(EVENT_KINDS).meta({ id: "EventKind" });

export const webhookSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(eventKind),
    active: z.boolean().describe("false: paused, nothing is attempted"),
    description: z.string().nullable(),
    version: z.number().int().describe("Send it back with a PATCH: a stale one answers 409"),
    created_at: timestamp,
    updated_at: timestamp,
    created_by: person,
  })
  .meta({ id: "Webhook", description: "Never carries the signing secret: only the answer to creating it does" });

export const createdWebhookSchema = webhookSchema
  .extend({ secret: z.string().describe("The signing secret (whsec_ and 64 hex digits), shown this once: the key of the X-Atlas-Signature HMAC") })
  .meta({ id: "CreatedWebhook" });

export const webhookDeliverySchema = z
  .object({
    id: z.string(),
    event_id: z.string().nullable().describe("null for a test event"),
    event: eventKind,
    test: z.boolean(),
    status: z.enum(WEBHOOK_DELIVERY_STATES).describe("pending: queued or being retried; succeeded: a 2xx answer; failed: no 2xx within the retry window"),
    attempts: z.number().int(),
    next_attempt_at: timestamp.nullable(),
    last_status: z.number().int().nullable().describe("The receiver's last HTTP status; null when it gave none (timeout, refused)"),
    last_error: z.string().nullable(),
    first_attempt_at: timestamp.nullable(),
    delivered_at: timestamp.nullable(),
    created_at: timestamp,
    payload: z.unknown().describe("The JSON body as posted (README: Webhooks)"),
    attempt_log: z.array(z.object({ attempt: z.number().int(), at: timestamp, status_code: z.number().int().nullable(), error: z.string().nullable(), duration_ms: z.number().int() })).describe("The last 20 attempts, newest first"),
  })
  .meta({ id: "WebhookDelivery" });

// ---------- Alerts: following and the inbox ----------

export const followSchema = z
  .object({
    id: z.string(),
    scope: z.enum(["me", "team"]).describe("me: yours; team: the team's watchlist, which every member receives"),
    target: z.enum(["organisation", "view", "list"]),
    descendants: z.boolean().describe("For a body: everything below it too"),
    organisation: z.object({ code: z.string(), name: z.string(), kind: kindSchema, status }).nullable(),
    view: z.object({ id: z.string(), name: z.string(), page: z.enum(["explorer", "contracts"]) }).nullable(),
    list: z.object({ id: z.string(), name: z.string(), archived: z.boolean() }).nullable(),
    created_at: timestamp,
  })
  .meta({ id: "Follow" });

export const notificationSchema = z
  .object({
    id: z.string(),
    kind: eventKind,
    title: z.string(),
    summary: z.string().nullable(),
    link: z.string().describe("The page in the app, as a path"),
    organisation: codeName.nullable().describe("The body it concerns"),
    source: z.string().describe("Where it came from, in words"),
    source_url: z.string().nullable(),
    occurred_at: timestamp,
    created_at: timestamp,
    read_at: timestamp.nullable(),
  })
  .meta({ id: "Notification" });

export const notificationsPageSchema = z.object({
  data: z.array(notificationSchema),
  next_before: z.string().nullable().describe("Pass as before for the next page; null on the last"),
  unread: z.number().int().describe("Your unread notifications in this team"),
});
