// The procurement importer on real PostgreSQL with the shipped sample (data/procurement).
// Expected counts, computed from the files: ocds/ holds 380 releases (200 Contracts Finder, 90
// Sell2Wales, 90 Public Contracts Scotland), which are 370 processes (10 Contracts Finder ocids have two
// releases). Public Contracts Scotland gives its releases no id (OCDS requires one): they load, known
// by their ocid and date, and the report counts them. The CSV holds
// 1,928 dataset A notices (6 of whose ocids are also raw OCDS processes, which stand), 291 dataset B
// rows (reshaped copies of the raw releases: skipped) and 20,701 dataset C spend lines.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/lib/db/query";
import { sql } from "@/lib/db/sql";
import { buyerMatchSummary } from "@/lib/procurement/buyers";
import { importPaths, SHIPPED_DIR, SHIPPED_PATHS, type ProcurementImportReport } from "@/lib/procurement/import";
import { createTestDatabase, type TestDatabase } from "../support/database";

const OCDS = path.join(SHIPPED_DIR, "ocds");
const NOW = new Date("2026-11-23T12:00:00Z");

describe("importing the shipped procurement sample", () => {
  let t: TestDatabase;
  let first: ProcurementImportReport;
  let seconds: number;
  beforeAll(async () => {
    t = await createTestDatabase();
    // The template already holds the sample: start from none, to count what one import adds
    await t.db.$executeRawUnsafe("DELETE FROM procurement_release; DELETE FROM procurement_process; DELETE FROM spend_line;");
    const started = Date.now();
    first = await importPaths(t.db, SHIPPED_PATHS, { now: NOW });
    seconds = (Date.now() - started) / 1000;
  });
  afterAll(() => t.drop());

  it("loads the raw OCDS folder: 380 releases into 370 processes, Public Contracts Scotland's 90 without a release id known by their date", async () => {
    expect(first.releases).toMatchObject({ releasesAdded: 380, releasesUnchanged: 0, processesChanged: 370, keyedByDate: 90, invalid: [] });
    const [counts] = await queryRows<{ releases: number; ocds: number; multi: number; scotland: number; keyed: number }>(t.db, sql`
      SELECT (SELECT count(*)::int FROM procurement_release) AS releases,
        (SELECT count(*)::int FROM procurement_process WHERE origin = 'ocds') AS ocds,
        (SELECT count(*)::int FROM procurement_process WHERE release_count = 2) AS multi,
        (SELECT count(*)::int FROM procurement_process WHERE source = 'public-contracts-scotland') AS scotland,
        (SELECT count(*)::int FROM procurement_release WHERE release_id = 'no-release-id@' || to_char(date, 'YYYY-MM-DD"T"HH24:MI:SS"Z"')) AS keyed`);
    expect(counts).toEqual({ releases: 380, ocds: 370, multi: 10, scotland: 90, keyed: 90 });
  });

  it("loads the CSV: dataset A as reshaped notices, dataset B skipped, dataset C as spend lines", async () => {
    expect(first.csv).toHaveLength(1);
    expect(first.csv[0]).toMatchObject({ noticesAdded: 1922, noticesChanged: 0, noticesSupersededByOcds: 6, ocdsCopiesSkipped: 291, spendAdded: 20701, spendUnchanged: 0, invalid: [] });
    const [counts] = await queryRows<{ reshaped: number; all: number }>(t.db, sql`
      SELECT count(*) FILTER (WHERE origin = 'reshaped')::int AS reshaped, count(*)::int AS "all" FROM procurement_process`);
    expect(counts).toEqual({ reshaped: 1922, all: 2292 });
  });

  it("does it in a few seconds", () => {
    expect(seconds).toBeLessThan(15);
  });

  it("changes nothing on a second run", async () => {
    const second = await importPaths(t.db, SHIPPED_PATHS, { now: NOW });
    expect(second.releases).toMatchObject({ releasesAdded: 0, releasesUnchanged: 380, processesChanged: 0 });
    expect(second.csv[0]).toMatchObject({ noticesAdded: 0, noticesChanged: 0, noticesUnchanged: 1922, spendAdded: 0, spendUnchanged: 20701 });
    expect(second.buyers).toEqual(first.buyers);
  });

  it("leaves no double-encoded UTF-8 in any title, and correct accents and pound signs alone", async () => {
    const [row] = await queryRows<{ mojibake: number; accented: number }>(t.db, sql`
      SELECT count(*) FILTER (WHERE concat(title, ' ', description) ~ '(â€|Ã|Â)')::int AS mojibake,
        count(*) FILTER (WHERE concat(title, ' ', description) ~ '[é£’\u202f]')::int AS accented
      FROM procurement_process`);
    expect(row!.mojibake).toBe(0);
    expect(row!.accented).toBeGreaterThan(0);
    // The shipped file itself has them: "â€¯" (a narrow no-break space) and "â€™" in Contracts Finder text
    const raw = readFileSync(path.join(OCDS, "contracts-finder", "29ce6640-ab46-4f62-ac9f-3e6c78e33597-833031.json"), "utf8");
    expect(raw).toMatch(/â€/);
  });

  it("keeps the CCG-era spend of NHS Somerset CCG under 11X, and the ICBs' under their codes", async () => {
    const rows = await queryRows<{ payer_code: string | null; payer_name: string; lines: number }>(t.db, sql`
      SELECT payer_code, payer_name, count(*)::int AS lines FROM spend_line GROUP BY 1, 2 ORDER BY 1`);
    expect(rows).toEqual([
      { payer_code: "11X", payer_name: "NHS Somerset CCG", lines: 1376 },
      { payer_code: "QR1", payer_name: "NHS Gloucestershire ICB", lines: 9948 },
      { payer_code: "QSL", payer_name: "NHS Somerset ICB", lines: 9377 },
    ]);
  });

  it("matches buyers by identifier, exact name and former or other name, CSUs and national buyers included", async () => {
    const matched = async (buyerName: string) =>
      queryRows<{ code: string | null; method: string | null; by: string | null }>(t.db, sql`
        SELECT DISTINCT buyer_code AS code, buyer_match_method AS method, buyer_matched_by AS by FROM procurement_process WHERE buyer_name = ${buyerName}`);
    expect(await matched("Greater Manchester Mental Health NHS Foundation Trust")).toEqual([{ code: "RXV", method: "identifier", by: "importer" }]);
    expect(await matched("NHS SOUTH, CENTRAL AND WEST COMMISSIONING SUPPORT UNIT")).toEqual([{ code: "0DF", method: "name", by: "importer" }]);
    expect(await matched("NHS Arden and GEM CSU")).toEqual([{ code: "0DE", method: "alias", by: "importer" }]);
    expect(await matched("NHS Supply Chain")).toEqual([{ code: "ATLAS-SCCL", method: "alias", by: "importer" }]);
    expect(await matched("Supply Chain Coordination Limited")).toEqual([{ code: "ATLAS-SCCL", method: "name", by: "importer" }]);
    expect(await matched("N H S Shared Business Services")).toEqual([{ code: "ATLAS-NHSSBS", method: "name", by: "importer" }]);
    expect(new Set((await matched("NHS England")).map((m) => m.code))).toEqual(new Set(["X24"]));
    // A trust's name never matches a CCG's: left for an operator, not guessed
    expect(await matched("East & North Hertfordshire NHS Trust")).toEqual([{ code: null, method: null, by: null }]);
    // Two open bodies share the key "somerset" (the ICB and the trust): unmatched rather than guessed
    expect(first.buyers).toEqual(await buyerMatchSummary(t.db));
    expect(first.buyers.identifier + first.buyers.name + first.buyers.alias + first.buyers.unmatched).toBe(2292);
  });
});

