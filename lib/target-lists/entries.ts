// Adding bodies to a team's target list: one by one, by codes, or every body matching an explorer filter.
import { z } from "zod";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { recordTeamChange } from "@/lib/audit";
import type { AuthContext } from "@/lib/auth/context";
import { idSchema } from "@/lib/auth/validation";
import { AppError, notFound } from "@/lib/errors";
import { execute, queryRows } from "@/lib/db/query";
import { join, raw, sql, type Sql } from "@/lib/db/sql";
import { matchingOrganisationIds, parseExplorerParams } from "@/lib/organisations/explorer";
import { ANCESTOR_JOINS, COMMISSIONER_COLUMNS, SUCCESSORS_JSON } from "@/lib/organisations/sql";
import { PAGED_TABLE_SIZES } from "@/lib/paging";
import { offsetPagingSchema, manyValues, sortParam, type PagedTable } from "@/lib/tables/server";
import { formatInteger } from "@/lib/format";
import { getTargetList } from "./index";
import { MAX_BULK_ADD, PRIORITIES, STAGES, STAGE_LABELS, type Stage } from "./vocabulary";
import { personSelect, shownNameSql, shownPerson } from "@/lib/auth/former-member";

export { MAX_BULK_ADD };

export const addEntriesSchema = z
  .object({
    listId: idSchema,
    codes: manyValues.transform((codes) => codes.map((c) => c.toUpperCase())).optional(),
    /** An explorer query string: add every body it matches */
    filter: z.string().max(4000).optional(),
  })
  .refine((v) => (v.codes?.length ?? 0) > 0 !== (v.filter !== undefined), { message: "Send either codes or a filter", path: ["codes"] })
  .refine((v) => (v.codes?.length ?? 0) <= MAX_BULK_ADD, { message: `At most ${MAX_BULK_ADD} codes at once`, path: ["codes"] });

export type AddEntriesResult = { added: number; alreadyOnList: number; requested: number };

/** All or nothing, in one transaction: a body already on the list is left as it is and counted. */
export type AddEntriesInput = { listId: string; codes?: string[]; filter?: string };

export async function addEntries(db: PrismaClient, ctx: AuthContext, input: AddEntriesInput): Promise<AddEntriesResult> {
  const list = await getTargetList(db, ctx, input.listId, { active: true });
  if (!input.codes?.length && input.filter === undefined) throw new AppError("invalid", "Send the codes to add, or a filter.");
  let ids: number[];
  if (input.codes?.length) {
    const found = await db.organisation.findMany({ where: { code: { in: input.codes } }, select: { id: true, code: true } });
    const missing = input.codes.filter((code) => !found.some((o) => o.code === code));
    if (missing.length) throw new AppError("invalid", `No organisation has the code${missing.length > 1 ? "s" : ""} ${missing.slice(0, 10).join(", ")}; nothing was added.`, { codes: missing.slice(0, 10) });
    ids = found.map((o) => o.id);
  } else {
    ids = await matchingOrganisationIds(db, { teamId: ctx.team.id }, parseExplorerParams(new URLSearchParams(input.filter ?? "")), MAX_BULK_ADD);
  }
  return db.$transaction(async (tx) => {
    const inserted = await execute(
      tx,
      sql`INSERT INTO target_list_entry (id, list_id, organisation_id, added_by_id, updated_at)
        SELECT 'e' || md5(random()::text || clock_timestamp()::text || x.id::text), ${list.id}, x.id, ${ctx.user.id}, now()
        FROM unnest(${ids}::int[]) AS x(id)
        ON CONFLICT (list_id, organisation_id) DO NOTHING`,
    );
    await recordTeamChange(tx, ctx, "target-list.entries-added", `target-list:${list.id}`, {
      after: { added: inserted, alreadyOnList: ids.length - inserted, ...(input.codes?.length ? { codes: input.codes.slice(0, 100) } : { filter: input.filter }) },
    });
    return { added: inserted, alreadyOnList: ids.length - inserted, requested: ids.length };
  });
}

