// The procurement importer: OCDS releases (from files, folders or a feed page) into processes and
// their releases, and the shipped CSV's reshaped notices and spend lines. Idempotent: a release is
// written only when its sha256 differs from the stored one, a spend line only when its key is new,
// so a second run adds and changes nothing. Writes are batched (one statement per kind of row per
// batch), and every batch ends by matching its notices' buyers (lib/procurement/buyers.ts).
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { execute, queryRows, type Queryable } from "@/lib/db/query";
import { sql } from "@/lib/db/sql";
import { buyerKeySql, buyerMatchSummary, formatBuyerMatchSummary, matchBuyers, type BuyerMatchSummary } from "@/lib/procurement/buyers";
import { refreshCoverage } from "@/lib/procurement/coverage";
import { compileProcess, parseRelease, releasesOf, type CompiledProcess, type ParsedRelease, type Release } from "@/lib/procurement/ocds";
import { readShippedCsv, type CsvNotice, type CsvSpendLine } from "@/lib/procurement/shipped-csv";

export type ReleaseInput = { release: unknown; origin: string };
export type ReleaseImportReport = {
  releasesAdded: number;
  releasesUnchanged: number;
  processesChanged: number;
  /** Releases the publisher gave no id (Public Contracts Scotland's), loaded and known by their ocid and date */
  keyedByDate: number;
  invalid: { origin: string; reason: string }[];
};
export type ImportProgress = { done: number; total: number };
type ProgressOptions = { onProgress?: (progress: ImportProgress) => void };

/** Releases per transaction: a feed page or a few hundred files. */
const RELEASE_BATCH = 500;
/** CSV rows per statement. */
const ROW_BATCH = 5000;
const TRANSACTION = { timeout: 120_000, maxWait: 30_000 };

export const SHIPPED_DIR = path.join(process.cwd(), "data", "procurement");
export const SHIPPED_PATHS = [path.join(SHIPPED_DIR, "ocds"), path.join(SHIPPED_DIR, "nhs_procurement.csv")];

// ---------- OCDS releases ----------

type StoredRelease = { ocid: string; release_id: string; hash: string; source: ParsedRelease["source"]; data: Release };

/** The processes of a batch as one JSON parameter, written by one statement. */
async function writeProcesses(db: Queryable, processes: CompiledProcess[]): Promise<void> {
  await execute(db, sql`
    INSERT INTO procurement_process AS p (ocid, source, origin, title, description, cpv_codes, procedure, status, value_min, value_max, currency,
      published_at, updated_at, tender_deadline, award_date, contract_start, contract_end, lots, suppliers, supplier_names,
      buyer_name, buyer_identifier, buyer_key, url, compiled, release_count, imported_at)
    SELECT x.ocid, x.source, 'ocds', x.title, x.description, ARRAY(SELECT jsonb_array_elements_text(x."cpvCodes")), x.procedure, x.status, x."valueMin", x."valueMax", x.currency,
      x."publishedAt", x."updatedAt", x."tenderDeadline", x."awardDate", x."contractStart", x."contractEnd", x.lots, x.suppliers,
      ARRAY(SELECT lower(s->>'name') FROM jsonb_array_elements(x.suppliers) s),
      x."buyerName", x."buyerIdentifier", ${buyerKeySql(sql`x."buyerName"`)}, x.url, x.compiled, x."releaseCount", now()
    FROM jsonb_to_recordset(${JSON.stringify(processes)}::jsonb) AS x(ocid text, source text, title text, description text, "cpvCodes" jsonb, procedure text, status text,
      "valueMin" numeric, "valueMax" numeric, currency text, "publishedAt" timestamptz, "updatedAt" timestamptz, "tenderDeadline" timestamptz,
      "awardDate" date, "contractStart" date, "contractEnd" date, lots jsonb, suppliers jsonb, "buyerName" text, "buyerIdentifier" text, url text,
      compiled jsonb, "releaseCount" int)
    ON CONFLICT (ocid) DO UPDATE SET source = EXCLUDED.source, origin = 'ocds', title = EXCLUDED.title, description = EXCLUDED.description,
      cpv_codes = EXCLUDED.cpv_codes, procedure = EXCLUDED.procedure, status = EXCLUDED.status, value_min = EXCLUDED.value_min, value_max = EXCLUDED.value_max,
      currency = EXCLUDED.currency, published_at = EXCLUDED.published_at, updated_at = EXCLUDED.updated_at, tender_deadline = EXCLUDED.tender_deadline,
      award_date = EXCLUDED.award_date, contract_start = EXCLUDED.contract_start, contract_end = EXCLUDED.contract_end, lots = EXCLUDED.lots,
      suppliers = EXCLUDED.suppliers, supplier_names = EXCLUDED.supplier_names, buyer_name = EXCLUDED.buyer_name, buyer_identifier = EXCLUDED.buyer_identifier,
      buyer_key = EXCLUDED.buyer_key, url = EXCLUDED.url, compiled = EXCLUDED.compiled, release_count = EXCLUDED.release_count, imported_at = now(),
      buyer_code = NULL, buyer_match_method = NULL, buyer_matched_by = NULL`);
}

