// The rules each file of data/ carries, proved on its own real rows (picked from data/, and reshaped
// only where a test says so). The readers touch no database.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readLaIcbLookup } from "@/lib/import/sources/england-la-icb-lookup";
import { readIcbs } from "@/lib/import/sources/icbs";
import { openedIcbs, readIcbs2026 } from "@/lib/import/sources/icbs-2026";
import { readNhsTrusts } from "@/lib/import/sources/nhs-trusts";
import { readSubIcbLocations } from "@/lib/import/sources/sub-icb-locations";
import { readWalesBodies } from "@/lib/import/sources/wales-local-health-boards";
import { readWhoCommissionsWhat } from "@/lib/import/sources/who-commissions-what";
import { refusalOf } from "../support/reference-data";

const TODAY = "2026-11-23";
const REAL_DATA = path.join(process.cwd(), "data");
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** The header of a real data file and, in the file's order, its rows that start with one of `prefixes`. */
function realRows(file: string, ...prefixes: string[]): string[] {
  const [header, ...rows] = readFileSync(path.join(REAL_DATA, file), "utf8").split("\n");
  return [header!, ...rows.filter((row) => prefixes.some((prefix) => row.startsWith(prefix)))];
}

/** A data folder holding only these files, each given as its lines (header first). */
function dataDir(files: Record<string, string[]>): { dataDir: string; today: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "atlas-source-"));
  dirs.push(dir);
  for (const [file, lines] of Object.entries(files)) writeFileSync(path.join(dir, file), lines.join("\n") + "\n");
  return { dataDir: dir, today: TODAY };
}

const codes = (read: { organisations: readonly { record: { code: string } }[] }) => read.organisations.map(({ record }) => record.code);
const organisation = (read: { organisations: readonly { record: { code: string } }[] }, code: string) =>
  read.organisations.find(({ record }) => record.code === code)?.record;

describe("icbs.csv and icbs_2026.csv", () => {
  const source = dataDir({
    "icbs.csv": realRows("icbs.csv", "QNQ,", "QRL,", "QNX,"),
    "icbs_2026.csv": realRows("icbs_2026.csv", "QRL,", "S9B9J,"),
  });
  const { byCode: icbs2026 } = readIcbs2026(source);
  const icbs = readIcbs(source, { icbs2026 });

  it("closes an ICB that is not in icbs_2026.csv on 31 March 2026 and passes it to its successors: split to several (a continuing one moved its boundary), merged into one", () => {
    expect(organisation(icbs, "QNQ")).toMatchObject({ closeDate: "2026-03-31", status: "closed" });
    expect(icbs.successions.map((s) => `${s.predecessorCode}>${s.successorCode}:${s.reason}@${s.effectiveDate}`)).toEqual([
      "QNQ>QRL:boundary-change@2026-04-01",
      "QNQ>S0E4D:split@2026-04-01",
      "QNQ>S9B9J:split@2026-04-01",
      "QNX>S9B9J:merger@2026-04-01",
    ]);
  });

  it("describes a continuing ICB once, from icbs.csv, without the population of a boundary that moved", () => {
    expect(icbs.continuing).toEqual(new Set(["QRL"]));
    expect(organisation(icbs, "QRL")).toMatchObject({ status: "open", closeDate: null, population: null, details: { populationBeforeApr2026: 1842052 } });
    const opened = openedIcbs(source, { icbs2026, continuing: icbs.continuing });
    expect(codes(opened)).toEqual(["S9B9J"]);
    expect(opened.organisations[0]).toMatchObject({ file: "icbs_2026.csv", line: 3, record: { name: "NHS Surrey and Sussex Integrated Care Board", openDate: "2026-04-01" } });
    expect(icbs.regionOfIcb.get("S9B9J")).toBe("Y59");
  });
});