// ---------- entry fields, stages and the pipeline ----------

export { STAGES, PRIORITIES } from "./vocabulary";

const blankToNull = (v: unknown) => (v === "" ? null : v);
export const updateEntrySchema = z
  .object({
    listId: idSchema,
    entryId: idSchema,
    version: z.coerce.number({ message: "version is required" }).int().positive(),
    stage: z.enum(STAGES, { message: `stage must be one of: ${STAGES.join(", ")}` }).optional(),
    lostReason: z.preprocess(blankToNull, z.string().trim().max(500, "Use at most 500 characters").nullable()).optional(),
    ownerId: z.preprocess(blankToNull, idSchema.nullable()).optional(),
    priority: z.preprocess(blankToNull, z.enum(PRIORITIES, { message: "priority must be high, medium or low" }).nullable()).optional(),
    nextStep: z.preprocess(blankToNull, z.string().trim().max(500, "Use at most 500 characters").nullable()).optional(),
    nextStepDate: z.preprocess(blankToNull, z.iso.date("nextStepDate must be a date YYYY-MM-DD").nullable()).optional(),
    tags: manyValues
      .transform((tags) => [...new Set(tags.map((t) => t.toLowerCase()))])
      .pipe(z.array(z.string().max(40, "A tag has at most 40 characters")).max(20, "At most 20 tags"))
      .optional(),
    estimatedValueGbp: z.preprocess(blankToNull, z.coerce.number({ message: "estimatedValueGbp must be a number of pounds" }).min(0, "A value cannot be negative").max(1e12).nullable()).optional(),
  });
export type UpdateEntryInput = z.output<typeof updateEntrySchema>;

const entrySelect = {
  id: true,
  listId: true,
  stage: true,
  lostReason: true,
  priority: true,
  nextStep: true,
  nextStepDate: true,
  tags: true,
  estimatedValueGbp: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  owner: personSelect,
  addedBy: personSelect,
  organisation: { select: { code: true, name: true, kind: true, nation: true, status: true, population: true } },
} as const;

export function entryToJson(entry: Awaited<ReturnType<typeof getEntry>>) {
  return {
    id: entry.id,
    list_id: entry.listId,
    organisation: entry.organisation,
    stage: entry.stage,
    lost_reason: entry.lostReason,
    owner: entry.owner,
    priority: entry.priority,
    next_step: entry.nextStep,
    next_step_date: entry.nextStepDate?.toISOString().slice(0, 10) ?? null,
    tags: entry.tags,
    estimated_value_gbp: entry.estimatedValueGbp === null ? null : Number(entry.estimatedValueGbp),
    version: entry.version,
    added_by: entry.addedBy.name,
    created_at: entry.createdAt.toISOString(),
    updated_at: entry.updatedAt.toISOString(),
  };
}

export async function getEntry(db: PrismaClient | Prisma.TransactionClient, ctx: AuthContext, listId: string, entryId: string) {
  const entry = await db.targetListEntry.findFirst({ where: { id: entryId, listId, list: { teamId: ctx.team.id } }, select: entrySelect });
  if (!entry) throw notFound("That list entry");
  return { ...entry, owner: entry.owner && shownPerson(entry.owner, ctx.team.id), addedBy: { name: shownPerson(entry.addedBy, ctx.team.id).name } };
}


