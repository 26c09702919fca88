// gp_registered_patients_YYYY_MM.csv: NHS England's "Patients Registered at a GP Practice", the
// all-persons practice file (gp-reg-pat-prac-all.csv) exactly as published, one row per practice.
// NHS England publishes it monthly: the newest file in data/ wins, so dropping next month's file in
// refreshes every count, from the practice up to the region.
import { readdirSync } from "node:fs";
import { z } from "zod";
import type { OrganisationRecord, ReferenceData, RegisteredPatientsRecord } from "../records";
import { count, readCsv, text, type RowError } from "../csv";
import { SRC } from "./provenance";
import type { Read, Source } from "./reader";

const FILE_NAME = /^gp_registered_patients_\d{4}_\d{2}\.csv$/;
/** How the errors name the file when there is none */
export const REGISTERED_PATIENTS_FILES = "gp_registered_patients_YYYY_MM.csv";

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** EXTRACT_DATE as NHS England has written it: "2026-04-01", or "01Apr2026" / "01-APR-2026" in older files; the month it describes, "YYYY-MM". */
const extractMonth = z
  .string()
  .trim()
  .transform((value, context) => {
    const iso = value.match(/^(\d{4})-(\d{2})-\d{2}$/);
    const named = value.match(/^\d{2}-?([A-Za-z]{3})-?(\d{4})$/);
    const month = iso ? `${iso[1]}-${iso[2]}` : named ? `${named[2]}-${String(MONTHS.indexOf(named[1]!.toLowerCase()) + 1).padStart(2, "0")}` : null;
    if (month === null || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
      context.addIssue({ code: "custom", message: "must be a date such as 2026-04-01 or 01Apr2026" });
      return z.NEVER;
    }
    return month;
  });

// Only the columns the atlas uses; NHS England's others (PUBLICATION, ONS code, POSTCODE) may come and go.
const schema = z.object({
  EXTRACT_DATE: extractMonth,
  TYPE: z.literal("GP", "must be GP (a practice row)"),
  SUB_ICB_LOCATION_CODE: text,
  CODE: text,
  SEX: z.literal("ALL", "must be ALL: this is the all-persons file (gp-reg-pat-prac-all.csv)"),
  AGE: z.literal("ALL", "must be ALL: this is the all-persons file (gp-reg-pat-prac-all.csv)"),
  NUMBER_OF_PATIENTS: count,
});

export type PracticeCount = { line: number; practiceCode: string; subIcbCode: string; patients: number };

export type RegisteredPatientsRead = Read<{ file: string | null; month: string | null; practices: readonly PracticeCount[] }>;

/** The newest gp_registered_patients_YYYY_MM.csv in the folder, by the month in its name. */
export function latestRegisteredPatientsFile(dataDir: string): string | null {
  const files = readdirSync(dataDir).filter((name) => FILE_NAME.test(name)).sort();
  return files.at(-1) ?? null;
}

export function readGpRegisteredPatients(source: Source, { subIcbLocations }: { subIcbLocations: ReadonlySet<string> }): RegisteredPatientsRead {
  const file = latestRegisteredPatientsFile(source.dataDir);
  if (file === null) {
    return { file, month: null, practices: [], errors: [{ file: REGISTERED_PATIENTS_FILES, line: 0, reason: "no registered-patients file in data/ (NHS England's gp-reg-pat-prac-all.csv, renamed by its month)" }] };
  }
  const { rows, errors: parseErrors } = readCsv(source.dataDir, file, schema);
  const errors: RowError[] = [...parseErrors];
  const month = rows[0]?.value.EXTRACT_DATE ?? null;
  const seen = new Set<string>();
  const practices: PracticeCount[] = [];
  for (const { line, value: row } of rows) {
    const refuse = (reason: string) => errors.push({ file, line, reason });
    if (row.EXTRACT_DATE !== month) refuse(`EXTRACT_DATE is month ${row.EXTRACT_DATE}; the file's first row is ${month}`);
    else if (seen.has(row.CODE)) refuse(`practice ${row.CODE} has a row already`);
    else if (!subIcbLocations.has(row.SUB_ICB_LOCATION_CODE)) refuse(`sub-ICB location ${row.SUB_ICB_LOCATION_CODE} is not in sub_icb_locations.csv`);
    else practices.push({ line, practiceCode: row.CODE, subIcbCode: row.SUB_ICB_LOCATION_CODE, patients: row.NUMBER_OF_PATIENTS });
    seen.add(row.CODE);
  }
  return { file, month, practices, errors };
}

/**
 * Each practice's count, and the sums for its PCN (its membership in gp_practices.csv) and for the
 * sub-ICB location the patients file places it in, that location's April 2026 ICB (its parent in
 * sub_icb_locations.csv) and that ICB's region. The areas go by the file's own SUB_ICB_LOCATION_CODE,
 * not by the PCN's parent, so a PCN filed under a closed location (Frimley's D4U1Y) moves nothing.
 */
export function rollUpRegisteredPatients(read: RegisteredPatientsRead, organisations: ReadonlyMap<string, OrganisationRecord>): ReferenceData["registeredPatients"] {
  const file = read.file ?? REGISTERED_PATIENTS_FILES;
  const totals = new Map<string, { patients: number; source: string }>();
  const add = (code: string | null | undefined, patients: number, how: string) => {
    if (!code) return;
    const total = totals.get(code) ?? { patients: 0, source: `${how} in ${file}; ${SRC.gpRegistered}` };
    total.patients += patients;
    totals.set(code, total);
  };
  // Practices gp_practices.csv does not list still count in their areas; no body is made up for them
  const unlisted = { file, rows: 0, patients: 0 };
  for (const { practiceCode, subIcbCode, patients } of read.practices) {
    const practice = organisations.get(practiceCode);
    if (practice?.kind === "gp-practice") {
      add(practiceCode, patients, "the practice's own row");
      if (practice.parentCode && organisations.get(practice.parentCode)?.kind === "pcn") add(practice.parentCode, patients, "sum of its member practices (gp_practices.csv)");
    } else {
      unlisted.rows += 1;
      unlisted.patients += patients;
    }
    add(subIcbCode, patients, "sum of the practices the file places in it (SUB_ICB_LOCATION_CODE)");
    const icbCode = organisations.get(subIcbCode)?.parentCode;
    add(icbCode, patients, "sum of its sub-ICB locations (April 2026 ICB in sub_icb_locations.csv)");
    add(icbCode ? organisations.get(icbCode)?.regionCode : null, patients, "sum of its ICBs");
  }
  const counts: RegisteredPatientsRecord[] = [...totals].map(([organisationCode, { patients, source }]) => ({ organisationCode, patients, month: read.month!, source }));
  return { counts, unlistedPractices: unlisted };
}