describe("sub_icb_locations.csv", () => {
  it("refuses a location with neither an ICB code nor a name, naming the file and line", () => {
    // Berkshire West's 15A, reshaped: its Oct 2025 and Apr 2026 ICB codes emptied
    const [header, ...rows] = realRows("sub_icb_locations.csv", "D4U1Y,", "15A,");
    const reshaped = rows.map((row) => (row.startsWith("15A,") ? row.replace(",QU9,", ",,").replace(/,S0E4D,/, ",,") : row));
    const read = readSubIcbLocations(dataDir({ "sub_icb_locations.csv": [header!, ...reshaped] }), { regionOfIcb: new Map() });
    const line = reshaped.findIndex((row) => row.startsWith("15A,")) + 2;
    expect(read.errors).toEqual([{ file: "sub_icb_locations.csv", line, reason: "needs an ICB code and a name (Oct 2025 or Apr 2026)" }]);
    expect(codes(read)).toEqual(["D4U1Y"]);
  });

  it("takes the region of the location's ICB of April 2026, and closes Frimley's D4U1Y with its reported three-way split", () => {
    const read = readSubIcbLocations(dataDir({ "sub_icb_locations.csv": realRows("sub_icb_locations.csv", "D4U1Y,", "D9Y0V,") }), {
      // A region other than the file's own Y59, to tell the two apart
      regionOfIcb: new Map([["QRL", "Y56"]]),
    });
    expect(organisation(read, "D9Y0V")).toMatchObject({ parentCode: "QRL", regionCode: "Y56", population: null, details: { populationBeforeApr2026: 1633632 } });
    expect(read.regionOfSubIcb.get("D9Y0V")).toBe("Y56");
    expect(organisation(read, "D4U1Y")).toMatchObject({ status: "closed", closeDate: "2026-03-31" });
    expect(read.successions.map((s) => `${s.predecessorCode}>${s.successorCode}:${s.reason}`)).toEqual(["D4U1Y>U2G6B:split", "D4U1Y>D9Y0V:split", "D4U1Y>92A:split"]);
  });
});

describe("england_la_icb_lookup.csv", () => {
  it("sums a council's LSOAs per ICB of April 2026 from its UTLA rows, marks the largest share primary, and leaves out Frimley's unmapped area", () => {
    // Hampshire: 760 LSOAs to QRL and 105 in Frimley's split; Hertfordshire: 702 + 11 both to S1Y5D; one LTLA row, ignored
    const read = readLaIcbLookup(
      dataDir({ "england_la_icb_lookup.csv": realRows("england_la_icb_lookup.csv", "UTLA,E10000014,", "UTLA,E10000015,", "LTLA,E07000095,") }),
    );
    expect(read.errors).toEqual([]);
    expect(read.overlaps.map(({ localAuthorityCode, icbCode, lsoaCount, lsoaShare, isPrimary }) => ({ localAuthorityCode, icbCode, lsoaCount, lsoaShare, isPrimary }))).toEqual([
      { localAuthorityCode: "E10000014", icbCode: "QRL", lsoaCount: 760, lsoaShare: "0.8786", isPrimary: true },
      { localAuthorityCode: "E10000015", icbCode: "S1Y5D", lsoaCount: 713, lsoaShare: "1.0000", isPrimary: true },
    ]);
  });

  it("refuses a part that is not CODE:count, naming the file and line", () => {
    // Hartlepool's "QHM:57", reshaped to lose its count
    const [header, row] = realRows("england_la_icb_lookup.csv", "UTLA,E06000001,");
    const read = readLaIcbLookup(dataDir({ "england_la_icb_lookup.csv": [header!, row!.replace(",QHM:57", ",QHM")] }));
    expect(read.errors).toEqual([{ file: "england_la_icb_lookup.csv", line: 2, reason: 'icb_ods_codes_apr2026 part "QHM" is not CODE:count' }]);
    expect(read.overlaps).toEqual([]);
  });
});

