// Applies ReferenceData to the database in one transaction. Every statement only touches rows
// whose values differ, so a second run over the same files changes nothing and reports zeros. The
// same transaction records what changed in the change log (diff.ts, history.ts).
import { execute, queryRows } from "@/lib/db/query";
import { join, raw, sql, type Sql } from "@/lib/db/sql";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { diffSnapshots, readSnapshot } from "./diff";
import { compareHistory, deriveHistory, writeChanges } from "./history";
import { refreshMarketFigures } from "@/lib/dashboard/market-figures";
import { refreshContractsEnding } from "@/lib/dashboard/procurement";
import { refreshIcbOptions } from "@/lib/dashboard/options";
import type { IsoDate, ReferenceData } from "./records";

export type ImportReport = {
  added: number;
  changed: number;
  closed: number;
  /** Rows added, changed or removed in the tables that hang off organisations */
  relatedChanges: number;
  /** Codes in the database that the data files no longer list (kept: notes and lists may point at them) */
  missingFromData: string[];
  /** Rows of the registered-patients file whose practice is not in gp_practices.csv (counted in their areas only) */
  unlistedPractices: ReferenceData["registeredPatients"]["unlistedPractices"];
  detail: Record<string, { added: number; changed: number; removed: number }>;
  /** Change-log entries this import recorded: what it changed, and history in the data seen for the first time */
  changesRecorded: number;
};

type Tx = Prisma.TransactionClient;

/** `importDate`: the day the import describes, the date of each change the data does not date itself. */
export async function applyReferenceData(db: PrismaClient, data: ReferenceData, importDate: IsoDate): Promise<ImportReport> {
  return db.$transaction(
    async (tx) => {
      // One importer at a time; a second one waits, then finds nothing to do.
      await execute(tx, sql`SELECT pg_advisory_xact_lock(72707001)`);
      const before = await readSnapshot(tx);
      const detail: ImportReport["detail"] = {};
      const organisations = await upsertOrganisations(tx, data);
      detail.organisations = { added: organisations.added, changed: organisations.changed, removed: 0 };
      detail.successions = await syncSuccessions(tx, data);
      detail.allocations = await syncAllocations(tx, data);
      detail.latestAllocations = await syncLatestAllocations(tx);
      detail.registeredPatients = await syncRegisteredPatients(tx, data);
      detail.areaOverlaps = await syncOverlaps(tx, data);
      detail.serviceCategories = await syncServiceCategories(tx, data);
      detail.commissioningResponsibilities = await syncResponsibilities(tx, data);

      const relatedChanges = Object.entries(detail)
        .filter(([name]) => name !== "organisations")
        .reduce((sum, [, d]) => sum + d.added + d.changed + d.removed, 0);
      const changes = diffSnapshots(before, await readSnapshot(tx), importDate);
      const history = await compareHistory(tx, await deriveHistory(tx));
      const report: ImportReport = {
        added: organisations.added,
        changed: organisations.changed,
        relatedChanges,
        closed: organisations.closed,
        missingFromData: organisations.missing,
        unlistedPractices: data.registeredPatients.unlistedPractices,
        detail,
        changesRecorded: changes.length + history.added.length,
      };
      const logChanged = report.changesRecorded + history.revised.length + history.withdrawn.length > 0;
      let importId: number | null = null;
      if (report.added + report.changed + report.closed + relatedChanges > 0 || logChanged) {
        ({ id: importId } = await tx.dataImport.create({
          data: { finishedAt: new Date(), added: report.added, changed: report.changed, closed: report.closed, files: data.files },
        }));
      }
      if (logChanged) await writeChanges(tx, importId, { record: [...changes, ...history.added], revise: history.revised, withdraw: history.withdrawn });
      if (importId !== null) {
        // What the dashboard counts once per import, for the data as this import leaves it: the ICBs
        // its filter offers (first: the market figures are computed for each), the market charts, and
        // the contracts ending per area body, whose scopes follow the bodies and their successions
        await refreshIcbOptions(tx);
        await refreshMarketFigures(tx, importId);
        await refreshContractsEnding(tx);
      }
      return report;
    },
    { timeout: 120_000, maxWait: 60_000 },
  );
}