describe("importing a folder with an invalid release", () => {
  let t: TestDatabase;
  let folder: string;
  beforeAll(async () => {
    t = await createTestDatabase();
    await t.db.$executeRawUnsafe("DELETE FROM procurement_release; DELETE FROM procurement_process; DELETE FROM spend_line;");
    // A real release, and a copy of it with its ocid removed (reshaped for this test)
    folder = mkdtempSync(path.join(tmpdir(), "ocds-"));
    const source = path.join(OCDS, "contracts-finder", "02d6ce8b-83f0-4993-869c-c177d2efbd52-832939.json");
    copyFileSync(source, path.join(folder, "good.json"));
    const withoutOcid = JSON.parse(readFileSync(source, "utf8")) as Record<string, unknown>;
    delete withoutOcid.ocid;
    writeFileSync(path.join(folder, "no-ocid.json"), JSON.stringify(withoutOcid));
    writeFileSync(path.join(folder, "package.json"), JSON.stringify({ uri: "test", releases: [JSON.parse(readFileSync(path.join(OCDS, "contracts-finder", "02d6ce8b-83f0-4993-869c-c177d2efbd52-832942.json"), "utf8"))] }));
  });
  afterAll(async () => {
    rmSync(folder, { recursive: true, force: true });
    await t.drop();
  });

  it("lists it as file: reason while the rest load, a release package included", async () => {
    const report = await importPaths(t.db, [folder], { now: NOW });
    expect(report.releases.invalid).toEqual([{ origin: path.join(folder, "no-ocid.json"), reason: "ocid is missing" }]);
    expect(report.releases).toMatchObject({ releasesAdded: 2, processesChanged: 1 });
    const process = await t.db.procurementProcess.findUniqueOrThrow({ where: { ocid: "ocds-b5fd17-09a309a3-8541-48b9-91c4-411c52e5bd34" } });
    expect(process.releaseCount).toBe(2);
    expect(await t.db.procurementRelease.findFirst({ where: { releaseId: "02d6ce8b-83f0-4993-869c-c177d2efbd52-832942" }, select: { origin: true } })).toEqual({ origin: `${path.join(folder, "package.json")} releases[0]` });
  });
});