async function writeReleases(db: Queryable, releases: (ParsedRelease & { origin: string })[]): Promise<void> {
  const rows = releases.map(({ release, source, hash, origin }) => ({ ocid: release.ocid, id: release.id, date: release.date, tags: release.tag, source, origin, hash, data: release }));
  await execute(db, sql`
    INSERT INTO procurement_release (ocid, release_id, date, tags, source, origin, hash, data)
    SELECT x.ocid, x.id, x.date, ARRAY(SELECT jsonb_array_elements_text(x.tags)), x.source, x.origin, x.hash, x.data
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(ocid text, id text, date timestamptz, tags jsonb, source text, origin text, hash text, data jsonb)
    ON CONFLICT (ocid, release_id) DO UPDATE SET date = EXCLUDED.date, tags = EXCLUDED.tags, source = EXCLUDED.source, origin = EXCLUDED.origin,
      hash = EXCLUDED.hash, data = EXCLUDED.data, imported_at = now()`);
}

/** One batch in one transaction: the releases that are new or changed, their processes recompiled from every release of their ocid. */
async function importBatch(db: PrismaClient, parsed: (ParsedRelease & { origin: string })[], now: Date): Promise<{ added: number; changed: number }> {
  return db.$transaction(async (tx) => {
    const known = await queryRows<{ key: string; hash: string }>(tx, sql`
      SELECT r.ocid || ' ' || r.release_id AS key, r.hash FROM procurement_release r
      JOIN unnest(${parsed.map((p) => p.release.ocid)}::text[], ${parsed.map((p) => p.release.id)}::text[]) AS x(ocid, id) ON r.ocid = x.ocid AND r.release_id = x.id`);
    const stored = new Map(known.map((row) => [row.key, row.hash]));
    const fresh = parsed.filter((p) => stored.get(`${p.release.ocid} ${p.release.id}`) !== p.hash);
    if (fresh.length === 0) return { added: 0, changed: 0 };

    const ocids = [...new Set(fresh.map((p) => p.release.ocid))];
    const earlier = await queryRows<StoredRelease>(tx, sql`SELECT ocid, release_id, hash, source, data FROM procurement_release WHERE ocid = ANY(${ocids}::text[])`);
    const byOcid = new Map<string, Map<string, ParsedRelease>>();
    for (const row of earlier) {
      const releases = byOcid.get(row.ocid) ?? new Map<string, ParsedRelease>();
      releases.set(row.release_id, { release: row.data, source: row.source, hash: row.hash });
      byOcid.set(row.ocid, releases);
    }
    for (const p of fresh) {
      const releases = byOcid.get(p.release.ocid) ?? new Map<string, ParsedRelease>();
      releases.set(p.release.id, p);
      byOcid.set(p.release.ocid, releases);
    }
    await writeProcesses(tx, ocids.map((ocid) => compileProcess([...byOcid.get(ocid)!.values()], now)));
    await writeReleases(tx, fresh);
    await matchBuyers(tx, sql`p.ocid = ANY(${ocids}::text[])`);
    return { added: fresh.length, changed: ocids.length };
  }, TRANSACTION);
}

/**
 * Validates, repairs and loads OCDS releases (the sync calls this with each feed page). Invalid
 * releases are listed with their origin and reason; the rest still load.
 */