async function upsertOrganisations(tx: Tx, data: ReferenceData) {
  const rows = data.organisations.map((o) => ({
    code: o.code,
    code_system: o.codeSystem,
    ons_code: o.onsCode,
    name: o.name,
    other_names: o.otherNames,
    kind: o.kind,
    subtype: o.subtype,
    nation: o.nation,
    status: o.status,
    open_date: o.openDate,
    close_date: o.closeDate,
    postcode: o.postcode,
    address: o.address,
    website: o.website,
    population: o.population,
    population_year: o.populationYear,
    population_source: o.populationSource,
    source: o.source,
    source_as_of: o.sourceAsOf,
    details: o.details,
    search_text: searchText(o),
    parent_code: o.parentCode,
    region_code: o.regionCode,
  }));
  const before = await queryRows<{ code: string; status: string }>(tx, sql`SELECT code, status FROM organisation`);
  const statusBefore = new Map(before.map((r) => [r.code, r.status]));

  const upserted = await upsert<{ code: string }>(tx, {
    table: "organisation",
    keys: ["code"],
    attributes: [
      "code_system", "ons_code", "name", "other_names", "kind", "subtype", "nation", "status", "open_date", "close_date", "postcode",
      "address", "website", "population", "population_year", "population_source", "source", "source_as_of", "details", "search_text",
    ],
    from: sql`SELECT * FROM ${recordset(rows, `code text, code_system text, ons_code text, name text, other_names text[], kind text, subtype text,
      nation text, status text, open_date date, close_date date, postcode text, address text, website text, population int,
      population_year text, population_source text, source text, source_as_of date, details jsonb, search_text text, parent_code text, region_code text`)}`,
    touched: true,
  });
  // Parents and regions point at rows that may have been inserted just above, so they are a second step.
  const links = rows.map((r) => ({ code: r.code, parent_code: r.parent_code, region_code: r.region_code }));
  const relinked = await queryRows<{ code: string }>(
    tx,
    sql`UPDATE organisation o SET parent_id = p.id, region_id = r.id, updated_at = now()
     FROM ${recordset(links, "code text, parent_code text, region_code text")}
     LEFT JOIN organisation p ON p.code = x.parent_code
     LEFT JOIN organisation r ON r.code = x.region_code
     WHERE o.code = x.code AND (o.parent_id IS DISTINCT FROM p.id OR o.region_id IS DISTINCT FROM r.id)
     RETURNING o.code`,
  );
  const added = new Set(upserted.filter((r) => r.inserted).map((r) => r.code));
  const changed = new Set([...upserted.filter((r) => !r.inserted).map((r) => r.code), ...relinked.map((r) => r.code)].filter((c) => !added.has(c)));
  const closed = data.organisations.filter((o) => o.status === "closed" && statusBefore.get(o.code) !== "closed").length;
  const inData = new Set(rows.map((r) => r.code));
  const missing = before.map((r) => r.code).filter((code) => !inData.has(code));
  return { added: added.size, changed: changed.size, closed, missing };
}

async function syncSuccessions(tx: Tx, data: ReferenceData) {
  const from = sql`SELECT po.id AS predecessor_id, so.id AS successor_id, x."effectiveDate" AS effective_date, x.reason, x.note, x.source
     FROM ${recordset(data.successions, `"predecessorCode" text, "successorCode" text, "effectiveDate" date, reason text, note text, source text`)}
     JOIN organisation po ON po.code = x."predecessorCode" JOIN organisation so ON so.code = x."successorCode"`;
  return sync(tx, { table: "succession", keys: ["predecessor_id", "successor_id"], attributes: ["effective_date", "reason", "note", "source"], from });
}

async function syncAllocations(tx: Tx, data: ReferenceData) {
  const from = sql`SELECT o.id AS organisation_id, x."financialYear" AS financial_year, x.line, x."amountGbpThousands"::numeric AS amount_gbp_thousands, x.structure, x.source
     FROM ${recordset(data.allocations, `"organisationCode" text, "financialYear" text, line text, "amountGbpThousands" text, structure text, source text`)}
     JOIN organisation o ON o.code = x."organisationCode"`;
  return sync(tx, { table: "allocation", keys: ["organisation_id", "financial_year", "line"], attributes: ["amount_gbp_thousands", "structure", "source"], from });
}

