// Registered patients: NHS England's practice file, loaded per practice and summed up the April 2026
// structure. The expected sums are worked out here from the CSVs themselves, not with the importer's code.
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importReferenceData, ImportValidationError } from "@/lib/import";
import { readReferenceData } from "@/lib/import/sources";
import { createTestDatabase, type TestDatabase } from "../support/database";

const TODAY = "2026-11-23";
const REAL_DATA = path.join(process.cwd(), "data");
const APRIL = "gp_registered_patients_2026_04.csv";

type PatientsRow = Record<string, string>;
const csv = (file: string, dir = REAL_DATA) => parse(readFileSync(path.join(dir, file), "utf8"), { columns: true, bom: true }) as PatientsRow[];
const patientRows = csv(APRIL);
const icbOfSubIcb = new Map(csv("sub_icb_locations.csv").map((row) => [row.ods_code!, row.icb_ods_code_apr2026!]));
const pcnOfPractice = new Map(csv("gp_practices.csv").map((row) => [row.practice_code!, row.pcn_code!]));
const sum = (rows: PatientsRow[]) => rows.reduce((total, row) => total + Number(row.NUMBER_OF_PATIENTS), 0);
const inIcb = (icb: string) => patientRows.filter((row) => icbOfSubIcb.get(row.SUB_ICB_LOCATION_CODE!) === icb);

/** Writes rows in NHS England's layout: its header, its column order and its CRLF line ends. */
function writeNhsEnglandFile(file: string, rows: PatientsRow[]) {
  const header = "PUBLICATION,EXTRACT_DATE,TYPE,SUB_ICB_LOCATION_CODE,ONS_SUB_ICB_LOCATION_CODE,CODE,POSTCODE,SEX,AGE,NUMBER_OF_PATIENTS";
  const lines = rows.map((row) => header.split(",").map((column) => row[column]).join(","));
  writeFileSync(file, [header, ...lines].join("\r\n") + "\r\n");
}

const dirs: string[] = [];
function copyData(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "atlas-patients-"));
  dirs.push(dir);
  cpSync(REAL_DATA, dir, { recursive: true });
  return dir;
}

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const registered = (code: string) =>
  t.db.organisation.findUniqueOrThrow({
    where: { code },
    select: { registeredPatients: true, registeredPatientsMonth: true, registeredPatientsSource: true, population: true },
  });

describe("registered patients from NHS England's April 2026 practice file", () => {
  it("gives QYG the sum of the practices the file places in its sub-ICB locations", async () => {
    const expected = sum(inIcb("QYG"));
    expect(expected).toBe(2_805_325); // the check figure in SOURCES.md
    expect(await registered("QYG")).toMatchObject({ registeredPatients: expected, registeredPatientsMonth: "2026-04" });
    expect((await registered("QYG")).registeredPatientsSource).toContain(APRIL);
  });

  it("gives the three ICBs whose boundaries moved in April 2026 a registered count, though they have no resident population", async () => {
    for (const code of ["QRL", "S9B9J", "S0E4D"]) {
      expect(await registered(code)).toMatchObject({ registeredPatients: sum(inIcb(code)), registeredPatientsMonth: "2026-04", population: null });
    }
  });

  it("counts a practice, its PCN and its region; a region is the sum of its ICBs", async () => {
    const practice = patientRows.find((row) => row.CODE === "A81001")!;
    expect((await registered("A81001")).registeredPatients).toBe(Number(practice.NUMBER_OF_PATIENTS));
    const pcn = pcnOfPractice.get("A81001")!;
    expect((await registered(pcn)).registeredPatients).toBe(sum(patientRows.filter((row) => pcnOfPractice.get(row.CODE!) === pcn)));

    const icbs = await t.db.organisation.findMany({ where: { kind: "icb", status: "open", region: { code: "Y63" } }, select: { registeredPatients: true } });
    expect((await registered("Y63")).registeredPatients).toBe(icbs.reduce((total, icb) => total + icb.registeredPatients!, 0));
  });

  it("counts Frimley's practices in the sub-ICB location the file gives them, whatever their PCN's parent", async () => {
    // D4U1Y is closed and in no row of the file; its former practices count in U2G6B, D9Y0V and 92A
    expect((await registered("D4U1Y")).registeredPatients).toBeNull();
    for (const code of ["U2G6B", "D9Y0V", "92A"]) {
      expect((await registered(code)).registeredPatients).toBe(sum(patientRows.filter((row) => row.SUB_ICB_LOCATION_CODE === code)));
    }
  });

  it("leaves a body the file does not cover without a count, and says so on no other body", async () => {
    expect((await registered("RVJ")).registeredPatients).toBeNull();
    expect(await t.db.organisation.count({ where: { registeredPatients: { not: null }, registeredPatientsMonth: null } })).toBe(0);
  });
});