export async function importReleases(db: PrismaClient, inputs: ReleaseInput[], options: ProgressOptions & { now?: Date } = {}): Promise<ReleaseImportReport> {
  const report: ReleaseImportReport = { releasesAdded: 0, releasesUnchanged: 0, processesChanged: 0, keyedByDate: 0, invalid: [] };
  const now = options.now ?? new Date();
  for (let start = 0; start < inputs.length; start += RELEASE_BATCH) {
    // The same release twice in one batch: the later copy stands, the earlier counts as unchanged
    const batch = new Map<string, ParsedRelease & { origin: string }>();
    for (const input of inputs.slice(start, start + RELEASE_BATCH)) {
      const parsed = parseRelease(input.release);
      if (!parsed.ok) report.invalid.push({ origin: input.origin, reason: parsed.reason });
      else {
        if (parsed.value.keyedByDate) report.keyedByDate++;
        const key = `${parsed.value.release.ocid} ${parsed.value.release.id}`;
        if (batch.has(key)) report.releasesUnchanged++;
        batch.set(key, { ...parsed.value, origin: input.origin });
      }
    }
    if (batch.size > 0) {
      const { added, changed } = await importBatch(db, [...batch.values()], now);
      report.releasesAdded += added;
      report.releasesUnchanged += batch.size - added;
      report.processesChanged += changed;
    }
    options.onProgress?.({ done: Math.min(start + RELEASE_BATCH, inputs.length), total: inputs.length });
  }
  await closeLapsedTenders(db, now);
  if (report.releasesAdded > 0 || report.processesChanged > 0) await refreshCoverage(db);
  return report;
}

/** A tender compiled as open whose deadline has since passed is closed (the vocabulary's rule), without recompiling it. */
async function closeLapsedTenders(db: Queryable, now: Date): Promise<void> {
  await execute(db, sql`UPDATE procurement_process SET status = 'closed' WHERE status = 'open' AND origin = 'ocds' AND tender_deadline < ${now}`);
}

// ---------- files and folders ----------

/** Every .json and .csv file under the paths given (folders walked recursively), in name order. */
export function filesUnder(paths: string[]): string[] {
  const walk = (target: string): string[] => {
    if (!statSync(target).isDirectory()) return [target];
    return readdirSync(target, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))
      .flatMap((entry) => (entry.isDirectory() ? walk(path.join(target, entry.name)) : /\.(json|csv)$/i.test(entry.name) ? [path.join(target, entry.name)] : []));
  };
  return paths.flatMap(walk);
}

/** The releases of one JSON file (a release, a release package or a list), each with its origin; a file that is not JSON is one invalid input. */
export function readReleaseFile(file: string): { inputs: ReleaseInput[]; invalid: { origin: string; reason: string }[] } {
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    return { inputs: [], invalid: [{ origin: file, reason: `not JSON (${(error as Error).message})` }] };
  }
  const releases = releasesOf(document);
  const single = releases.length === 1 && releases[0] === document;
  return { inputs: releases.map((release, index) => ({ release, origin: single ? file : `${file} releases[${index}]` })), invalid: [] };
}

// ---------- the shipped CSV ----------

export type CsvImportReport = {
  file: string;
  noticesAdded: number;
  noticesChanged: number;
  noticesUnchanged: number;
  /** Notices whose ocid is also a raw OCDS process: the compiled record stands */
  noticesSupersededByOcds: number;
  /** Dataset B: reshaped copies of the releases in ocds/, skipped */
  ocdsCopiesSkipped: number;
  spendAdded: number;
  spendUnchanged: number;
  invalid: { origin: string; reason: string }[];
};