/** Copies each ICB's latest core total allocation onto the organisation, for the explorer's filter and sort. */
async function syncLatestAllocations(tx: Tx) {
  const changed = await execute(
    tx,
    sql`
    WITH latest AS (
      SELECT DISTINCT ON (organisation_id) organisation_id, financial_year, amount_gbp_thousands
      FROM allocation WHERE line = 'core-total' ORDER BY organisation_id, financial_year DESC
    ), wanted AS (
      SELECT o.id, l.amount_gbp_thousands, l.financial_year FROM organisation o LEFT JOIN latest l ON l.organisation_id = o.id
    )
    UPDATE organisation o SET latest_allocation_gbp_thousands = w.amount_gbp_thousands, latest_allocation_year = w.financial_year, updated_at = now()
    FROM wanted w
    WHERE o.id = w.id AND (o.latest_allocation_gbp_thousands, o.latest_allocation_year) IS DISTINCT FROM (w.amount_gbp_thousands, w.financial_year)`,
  );
  return { added: 0, changed, removed: 0 };
}

// ---------- registered patients ----------

/** Sets each body's registered patients to the file's (or the sum over it), and clears the count of a body the file no longer covers. */
async function syncRegisteredPatients(tx: Tx, data: ReferenceData) {
  const changed = await execute(
    tx,
    sql`
    WITH wanted AS (
      SELECT o.id, x.patients, x.month, x.source
      FROM organisation o LEFT JOIN ${recordset(data.registeredPatients.counts, `"organisationCode" text, patients int, month text, source text`)} ON x."organisationCode" = o.code
    )
    UPDATE organisation o SET registered_patients = w.patients, registered_patients_month = w.month, registered_patients_source = w.source, updated_at = now()
    FROM wanted w
    WHERE o.id = w.id AND (o.registered_patients, o.registered_patients_month, o.registered_patients_source) IS DISTINCT FROM (w.patients, w.month, w.source)`,
  );
  return { added: 0, changed, removed: 0 };
}

/** What free-text search matches: name, code, ONS code and every other name, in lower case. */
export function searchText(o: { name: string; code: string; onsCode: string | null; otherNames: string[] }): string {
  return [o.name, o.code, o.onsCode, ...o.otherNames].filter(Boolean).join(" ").toLowerCase();
}

async function syncOverlaps(tx: Tx, data: ReferenceData) {
  const from = sql`SELECT l.id AS local_authority_id, i.id AS icb_id, x."lsoaCount" AS lsoa_count, x."lsoaShare"::numeric AS lsoa_share, x."isPrimary" AS is_primary, x.source
     FROM ${recordset(data.overlaps, `"localAuthorityCode" text, "icbCode" text, "lsoaCount" int, "lsoaShare" text, "isPrimary" boolean, source text`)}
     JOIN organisation l ON l.code = x."localAuthorityCode" JOIN organisation i ON i.code = x."icbCode"`;
  return sync(tx, { table: "area_overlap", keys: ["local_authority_id", "icb_id"], attributes: ["lsoa_count", "lsoa_share", "is_primary", "source"], from });
}

async function syncServiceCategories(tx: Tx, data: ReferenceData) {
  const upserted = await upsert(tx, {
    table: "service_category",
    keys: ["slug"],
    attributes: ["name", "sort_order"],
    from: sql`SELECT slug, name, "sortOrder" AS sort_order FROM ${recordset(data.serviceCategories, `slug text, name text, "sortOrder" int`)}`,
  });
  return counts(upserted, 0);
}

async function syncResponsibilities(tx: Tx, data: ReferenceData) {
  const upserted = await upsert(tx, {
    table: "commissioning_responsibility",
    keys: ["row_key"],
    attributes: ["service_category_id", "nation", "commissioner_kind", "organisation_kind", "commissioner_name", "commissioner_org_id", "arrangement", "effective_from", "effective_to", "notes", "source_title", "source_url", "evidence"],
    from: sql`SELECT x."rowKey" AS row_key, c.id AS service_category_id, x.nation, x."commissionerKind" AS commissioner_kind, x."organisationKind" AS organisation_kind,
       x."commissionerName" AS commissioner_name, o.id AS commissioner_org_id, x.arrangement, x."effectiveFrom" AS effective_from, x."effectiveTo" AS effective_to, x.notes,
       x."sourceTitle" AS source_title, x."sourceUrl" AS source_url, x.evidence
     FROM ${recordset(data.responsibilities, `"rowKey" text, "serviceCategorySlug" text, nation text, "commissionerKind" text, "organisationKind" text,
       "commissionerName" text, "commissionerOrgCode" text, arrangement text, "effectiveFrom" date, "effectiveTo" date, notes text, "sourceTitle" text, "sourceUrl" text, evidence text`)}
     JOIN service_category c ON c.slug = x."serviceCategorySlug" LEFT JOIN organisation o ON o.code = x."commissionerOrgCode"`,
  });
  const rowKeys = data.responsibilities.map((r) => r.rowKey);
  const removed = await removeMissing(tx, { table: "commissioning_responsibility", keys: ["row_key"], from: sql`SELECT unnest(${rowKeys}::text[]) AS row_key` });
  // Categories no row uses any more go last, after the rows that referenced them
  const slugs = data.serviceCategories.map((c) => c.slug);
  const removedCategories = await removeMissing(tx, { table: "service_category", keys: ["slug"], from: sql`SELECT unnest(${slugs}::text[]) AS slug` });
  return counts(upserted, removed + removedCategories);
}