/** The current values of the fields an edit tried to change, in words: the message of a refused stale edit. */
function describeCurrent(entry: Awaited<ReturnType<typeof getEntry>>, input: UpdateEntryInput): string {
  const parts: string[] = [];
  const stage = `its stage is now ${STAGE_LABELS[entry.stage as Stage] ?? entry.stage}${entry.stage === "lost" && entry.lostReason ? ` (“${entry.lostReason}”)` : ""}`;
  if (input.stage !== undefined || input.lostReason !== undefined) parts.push(stage);
  if (input.ownerId !== undefined) parts.push(entry.owner ? `its owner is now ${entry.owner.name}` : "it is now unassigned");
  if (input.priority !== undefined) parts.push(entry.priority ? `its priority is now ${entry.priority}` : "it now has no priority");
  if (input.nextStep !== undefined || input.nextStepDate !== undefined) {
    const date = entry.nextStepDate ? ` by ${entry.nextStepDate.toISOString().slice(0, 10)}` : "";
    parts.push(entry.nextStep ? `its next step is now “${entry.nextStep}”${date}` : `it now has no next step${date}`);
  }
  if (input.tags !== undefined) parts.push(entry.tags.length ? `its tags are now ${entry.tags.join(", ")}` : "it now has no tags");
  if (input.estimatedValueGbp !== undefined) parts.push(entry.estimatedValueGbp === null ? "it now has no estimated value" : `its estimated value is now £${Number(entry.estimatedValueGbp).toLocaleString("en-GB")}`);
  if (parts.length === 0) parts.push(stage);
  const text = parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}` : parts[0]!;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** An archived list keeps its entries as they were: restore it to change them. */
export function refuseArchived(list: { archivedAt: Date | null; name: string }) {
  if (list.archivedAt) throw new AppError("conflict", `“${list.name}” is archived, so its entries cannot be changed. Restore the list first; nothing was changed.`);
}

/** Changes an entry if it is still at the version the user edited; otherwise 409 with the current entry. */
export async function updateEntry(db: PrismaClient, ctx: AuthContext, input: UpdateEntryInput) {
  return db.$transaction(async (tx) => {
    const before = await getEntry(tx, ctx, input.listId, input.entryId);
    refuseArchived(await getTargetList(tx, ctx, input.listId));
    const stage = input.stage ?? before.stage;
    const lostReason = input.lostReason !== undefined ? input.lostReason : before.lostReason;
    if (stage === "lost" && !lostReason) throw new AppError("invalid", "Say why it was lost.", { lostReason: ["Required when the stage is lost"] });
    if (input.ownerId) {
      const member = await tx.membership.findUnique({ where: { userId_teamId: { userId: input.ownerId, teamId: ctx.team.id } } });
      if (!member) throw new AppError("invalid", "The owner must be a member of your team.", { ownerId: ["Not a team member"] });
    }
    const { count } = await tx.targetListEntry.updateMany({
      where: { id: input.entryId, listId: input.listId, version: input.version },
      data: {
        stage,
        lostReason: stage === "lost" ? lostReason : null,
        ...(input.ownerId !== undefined ? { ownerId: input.ownerId } : {}),
        ...(input.priority !== undefined ? { priority: input.priority } : {}),
        ...(input.nextStep !== undefined ? { nextStep: input.nextStep } : {}),
        ...(input.nextStepDate !== undefined ? { nextStepDate: input.nextStepDate ? new Date(`${input.nextStepDate}T00:00:00Z`) : null } : {}),
        ...(input.tags !== undefined ? { tags: input.tags } : {}),
        ...(input.estimatedValueGbp !== undefined ? { estimatedValueGbp: input.estimatedValueGbp } : {}),
        version: { increment: 1 },
      },
    });
    if (count === 0) {
      throw new AppError(
        "conflict",
        `Not saved: someone changed ${before.organisation.name} on this list since you loaded it. ${describeCurrent(before, input)} (version ${before.version}). Nothing was overwritten; check their change and make yours again if it still applies.`,
        {},
        undefined,
        entryToJson(before),
      );
    }
    const after = await getEntry(tx, ctx, input.listId, input.entryId);
    await recordTeamChange(tx, ctx, "target-list.entry-updated", `target-list-entry:${input.entryId}`, { before: entryToJson(before), after: entryToJson(after) });
    return after;
  });
}

/** What narrows a list's entries: search, stage and owner ("none" for unassigned). */
export const entriesFilterSchema = z.object({
  q: z.string().trim().max(100).optional().transform((v) => (v ? v : undefined)),
  stage: z.enum(STAGES, { message: `stage must be one of: ${STAGES.join(", ")}` }).optional().or(z.literal("").transform(() => undefined)),
  owner: z.string().trim().max(64).optional().transform((v) => (v ? v : undefined)),
});
export type EntriesFilter = z.output<typeof entriesFilterSchema>;

export const bulkStageSchema = z
  .object({
    listId: idSchema,
    /** The selected entries... */
    entryIds: manyValues.pipe(z.array(idSchema).max(MAX_BULK_ADD, `At most ${MAX_BULK_ADD} entries at once`)).optional(),
    /** ...with the version of each that the user saw (same order): a changed one refuses the whole change */
    versions: z.array(z.coerce.number().int().positive()).optional(),
    /** ...or every entry matching a filter, */
    filter: entriesFilterSchema.optional(),
    /** which the user saw this many of: a different count now refuses the change */
    expectedCount: z.coerce.number().int().min(0).optional(),
    stage: z.enum(STAGES, { message: `stage must be one of: ${STAGES.join(", ")}` }),
    lostReason: z.string().trim().max(500, "Use at most 500 characters").optional(),
  })
  .refine((v) => (v.entryIds?.length ?? 0) > 0 !== (v.filter !== undefined), { message: "Select at least one entry, or every entry matching a filter", path: ["entryIds"] })
  .refine((v) => v.versions === undefined || v.versions.length === v.entryIds?.length, { message: "Send one version per entry", path: ["versions"] });

/**
 * One stage for many entries, in one transaction: all of them change or none does. Selected
 * entries are locked and checked against the versions the user saw; "all matching" is checked
 * against the count the user saw.
 */
export async function bulkUpdateStage(db: PrismaClient, ctx: AuthContext, input: z.output<typeof bulkStageSchema>) {
  if (input.stage === "lost" && !input.lostReason) throw new AppError("invalid", "Say why they were lost.", { lostReason: ["Required when the stage is lost"] });
  if (!input.entryIds?.length && !input.filter) throw new AppError("invalid", "Select at least one entry.", { entryIds: ["Select at least one entry"] });
  return db.$transaction(async (tx) => {
    const list = await getTargetList(tx, ctx, input.listId);
    refuseArchived(list);
    const condition = input.entryIds?.length ? sql`e.id = ANY(${input.entryIds}::text[])` : entryConditions(input.filter ?? {});
    const before = await queryRows<{ id: string; stage: string; version: number; name: string }>(
      tx,
      sql`SELECT e.id, e.stage, e.version, o.name FROM target_list_entry e JOIN organisation o ON o.id = e.organisation_id
        WHERE e.list_id = ${list.id} AND ${condition} ORDER BY e.id LIMIT ${MAX_BULK_ADD + 1} FOR UPDATE OF e`,
    );
    if (input.entryIds?.length) {
      if (before.length !== input.entryIds.length) throw new AppError("not-found", "Some of the selected entries are no longer on this list; nothing was changed. Reload and try again.");
      if (input.versions) {
        const seen = new Map(input.entryIds.map((id, i) => [id, input.versions![i]!]));
        const changed = before.filter((b) => b.version !== seen.get(b.id));
        if (changed.length) {
          const example = changed[0]!;
          throw new AppError(
            "conflict",
            `Not changed: someone changed ${changed.length === 1 ? "one" : formatInteger(changed.length)} of the selected entries since you loaded them (${example.name} is now at stage ${STAGE_LABELS[example.stage as Stage] ?? example.stage}). Nothing was changed; reload and try again.`,
            {},
            undefined,
            changed.map((c) => ({ id: c.id, stage: c.stage, version: c.version })),
          );
        }
      }
    } else {
      if (before.length > MAX_BULK_ADD) throw new AppError("invalid", `More than ${formatInteger(MAX_BULK_ADD)} entries match; narrow the filter. Nothing was changed.`);
      if (input.expectedCount !== undefined && before.length !== input.expectedCount) {
        throw new AppError("conflict", `The list changed since you loaded it: ${formatInteger(before.length)} entries match now, not ${formatInteger(input.expectedCount)}. Nothing was changed; check and try again.`);
      }
    }
    const ids = before.map((b) => b.id);
    const { count } = await tx.targetListEntry.updateMany({
      where: { id: { in: ids }, listId: list.id },
      data: { stage: input.stage, lostReason: input.stage === "lost" ? input.lostReason : null, version: { increment: 1 } },
    });
    await recordTeamChange(tx, ctx, "target-list.entries-updated", `target-list:${list.id}`, {
      before: before.map((b) => ({ id: b.id, stage: b.stage, version: b.version })),
      after: { stage: input.stage, lostReason: input.lostReason ?? null, count, ...(input.filter ? { filter: input.filter } : {}) },
    });
    return { updated: count };
  });
}


/** Count and estimated value per stage, computed in PostgreSQL (archived lists left out unless asked for). */
export async function pipelineSummary(db: PrismaClient, ctx: AuthContext, listId?: string, options: { includeArchived?: boolean } = {}) {
  const rows = await queryRows<{ stage: string; count: number; value: string | null }>(
    db,
    sql`SELECT e.stage, count(*)::int AS count, sum(e.estimated_value_gbp)::text AS value
      FROM target_list_entry e JOIN target_list l ON l.id = e.list_id
      WHERE l.team_id = ${ctx.team.id} AND (l.archived_at IS NULL OR ${options.includeArchived ?? false})
        AND (${listId ?? null}::text IS NULL OR l.id = ${listId ?? null})
      GROUP BY e.stage`,
  );
  return STAGES.map((stage) => {
    const row = rows.find((r) => r.stage === stage);
    return { stage, count: row?.count ?? 0, valueGbp: row?.value ? Number(row.value) : 0 };
  });
}

export const ENTRY_SORTS = ["name", "code", "kind", "stage", "owner", "priority", "value", "next_step_date", "updated"] as const;
export type EntrySortKey = (typeof ENTRY_SORTS)[number];
export type EntrySort = EntrySortKey | `-${EntrySortKey}`;
const entrySortValues = ENTRY_SORTS.flatMap((s) => [s, `-${s}`]) as [EntrySort, ...EntrySort[]];

const pipelineOrder = `array_position(ARRAY[${STAGES.map((s) => `'${s}'`).join(",")}]::text[], e.stage)`;
const priorityOrder = `array_position(ARRAY[${PRIORITIES.map((p) => `'${p}'`).join(",")}]::text[], e.priority)`;
/** Sort keys to SQL, from fixed text only. Stage follows the pipeline, priority runs high to low; blanks last either way. */
const ENTRY_ORDER: Record<EntrySortKey, (dir: "ASC" | "DESC") => string> = {
  name: (d) => `o.name ${d}`,
  code: (d) => `o.code ${d}`,
  kind: (d) => `o.kind ${d}, o.name ASC`,
  stage: (d) => `${pipelineOrder} ${d}`,
  owner: (d) => `ow.name ${d} NULLS LAST`,
  priority: (d) => `${priorityOrder} ${d} NULLS LAST`,
  value: (d) => `e.estimated_value_gbp ${d} NULLS LAST`,
  next_step_date: (d) => `e.next_step_date ${d} NULLS LAST`,
  updated: (d) => `e.updated_at ${d}`,
};

/** The WHERE conditions of a filter on `e` (target_list_entry) and `o` (its organisation). */
function entryConditions(filter: Partial<EntriesFilter>): Sql {
  const conditions: Sql[] = [sql`true`];
  if (filter.stage) conditions.push(sql`e.stage = ${filter.stage}`);
  if (filter.owner) conditions.push(filter.owner === "none" ? sql`e.owner_id IS NULL` : sql`e.owner_id = ${filter.owner}`);
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(sql`(o.name ILIKE ${pattern} OR o.code = ${filter.q.toUpperCase()} OR ${filter.q.toLowerCase()} = ANY(e.tags))`);
  }
  return join(conditions, " AND ");
}

export type ListEntry = Awaited<ReturnType<typeof getEntry>> & {
  /** The ICB or board the body sits in (itself if it is one) */
  commissioner: { code: string; name: string } | null;
  /** For a closed body: the bodies that took over from it */
  successors: { code: string; name: string }[];
  /** Where the entry came from when its body closed, oldest first */
  history: EntryEvent[];
};

/** An entry's history: moved from a closed body, or another entry for a predecessor folded in (its fields kept) */
export type EntryEvent = { action: "moved" | "merged"; from: { code: string; name: string }; to: { code: string; name: string }; by: string; at: string; fields: Record<string, unknown> | null };

/** What a list's URL may ask for: the filters and the sort. */
export const entriesParamsSchema = entriesFilterSchema.extend({ sort: sortParam(entrySortValues).optional() });
export type EntriesParams = z.output<typeof entriesParamsSchema>;

/** A list's entries, on the list page and in the API; the rows are the API's JSON, ready for the browser. */
export const entriesTable: PagedTable<ListEntryJson, EntriesParams, EntrySort, { ctx: AuthContext; listId: string }> = {
  params: entriesParamsSchema,
  sorts: entrySortValues,
  sort: (params) => params.sort ?? "name",
  sizes: PAGED_TABLE_SIZES,
  api: "offset",
  passive: ["columns"],
  query: async (db, { ctx, listId }, params, window) => {
    const { entries, total } = await listEntries(db, ctx, listId, { ...params, ...window });
    const nextOffset = window.offset + entries.length;
    return { rows: entries.map(listEntryToJson), total, totalExact: true, nextOffset: nextOffset < total ? nextOffset : null };
  },
};

/** The API's query: filters, sort, `limit` and `offset` (the OpenAPI document reads it). */
export const entriesQuerySchema = entriesParamsSchema.extend(offsetPagingSchema(entriesTable.sizes).shape);

type EntryRow = {
  id: string;
  list_id: string;
  stage: string;
  lost_reason: string | null;
  priority: string | null;
  next_step: string | null;
  next_step_date: string | null;
  tags: string[];
  estimated_value_gbp: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  owner_id: string | null;
  owner_name: string | null;
  added_by: string;
  organisation: ListEntry["organisation"];
  commissioner_code: string | null;
  commissioner_name: string | null;
  successors: { code: string; name: string }[] | null;
  history: EntryEvent[] | null;
  total: number;
};

function toListEntry(r: EntryRow): ListEntry {
  return {
    id: r.id,
    listId: r.list_id,
    stage: r.stage,
    lostReason: r.lost_reason,
    priority: r.priority,
    nextStep: r.next_step,
    nextStepDate: r.next_step_date === null ? null : new Date(`${r.next_step_date}T00:00:00Z`),
    tags: r.tags,
    estimatedValueGbp: r.estimated_value_gbp === null ? null : new Prisma.Decimal(r.estimated_value_gbp),
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    owner: r.owner_id === null ? null : { id: r.owner_id, name: r.owner_name ?? "" },
    addedBy: { name: r.added_by },
    organisation: r.organisation,
    commissioner: r.commissioner_code ? { code: r.commissioner_code, name: r.commissioner_name ?? r.commissioner_code } : null,
    successors: r.successors ?? [],
    history: r.history ?? [],
  };
}

/** The entry `e`'s history as a JSON array, oldest first; null when it has none. */
const ENTRY_HISTORY_JSON = raw(`(SELECT json_agg(json_build_object('action', ev.action, 'from', json_build_object('code', ev.from_code, 'name', ev.from_name),
      'to', json_build_object('code', ev.to_code, 'name', ev.to_name), 'by', u.name, 'at', to_char(ev.created_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'fields', ev.fields) ORDER BY ev.created_at, ev.id)
    FROM target_list_entry_event ev JOIN user_account u ON u.id = ev.by_id WHERE ev.entry_id = e.id)`);

/**
 * A page of the list's entries, filtered, searched and sorted in PostgreSQL, in one statement: the
 * page's ids first (ordered with the entry id as tie-break, so pages never repeat or skip a row)
 * with the count of all matches from the same scan, then the fields of those rows only.
 */
export async function listEntries(db: PrismaClient, ctx: AuthContext, listId: string, query: Partial<z.input<typeof entriesQuerySchema>> = {}): Promise<{ entries: ListEntry[]; total: number }> {
  const q = entriesQuerySchema.parse(query);
  const sort = entriesTable.sort(q);
  const key = sort.replace(/^-/, "") as EntrySortKey;
  const order = raw(`${ENTRY_ORDER[key](sort.startsWith("-") ? "DESC" : "ASC")}, e.id ASC`);
  const where = sql`WHERE e.list_id = ${listId} AND l.team_id = ${ctx.team.id} AND ${entryConditions(q)}`;
  const from = sql`FROM target_list_entry e JOIN target_list l ON l.id = e.list_id JOIN organisation o ON o.id = e.organisation_id`;
  const rows = await queryRows<EntryRow>(
    db,
    sql`SELECT e.id, e.list_id, e.stage, e.lost_reason, e.priority, e.next_step, to_char(e.next_step_date, 'YYYY-MM-DD') AS next_step_date,
        e.tags, e.estimated_value_gbp::text AS estimated_value_gbp, e.version, e.created_at, e.updated_at,
        ow.id AS owner_id, ${shownNameSql("ow", ctx.team.id)} AS owner_name, ${shownNameSql("ab", ctx.team.id)} AS added_by,
        json_build_object('code', o.code, 'name', o.name, 'kind', o.kind, 'nation', o.nation, 'status', o.status, 'population', o.population) AS organisation,
        ${COMMISSIONER_COLUMNS}, ${SUCCESSORS_JSON} AS successors, ${ENTRY_HISTORY_JSON} AS history, pg.total
      FROM (
        SELECT e.id, row_number() OVER (ORDER BY ${order}) AS position, (count(*) OVER ())::int AS total
        ${from} LEFT JOIN user_account ow ON ow.id = e.owner_id ${where}
        ORDER BY ${order} LIMIT ${q.limit} OFFSET ${q.offset}
      ) AS pg
      JOIN target_list_entry e ON e.id = pg.id
      JOIN organisation o ON o.id = e.organisation_id
      ${ANCESTOR_JOINS}
      LEFT JOIN user_account ow ON ow.id = e.owner_id
      JOIN user_account ab ON ab.id = e.added_by_id
      ORDER BY pg.position`,
  );
  // Past the end no row carries the count: only then a second round trip counts on its own
  const total = rows[0]?.total ?? (q.offset === 0 ? 0 : ((await queryRows<{ total: number }>(db, sql`SELECT count(*)::int AS total ${from} ${where}`))[0]?.total ?? 0));
  return { entries: rows.map(toListEntry), total };
}

/** An entry of listEntries as JSON: the API's entry, with the body's ICB or board and, when it closed, its successors. */
export function listEntryToJson(entry: ListEntry) {
  return { ...entryToJson(entry), icb_or_board: entry.commissioner, successors: entry.successors, history: entry.history };
}
export type ListEntryJson = ReturnType<typeof listEntryToJson>;