async function writeNotices(db: Queryable, notices: CsvNotice[]): Promise<{ inserted: number; updated: number; ocids: string[] }> {
  const rows = await queryRows<{ ocid: string; inserted: boolean }>(db, sql`
    INSERT INTO procurement_process AS p (ocid, source, origin, title, status, value_min, value_max, currency, published_at, updated_at,
      contract_start, contract_end, buyer_name, buyer_identifier, buyer_key, compiled, release_count, imported_at)
    SELECT x.ocid, x.source, 'reshaped', x.title, x.status, NULL, x.value, CASE WHEN x.value IS NULL THEN NULL ELSE 'GBP' END, x.published, x.published,
      x."contractStart", x."contractEnd", x."buyerName", x."buyerIdentifier", ${buyerKeySql(sql`x."buyerName"`)}, x.row, 0, now()
    FROM jsonb_to_recordset(${JSON.stringify(notices)}::jsonb) AS x(ocid text, source text, title text, status text, value numeric, published date,
      "contractStart" date, "contractEnd" date, "buyerName" text, "buyerIdentifier" text, row jsonb)
    ON CONFLICT (ocid) DO UPDATE SET title = EXCLUDED.title, status = EXCLUDED.status, value_max = EXCLUDED.value_max, currency = EXCLUDED.currency,
      published_at = EXCLUDED.published_at, updated_at = EXCLUDED.updated_at, contract_start = EXCLUDED.contract_start, contract_end = EXCLUDED.contract_end,
      buyer_name = EXCLUDED.buyer_name, buyer_identifier = EXCLUDED.buyer_identifier, buyer_key = EXCLUDED.buyer_key, compiled = EXCLUDED.compiled, imported_at = now(),
      buyer_code = NULL, buyer_match_method = NULL, buyer_matched_by = NULL
    WHERE p.origin = 'reshaped' AND p.compiled IS DISTINCT FROM EXCLUDED.compiled
    RETURNING p.ocid, (xmax = 0) AS inserted`);
  return { inserted: rows.filter((r) => r.inserted).length, updated: rows.filter((r) => !r.inserted).length, ocids: rows.map((r) => r.ocid) };
}

async function writeSpend(db: Queryable, lines: CsvSpendLine[]): Promise<number> {
  return execute(db, sql`
    INSERT INTO spend_line (payer_name, payer_code, payment_date, supplier_name, amount, source, line_key)
    SELECT x."payerName", (SELECT o.code FROM organisation o WHERE o.code = x."payerCode"), x.date, x."supplierName", x.amount, x.source, x."lineKey"
    FROM jsonb_to_recordset(${JSON.stringify(lines)}::jsonb) AS x("payerName" text, "payerCode" text, date date, "supplierName" text, amount numeric, source text, "lineKey" text)
    ON CONFLICT (line_key) DO NOTHING`);
}