describe("a newer monthly file dropped into data/", () => {
  it("refreshes the counts from the practice to the region, and reports a practice gp_practices.csv does not list", async () => {
    const dir = copyData();
    // May 2026 in NHS England's layout, reshaped from April's real rows: a newer extract date, one practice
    // with 100 more patients, and one row whose practice code is changed to one no file lists
    const may: PatientsRow[] = patientRows.map((row) => ({
      ...row,
      EXTRACT_DATE: "2026-05-01",
      NUMBER_OF_PATIENTS: row.CODE === "A81001" ? String(Number(row.NUMBER_OF_PATIENTS) + 100) : row.NUMBER_OF_PATIENTS!,
    }));
    const unlisted: PatientsRow = { ...may.find((row) => row.CODE === "A81002")!, CODE: "Z99999" };
    writeNhsEnglandFile(path.join(dir, "gp_registered_patients_2026_05.csv"), [...may, unlisted]);
    const before = await Promise.all(["A81001", pcnOfPractice.get("A81001")!, "16C", "QHM", "Y63"].map(registered));

    const report = await importReferenceData(t.db, { dataDir: dir, today: TODAY });
    expect(report.unlistedPractices).toEqual({ file: "gp_registered_patients_2026_05.csv", rows: 1, patients: Number(unlisted.NUMBER_OF_PATIENTS) });
    expect(report.detail.registeredPatients!.changed).toBeGreaterThan(6000); // every count now describes May
    const after = await Promise.all(["A81001", pcnOfPractice.get("A81001")!, "16C", "QHM", "Y63"].map(registered));
    // The practice and its PCN gain 100; its sub-ICB location, ICB and region also gain the unlisted practice's patients
    const extra = [100, 100, 100 + Number(unlisted.NUMBER_OF_PATIENTS), 100 + Number(unlisted.NUMBER_OF_PATIENTS), 100 + Number(unlisted.NUMBER_OF_PATIENTS)];
    after.forEach((body, i) => {
      expect(body.registeredPatients).toBe(before[i]!.registeredPatients! + extra[i]!);
      expect(body.registeredPatientsMonth).toBe("2026-05");
      expect(body.registeredPatientsSource).toContain("gp_registered_patients_2026_05.csv");
    });
    expect(await t.db.organisation.findUnique({ where: { code: "Z99999" } })).toBeNull();

    // The same files again change nothing
    expect((await importReferenceData(t.db, { dataDir: dir, today: TODAY })).detail.registeredPatients).toEqual({ added: 0, changed: 0, removed: 0 });
    // Back to April's file alone: back to April's counts
    unlinkSync(path.join(dir, "gp_registered_patients_2026_05.csv"));
    await importReferenceData(t.db, { dataDir: dir, today: TODAY });
    expect(await registered("QYG")).toMatchObject({ registeredPatients: sum(inIcb("QYG")), registeredPatientsMonth: "2026-04" });
  });

  it("reads the extract date as older NHS England files wrote it, and refuses a row whose sub-ICB location is in no file", () => {
    const dir = copyData();
    unlinkSync(path.join(dir, APRIL));
    // April's real rows, reshaped: "01Apr2026" as the extract date, and the third row moved to a sub-ICB code that does not exist
    const rows = patientRows.map((row, i) => ({ ...row, EXTRACT_DATE: "01Apr2026", SUB_ICB_LOCATION_CODE: i === 2 ? "X0X0X" : row.SUB_ICB_LOCATION_CODE! }));
    writeNhsEnglandFile(path.join(dir, "gp_registered_patients_2026_04.csv"), rows);
    let errors: unknown;
    try {
      readReferenceData({ dataDir: dir, today: TODAY });
    } catch (error) {
      errors = (error as ImportValidationError).errors;
    }
    expect(errors).toEqual([{ file: "gp_registered_patients_2026_04.csv", line: 4, reason: "sub-ICB location X0X0X is not in sub_icb_locations.csv" }]);
  });

  it("refuses data/ without any registered-patients file", () => {
    const dir = copyData();
    unlinkSync(path.join(dir, APRIL));
    expect(() => readReferenceData({ dataDir: dir, today: TODAY })).toThrow(/gp_registered_patients_YYYY_MM\.csv:0: no registered-patients file/);
  });
});
