// Applies ReferenceData to the database in one transaction. Every statement only touches rows
// whose values differ, so a second run over the same files changes nothing and reports zeros.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ReferenceData } from "./records";

export type ImportReport = {
  added: number;
  changed: number;
  closed: number;
  /** Rows added, changed or removed in the tables that hang off organisations */
  relatedChanges: number;
  /** Codes in the database that the data files no longer list (kept: notes and lists may point at them) */
  missingFromData: string[];
  detail: Record<string, { added: number; changed: number; removed: number }>;
};

type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

const json = (value: unknown) => JSON.stringify(value);

export async function applyReferenceData(db: PrismaClient, data: ReferenceData): Promise<ImportReport> {
  return db.$transaction(
    async (tx) => {
      // One importer at a time; a second one waits, then finds nothing to do.
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(72707001)`);
      const detail: ImportReport["detail"] = {};
      const organisations = await upsertOrganisations(tx, data);
      detail.organisations = { added: organisations.added, changed: organisations.changed, removed: 0 };
      detail.successions = await syncSuccessions(tx, data);
      detail.allocations = await syncAllocations(tx, data);
      detail.latestAllocations = await syncLatestAllocations(tx);
      detail.areaOverlaps = await syncOverlaps(tx, data);
      detail.serviceCategories = await syncServiceCategories(tx, data);
      detail.commissioningResponsibilities = await syncResponsibilities(tx, data);

      const relatedChanges = Object.entries(detail)
        .filter(([name]) => name !== "organisations")
        .reduce((sum, [, d]) => sum + d.added + d.changed + d.removed, 0);
      const report: ImportReport = {
        added: organisations.added,
        changed: organisations.changed,
        relatedChanges,
        closed: organisations.closed,
        missingFromData: organisations.missing,
        detail,
      };
      if (report.added + report.changed + report.closed + relatedChanges > 0) {
        await tx.dataImport.create({
          data: { finishedAt: new Date(), added: report.added, changed: report.changed, closed: report.closed, files: data.files },
        });
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
  const before = await tx.$queryRawUnsafe<{ code: string; status: string }[]>(`SELECT code, status FROM organisation`);
  const statusBefore = new Map(before.map((r) => [r.code, r.status]));

  const columns = `code text, code_system text, ons_code text, name text, other_names text[], kind text, subtype text, nation text,
    status text, open_date date, close_date date, postcode text, address text, website text, population int,
    population_year text, population_source text, source text, source_as_of date, details jsonb, search_text text, parent_code text, region_code text`;
  const attributes = [
    "code_system", "ons_code", "name", "other_names", "kind", "subtype", "nation", "status", "open_date", "close_date", "postcode",
    "address", "website", "population", "population_year", "population_source", "source", "source_as_of", "details", "search_text",
  ];
  const upserted = await tx.$queryRawUnsafe<{ code: string; inserted: boolean }[]>(
    `INSERT INTO organisation (code, ${attributes.join(", ")}, updated_at)
     SELECT code, ${attributes.join(", ")}, now() FROM jsonb_to_recordset($1::jsonb) AS x(${columns})
     ON CONFLICT (code) DO UPDATE SET ${attributes.map((a) => `${a} = excluded.${a}`).join(", ")}, updated_at = now()
     WHERE (${attributes.map((a) => `organisation.${a}`).join(", ")}) IS DISTINCT FROM (${attributes.map((a) => `excluded.${a}`).join(", ")})
     RETURNING code, (xmax = 0) AS inserted`,
    json(rows),
  );
  // Parents and regions point at rows that may have been inserted just above, so they are a second step.
  const relinked = await tx.$queryRawUnsafe<{ code: string }[]>(
    `UPDATE organisation o SET parent_id = p.id, region_id = r.id, updated_at = now()
     FROM jsonb_to_recordset($1::jsonb) AS x(code text, parent_code text, region_code text)
     LEFT JOIN organisation p ON p.code = x.parent_code
     LEFT JOIN organisation r ON r.code = x.region_code
     WHERE o.code = x.code AND (o.parent_id IS DISTINCT FROM p.id OR o.region_id IS DISTINCT FROM r.id)
     RETURNING o.code`,
    json(rows.map((r) => ({ code: r.code, parent_code: r.parent_code, region_code: r.region_code }))),
  );
  const added = new Set(upserted.filter((r) => r.inserted).map((r) => r.code));
  const changed = new Set([...upserted.filter((r) => !r.inserted).map((r) => r.code), ...relinked.map((r) => r.code)].filter((c) => !added.has(c)));
  const closed = data.organisations.filter((o) => o.status === "closed" && statusBefore.get(o.code) !== "closed").length;
  const inData = new Set(rows.map((r) => r.code));
  const missing = before.map((r) => r.code).filter((code) => !inData.has(code));
  return { added: added.size, changed: changed.size, closed, missing };
}

async function syncSuccessions(tx: Tx, data: ReferenceData) {
  const rows = json(data.successions.map((s) => ({ p: s.predecessorCode, s: s.successorCode, d: s.effectiveDate, r: s.reason, n: s.note, src: s.source })));
  const source = `SELECT po.id AS predecessor_id, so.id AS successor_id, x.d AS effective_date, x.r AS reason, x.n AS note, x.src AS source
     FROM jsonb_to_recordset($1::jsonb) AS x(p text, s text, d date, r text, n text, src text)
     JOIN organisation po ON po.code = x.p JOIN organisation so ON so.code = x.s`;
  const upserted = await tx.$queryRawUnsafe<{ inserted: boolean }[]>(
    `INSERT INTO succession (predecessor_id, successor_id, effective_date, reason, note, source) ${source}
     ON CONFLICT (predecessor_id, successor_id) DO UPDATE SET effective_date = excluded.effective_date, reason = excluded.reason, note = excluded.note, source = excluded.source
     WHERE (succession.effective_date, succession.reason, succession.note, succession.source) IS DISTINCT FROM (excluded.effective_date, excluded.reason, excluded.note, excluded.source)
     RETURNING (xmax = 0) AS inserted`,
    rows,
  );
  const removed = await tx.$executeRawUnsafe(
    `DELETE FROM succession t WHERE NOT EXISTS (SELECT 1 FROM (${source}) k WHERE k.predecessor_id = t.predecessor_id AND k.successor_id = t.successor_id)`,
    rows,
  );
  return counts(upserted, removed);
}

async function syncAllocations(tx: Tx, data: ReferenceData) {
  const rows = json(data.allocations.map((a) => ({ c: a.organisationCode, y: a.financialYear, l: a.line, v: a.amountGbpThousands, st: a.structure, src: a.source })));
  const source = `SELECT o.id AS organisation_id, x.y AS financial_year, x.l AS line, x.v::numeric AS amount, x.st AS structure, x.src AS source
     FROM jsonb_to_recordset($1::jsonb) AS x(c text, y text, l text, v text, st text, src text) JOIN organisation o ON o.code = x.c`;
  const upserted = await tx.$queryRawUnsafe<{ inserted: boolean }[]>(
    `INSERT INTO allocation (organisation_id, financial_year, line, amount_gbp_thousands, structure, source)
     SELECT organisation_id, financial_year, line, amount, structure, source FROM (${source}) s
     ON CONFLICT (organisation_id, financial_year, line) DO UPDATE SET amount_gbp_thousands = excluded.amount_gbp_thousands, structure = excluded.structure, source = excluded.source
     WHERE (allocation.amount_gbp_thousands, allocation.structure, allocation.source) IS DISTINCT FROM (excluded.amount_gbp_thousands, excluded.structure, excluded.source)
     RETURNING (xmax = 0) AS inserted`,
    rows,
  );
  const removed = await tx.$executeRawUnsafe(
    `DELETE FROM allocation t WHERE NOT EXISTS (SELECT 1 FROM (${source}) k WHERE k.organisation_id = t.organisation_id AND k.financial_year = t.financial_year AND k.line = t.line)`,
    rows,
  );
  return counts(upserted, removed);
}

/** Copies each ICB's latest core total allocation onto the organisation, for the explorer's filter and sort. */
async function syncLatestAllocations(tx: Tx) {
  const changed = await tx.$executeRawUnsafe(`
    WITH latest AS (
      SELECT DISTINCT ON (organisation_id) organisation_id, financial_year, amount_gbp_thousands
      FROM allocation WHERE line = 'core-total' ORDER BY organisation_id, financial_year DESC
    ), wanted AS (
      SELECT o.id, l.amount_gbp_thousands, l.financial_year FROM organisation o LEFT JOIN latest l ON l.organisation_id = o.id
    )
    UPDATE organisation o SET latest_allocation_gbp_thousands = w.amount_gbp_thousands, latest_allocation_year = w.financial_year, updated_at = now()
    FROM wanted w
    WHERE o.id = w.id AND (o.latest_allocation_gbp_thousands, o.latest_allocation_year) IS DISTINCT FROM (w.amount_gbp_thousands, w.financial_year)`);
  return { added: 0, changed, removed: 0 };
}

/** What free-text search matches: name, code, ONS code and every other name, in lower case. */
export function searchText(o: { name: string; code: string; onsCode: string | null; otherNames: string[] }): string {
  return [o.name, o.code, o.onsCode, ...o.otherNames].filter(Boolean).join(" ").toLowerCase();
}

async function syncOverlaps(tx: Tx, data: ReferenceData) {
  const rows = json(data.overlaps.map((a) => ({ la: a.localAuthorityCode, icb: a.icbCode, n: a.lsoaCount, sh: a.lsoaShare, p: a.isPrimary, src: a.source })));
  const source = `SELECT l.id AS local_authority_id, i.id AS icb_id, x.n AS lsoa_count, x.sh::numeric AS lsoa_share, x.p AS is_primary, x.src AS source
     FROM jsonb_to_recordset($1::jsonb) AS x(la text, icb text, n int, sh text, p boolean, src text)
     JOIN organisation l ON l.code = x.la JOIN organisation i ON i.code = x.icb`;
  const upserted = await tx.$queryRawUnsafe<{ inserted: boolean }[]>(
    `INSERT INTO area_overlap (local_authority_id, icb_id, lsoa_count, lsoa_share, is_primary, source) ${source}
     ON CONFLICT (local_authority_id, icb_id) DO UPDATE SET lsoa_count = excluded.lsoa_count, lsoa_share = excluded.lsoa_share, is_primary = excluded.is_primary, source = excluded.source
     WHERE (area_overlap.lsoa_count, area_overlap.lsoa_share, area_overlap.is_primary, area_overlap.source) IS DISTINCT FROM (excluded.lsoa_count, excluded.lsoa_share, excluded.is_primary, excluded.source)
     RETURNING (xmax = 0) AS inserted`,
    rows,
  );
  const removed = await tx.$executeRawUnsafe(
    `DELETE FROM area_overlap t WHERE NOT EXISTS (SELECT 1 FROM (${source}) k WHERE k.local_authority_id = t.local_authority_id AND k.icb_id = t.icb_id)`,
    rows,
  );
  return counts(upserted, removed);
}

async function syncServiceCategories(tx: Tx, data: ReferenceData) {
  const rows = json(data.serviceCategories.map((c) => ({ slug: c.slug, name: c.name, sort_order: c.sortOrder })));
  const upserted = await tx.$queryRawUnsafe<{ inserted: boolean }[]>(
    `INSERT INTO service_category (slug, name, sort_order) SELECT slug, name, sort_order FROM jsonb_to_recordset($1::jsonb) AS x(slug text, name text, sort_order int)
     ON CONFLICT (slug) DO UPDATE SET name = excluded.name, sort_order = excluded.sort_order
     WHERE (service_category.name, service_category.sort_order) IS DISTINCT FROM (excluded.name, excluded.sort_order)
     RETURNING (xmax = 0) AS inserted`,
    rows,
  );
  return counts(upserted, 0);
}

async function syncResponsibilities(tx: Tx, data: ReferenceData) {
  const rows = json(
    data.responsibilities.map((r) => ({
      row_key: r.rowKey, slug: r.serviceCategorySlug, nation: r.nation, commissioner_kind: r.commissionerKind, organisation_kind: r.organisationKind,
      commissioner_name: r.commissionerName, org_code: r.commissionerOrgCode, arrangement: r.arrangement, effective_from: r.effectiveFrom,
      notes: r.notes, source_title: r.sourceTitle, source_url: r.sourceUrl, evidence: r.evidence,
    })),
  );
  const attributes = ["service_category_id", "nation", "commissioner_kind", "organisation_kind", "commissioner_name", "commissioner_org_id", "arrangement", "effective_from", "notes", "source_title", "source_url", "evidence"];
  const upserted = await tx.$queryRawUnsafe<{ inserted: boolean }[]>(
    `INSERT INTO commissioning_responsibility (row_key, ${attributes.join(", ")})
     SELECT x.row_key, c.id, x.nation, x.commissioner_kind, x.organisation_kind, x.commissioner_name, o.id, x.arrangement, x.effective_from, x.notes, x.source_title, x.source_url, x.evidence
     FROM jsonb_to_recordset($1::jsonb) AS x(row_key text, slug text, nation text, commissioner_kind text, organisation_kind text, commissioner_name text,
       org_code text, arrangement text, effective_from date, notes text, source_title text, source_url text, evidence text)
     JOIN service_category c ON c.slug = x.slug LEFT JOIN organisation o ON o.code = x.org_code
     ON CONFLICT (row_key) DO UPDATE SET ${attributes.map((a) => `${a} = excluded.${a}`).join(", ")}
     WHERE (${attributes.map((a) => `commissioning_responsibility.${a}`).join(", ")}) IS DISTINCT FROM (${attributes.map((a) => `excluded.${a}`).join(", ")})
     RETURNING (xmax = 0) AS inserted`,
    rows,
  );
  const removed = await tx.$executeRawUnsafe(
    `DELETE FROM commissioning_responsibility WHERE row_key <> ALL($1::text[])`,
    data.responsibilities.map((r) => r.rowKey),
  );
  // Categories no row uses any more go last, after the rows that referenced them
  const removedCategories = await tx.$executeRawUnsafe(
    `DELETE FROM service_category WHERE slug <> ALL($1::text[])`,
    data.serviceCategories.map((c) => c.slug),
  );
  return counts(upserted, removed + removedCategories);
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
  if (report.missingFromData.length > 0) {
    lines.push(`  ${report.missingFromData.length} organisations in the database are no longer in data/ and were kept: ${report.missingFromData.slice(0, 10).join(", ")}${report.missingFromData.length > 10 ? ", ..." : ""}`);
  }
  return lines.join("\n");
}