// ---------- the statements every table shares ----------
// Table and column names come from the fixed lists above, never from the data, so they go in as raw SQL.

/** The records as rows of `x`, through one jsonb parameter; `columns` names and types their fields (camelCase ones quoted). */
function recordset(records: readonly object[], columns: string): Sql {
  return sql`jsonb_to_recordset(${JSON.stringify(records)}::jsonb) AS x(${raw(columns)})`;
}

const list = (names: readonly string[], prefix = "") => join(names.map((name) => raw(`${prefix}${name}`)), ", ");

type Target = { table: string; keys: readonly string[]; attributes: readonly string[]; from: Sql };

/**
 * Inserts the rows `from` selects (named as keys and attributes) and updates those whose attributes
 * differ; equal rows are left alone. `touched` also stamps updated_at on what it writes.
 */
async function upsert<K extends object = object>(tx: Tx, { table, keys, attributes, from, touched = false }: Target & { touched?: boolean }) {
  const columns = [...keys, ...attributes];
  const [stampColumn, stampValue, stampUpdate] = touched ? [raw(", updated_at"), raw(", now()"), raw(", updated_at = now()")] : [sql``, sql``, sql``];
  return queryRows<K & { inserted: boolean }>(
    tx,
    sql`INSERT INTO ${raw(table)} (${list(columns)}${stampColumn})
     SELECT ${list(columns)}${stampValue} FROM (${from}) AS s
     ON CONFLICT (${list(keys)}) DO UPDATE SET ${raw(attributes.map((a) => `${a} = excluded.${a}`).join(", "))}${stampUpdate}
     WHERE (${list(attributes, `${table}.`)}) IS DISTINCT FROM (${list(attributes, "excluded.")})
     RETURNING ${list(keys)}, (xmax = 0) AS inserted`,
  );
}

/** Deletes the rows of `table` whose keys `from` no longer selects. */
async function removeMissing(tx: Tx, { table, keys, from }: Omit<Target, "attributes">) {
  return execute(tx, sql`DELETE FROM ${raw(table)} t WHERE NOT EXISTS (SELECT 1 FROM (${from}) k WHERE ${raw(keys.map((k) => `k.${k} = t.${k}`).join(" AND "))})`);
}

/** Upserts a table hanging off organisations and removes what the data no longer has. */
async function sync(tx: Tx, target: Target) {
  const upserted = await upsert(tx, target);
  return counts(upserted, await removeMissing(tx, target));
}

function counts(upserted: { inserted: boolean }[], removed: number) {
  const added = upserted.filter((r) => r.inserted).length;
  return { added, changed: upserted.length - added, removed };
}

export function formatReport(report: ImportReport): string {
  const lines = [
    report.added + report.changed + report.closed + report.relatedChanges === 0
      ? "Reference data is up to date: nothing added, changed or closed."
      : `Reference data imported: ${report.added} organisations added, ${report.changed} changed, ${report.closed} closed.`,
  ];
  for (const [table, d] of Object.entries(report.detail)) {
    if (d.added + d.changed + d.removed > 0) lines.push(`  ${table}: +${d.added} added, ${d.changed} changed, ${d.removed} removed`);
  }
  if (report.changesRecorded > 0) lines.push(`  change log: ${report.changesRecorded} entries recorded`);
  const unlisted = report.unlistedPractices;
  if (unlisted.rows > 0) {
    lines.push(`  ${unlisted.file}: ${unlisted.rows} practices not in gp_practices.csv (${unlisted.patients} patients), counted in their sub-ICB location, ICB and region only`);
  }
  if (report.missingFromData.length > 0) {
    lines.push(`  ${report.missingFromData.length} organisations in the database are no longer in data/ and were kept: ${report.missingFromData.slice(0, 10).join(", ")}${report.missingFromData.length > 10 ? ", ..." : ""}`);
  }
  return lines.join("\n");
}