/** Dataset A as reshaped processes (never over a compiled OCDS record), dataset C as spend lines; dataset B is skipped (its releases are in ocds/). */
export async function importShippedCsv(db: PrismaClient, file: string, options: ProgressOptions = {}): Promise<CsvImportReport> {
  const { notices, spend, ocdsCopies, invalid } = readShippedCsv(file);
  const report: CsvImportReport = { file, noticesAdded: 0, noticesChanged: 0, noticesUnchanged: 0, noticesSupersededByOcds: 0, ocdsCopiesSkipped: ocdsCopies, spendAdded: 0, spendUnchanged: 0, invalid };
  const total = notices.length + spend.length;
  for (let start = 0; start < notices.length; start += ROW_BATCH) {
    const batch = notices.slice(start, start + ROW_BATCH);
    await db.$transaction(async (tx) => {
      const { inserted, updated, ocids } = await writeNotices(tx, batch);
      const [superseded] = await queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM procurement_process WHERE origin = 'ocds' AND ocid = ANY(${batch.map((n) => n.ocid)}::text[])`);
      report.noticesAdded += inserted;
      report.noticesChanged += updated;
      report.noticesSupersededByOcds += superseded!.n;
      report.noticesUnchanged += batch.length - inserted - updated - superseded!.n;
      if (ocids.length > 0) await matchBuyers(tx, sql`p.ocid = ANY(${ocids}::text[])`);
    }, TRANSACTION);
    options.onProgress?.({ done: start + batch.length, total });
  }
  for (let start = 0; start < spend.length; start += ROW_BATCH) {
    const batch = spend.slice(start, start + ROW_BATCH);
    const added = await writeSpend(db, batch);
    report.spendAdded += added;
    report.spendUnchanged += batch.length - added;
    options.onProgress?.({ done: notices.length + start + batch.length, total });
  }
  if (report.noticesAdded + report.noticesChanged + report.spendAdded > 0) await refreshCoverage(db);
  return report;
}

// ---------- paths (npm run procurement:import, npm start) ----------

export type ProcurementImportReport = { releases: ReleaseImportReport; csv: CsvImportReport[]; buyers: BuyerMatchSummary; seconds: number };

/** Files per read: their releases go to importReleases together, so memory stays bounded on a large folder. */
const FILES_PER_READ = 2000;

/** Imports every OCDS JSON file and shipped CSV under the paths. Progress is reported per batch. */
export async function importPaths(db: PrismaClient, paths: string[], options: { onProgress?: (line: string) => void; now?: Date } = {}): Promise<ProcurementImportReport> {
  const started = Date.now();
  const files = filesUnder(paths);
  const jsonFiles = files.filter((file) => /\.json$/i.test(file));
  const releases: ReleaseImportReport = { releasesAdded: 0, releasesUnchanged: 0, processesChanged: 0, keyedByDate: 0, invalid: [] };
  for (let start = 0; start < jsonFiles.length; start += FILES_PER_READ) {
    const read = jsonFiles.slice(start, start + FILES_PER_READ).map(readReleaseFile);
    const batch = await importReleases(db, read.flatMap((r) => r.inputs), { now: options.now });
    releases.releasesAdded += batch.releasesAdded;
    releases.releasesUnchanged += batch.releasesUnchanged;
    releases.processesChanged += batch.processesChanged;
    releases.keyedByDate += batch.keyedByDate;
    releases.invalid.push(...read.flatMap((r) => r.invalid), ...batch.invalid);
    if (jsonFiles.length > FILES_PER_READ) options.onProgress?.(`[procurement] ${Math.min(start + FILES_PER_READ, jsonFiles.length)} of ${jsonFiles.length} files`);
  }
  const csv: CsvImportReport[] = [];
  for (const file of files.filter((f) => /\.csv$/i.test(f))) {
    csv.push(await importShippedCsv(db, file, { onProgress: ({ done, total }) => total > ROW_BATCH && options.onProgress?.(`[procurement] ${path.basename(file)}: ${done} of ${total} rows`) }));
  }
  return { releases, csv, buyers: await buyerMatchSummary(db), seconds: (Date.now() - started) / 1000 };
}

/** The report for the command line: counts, then every invalid release or row as `origin: reason`. */
export function formatProcurementReport(report: ProcurementImportReport): string {
  const r = report.releases;
  const lines = [`[procurement] OCDS releases: ${r.releasesAdded} added, ${r.releasesUnchanged} unchanged, ${r.invalid.length} invalid; ${r.processesChanged} processes compiled` +
    (r.keyedByDate ? `; ${r.keyedByDate} releases had no release id (Public Contracts Scotland publishes none) and are known by their ocid and date` : "")];
  for (const c of report.csv) {
    lines.push(
      `[procurement] ${path.basename(c.file)}: notices ${c.noticesAdded} added, ${c.noticesChanged} changed, ${c.noticesUnchanged} unchanged, ${c.noticesSupersededByOcds} kept as their OCDS record; ` +
        `${c.ocdsCopiesSkipped} reshaped OCDS releases (dataset B) skipped, their raw releases are in ocds/; spend lines ${c.spendAdded} added, ${c.spendUnchanged} unchanged; ${c.invalid.length} invalid rows`,
    );
  }
  lines.push(`[procurement] ${formatBuyerMatchSummary(report.buyers)} (${report.seconds.toFixed(1)} s)`);
  for (const bad of [...r.invalid, ...report.csv.flatMap((c) => c.invalid)]) lines.push(`${bad.origin}: ${bad.reason}`);
  return lines.join("\n");
}

/** The shipped sample, on first start only (nothing procurement in the database yet); null when it is already there. */
export async function loadShippedSampleOnce(db: PrismaClient, options: { now?: Date } = {}): Promise<ProcurementImportReport | null> {
  const [row] = await queryRows<{ any: boolean }>(db, sql`SELECT EXISTS (SELECT 1 FROM procurement_process) OR EXISTS (SELECT 1 FROM spend_line) AS any`);
  if (row?.any) return null;
  return importPaths(db, SHIPPED_PATHS, options);
}

/** One line for npm start. */
export function formatSampleLine(report: ProcurementImportReport): string {
  const csv = report.csv[0];
  return (
    `[procurement] loaded the shipped sample in ${report.seconds.toFixed(1)} s: ${report.releases.releasesAdded} OCDS releases (${report.releases.processesChanged} processes, ${report.releases.invalid.length} refused)` +
    (csv ? `, ${csv.noticesAdded} reshaped notices, ${csv.spendAdded} spend lines` : "") +
    `; ${report.buyers.unmatched} notices with an unmatched buyer`
  );
}