describe("nhs_trusts.csv and wales_local_health_boards.csv", () => {
  const source = dataDir({
    "nhs_trusts.csv": realRows("nhs_trusts.csv", "RVJ,", "RYT,"),
    // Digital Health and Care Wales reshaped to a name for which no Atlas reference is defined
    "wales_local_health_boards.csv": realRows("wales_local_health_boards.csv", "RYT,", ",,Health Education", ",,Digital Health").map((row) =>
      row.replace(",,Digital Health and Care Wales,", ",,Digital Health Wales,"),
    ),
  });
  const trusts = readNhsTrusts(source);

  it("lists the all-Wales trusts with the Welsh bodies, with the address nhs_trusts.csv gives them", () => {
    expect(codes(trusts)).toEqual(["RVJ"]);
    const wales = readWalesBodies(source, { welshTrusts: trusts.welshTrusts });
    expect(organisation(wales, "RYT")).toMatchObject({ kind: "welsh-nhs-trust", address: "2 CAPITAL QUARTER, TYNDALL STREET, CARDIFF", postcode: "CF10 4BZ" });
  });

  it("gives a body without an ODS code its Atlas reference, and refuses one that has none, naming the file and line", () => {
    const wales = readWalesBodies(source, { welshTrusts: trusts.welshTrusts });
    expect(organisation(wales, "ATLAS-W-HEIW")).toMatchObject({ codeSystem: "atlas", otherNames: ["HEIW"] });
    expect(wales.errors).toEqual([{ file: "wales_local_health_boards.csv", line: 4, reason: "ods_code is required (no Atlas reference is defined for this body)" }]);
  });
});

describe("who_commissions_what.csv", () => {
  it("refuses a repeated row and a service category with a second name, naming each line", () => {
    const [header, england, scotland, hscp] = realRows("who_commissions_what.csv", "gp-primary-medical-services,GP and primary medical services,");
    const lines = [header!, england!, scotland!, england!, hscp!.replace("GP and primary medical services", "GP services")];
    const read = readWhoCommissionsWhat(dataDir({ "who_commissions_what.csv": lines }));
    expect(read.errors).toEqual([
      { file: "who_commissions_what.csv", line: 4, reason: "duplicates an earlier row (same service, nation, commissioner and arrangement)" },
      { file: "who_commissions_what.csv", line: 5, reason: "service category gp-primary-medical-services has two names" },
    ]);
    expect(read.serviceCategories).toEqual([{ slug: "gp-primary-medical-services", name: "GP and primary medical services", sortOrder: 1 }]);
  });
});

describe("readReferenceData across files", () => {
  function realDataWith(file: string, line: number, edit: (row: string) => string) {
    const dir = mkdtempSync(path.join(tmpdir(), "atlas-data-"));
    dirs.push(dir);
    cpSync(REAL_DATA, dir, { recursive: true });
    const rows = readFileSync(path.join(dir, file), "utf8").split("\n");
    rows[line - 1] = edit(rows[line - 1]!);
    writeFileSync(path.join(dir, file), rows.join("\n"));
    return dir;
  }
  const refusal = (dataDir: string) => refusalOf(dataDir, TODAY);

  it("refuses a code used twice, naming the file and line of the second use", () => {
    // The second practice of gp_practices.csv, reshaped to take the code of the first PCN in pcns.csv
    const dir = realDataWith("gp_practices.csv", 3, (row) => row.replace(/^[^,]+,/, "U00000,"));
    expect(refusal(dir)).toEqual([{ file: "gp_practices.csv", line: 3, reason: "code U00000 is already used by another row" }]);
  });

  it("refuses a body whose parent is in no file", () => {
    // The third PCN, reshaped to sit under a sub-ICB location that does not exist
    const dir = realDataWith("pcns.csv", 4, (row) => row.replace(/^([^,]+),([^,]+),[^,]+,/, "$1,$2,ZZZ,"));
    const code = readFileSync(path.join(dir, "pcns.csv"), "utf8").split("\n")[3]!.split(",")[0];
    expect(refusal(dir)).toEqual([{ file: "(cross-file)", line: 0, reason: `${code}: parent ZZZ is not in the data` }]);
  });
});
