// Reads every file of data/ (see data/PROVENANCE.md) into one validated ReferenceData, one reader
// per file, in the order their lookups need. Any invalid row anywhere stops the whole import
// before the database is touched, so the reference data is never half-loaded.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { IsoDate, OrganisationRecord, ReferenceData } from "../records";
import { ImportValidationError, type RowError } from "../csv";
import { readCcgs } from "./ccgs";
import { readUpperTierLocalAuthorities } from "./england-upper-tier-local-authorities";
import { readLaIcbLookup } from "./england-la-icb-lookup";
import { withFrimleyIn2026 } from "./frimley-pcns";
import { readGpPractices } from "./gp-practices";
import { readGpRegisteredPatients, rollUpRegisteredPatients } from "./gp-registered-patients";
import { readIcbAllocations } from "./icb-allocations";
import { readIcbs } from "./icbs";
import { openedIcbs, readIcbs2026 } from "./icbs-2026";
import { readNationalAndSupportBodies } from "./national-and-support-bodies";
import { readNationalBodies } from "./national-bodies";
import { readNhsEnglandRegions } from "./nhs-england-regions";
import { readNhsTrusts } from "./nhs-trusts";
import { readNorthernIrelandBodies } from "./northern-ireland-hsc";
import { readPcns } from "./pcns";
import type { OrganisationsRead, Read } from "./reader";
import { readScotlandHealthBoards } from "./scotland-health-boards";
import { readScotlandHscps } from "./scotland-hscps";
import { readScotlandSpecialHealthBoards } from "./scotland-special-health-boards";
import { readSubIcbLocations } from "./sub-icb-locations";
import { readWalesBodies } from "./wales-local-health-boards";
import { readWhoCommissionsWhat } from "./who-commissions-what";

export const DATA_FILES = [
  "national_and_support_bodies.csv",
  "national_bodies.csv",
  "nhs_england_regions.csv",
  "icbs.csv",
  "icbs_2026.csv",
  "ccgs_2013_2022.csv",
  "sub_icb_locations.csv",
  "pcns.csv",
  "gp_practices.csv",
  // then the newest gp_registered_patients_YYYY_MM.csv (see gp-registered-patients.ts)
  "nhs_trusts.csv",
  "icb_allocations.csv",
  "england_upper_tier_local_authorities.csv",
  "england_la_icb_lookup.csv",
  "scotland_health_boards.csv",
  "scotland_hscps.csv",
  "scotland_special_health_boards.csv",
  "wales_local_health_boards.csv",
  "northern_ireland_hsc.csv",
  "who_commissions_what.csv",
] as const;

export type ReadOptions = { dataDir: string; today: IsoDate };

export function readReferenceData(source: ReadOptions): ReferenceData {
  const supportBodies = readNationalAndSupportBodies(source);
  const nationalBodies = readNationalBodies(source, { alsoListed: supportBodies.alsoListed });
  const regions = readNhsEnglandRegions(source);
  const icbs2026 = readIcbs2026(source);
  const icbs = readIcbs(source, { icbs2026: icbs2026.byCode });
  const opened = openedIcbs(source, { icbs2026: icbs2026.byCode, continuing: icbs.continuing });
  const ccgs = readCcgs(source);
  const subIcbLocations = readSubIcbLocations(source, { regionOfIcb: icbs.regionOfIcb, ccgs2021: ccgs.ccgs2021 });
  const patients = readGpRegisteredPatients(source, { subIcbLocations: new Set(subIcbLocations.organisations.map(({ record }) => record.code)) });
  // Frimley's PCNs and practices move to the sub-ICB location the April 2026 practice file gives them
  const { pcns, practices } = withFrimleyIn2026({
    subIcbOfPractice: new Map(patients.practices.map((p) => [p.practiceCode, p.subIcbCode])),
    pcns: readPcns(source, { regionOfSubIcb: subIcbLocations.regionOfSubIcb }),
    practices: readGpPractices(source, { regionOfSubIcb: subIcbLocations.regionOfSubIcb }),
    regionOfSubIcb: subIcbLocations.regionOfSubIcb,
    practiceFile: patients.file ?? undefined,
  });
  const trusts = readNhsTrusts(source);
  const allocations = readIcbAllocations(source, { successorsOfIcb: icbs.successorsOfIcb });
  const localAuthorities = readUpperTierLocalAuthorities(source, { regionOfIcb: icbs.regionOfIcb });
  const laIcbLookup = readLaIcbLookup(source);
  const healthBoards = readScotlandHealthBoards(source);
  const hscps = readScotlandHscps(source);
  const specialBoards = readScotlandSpecialHealthBoards(source);
  const wales = readWalesBodies(source, { welshTrusts: trusts.welshTrusts });
  const northernIreland = readNorthernIrelandBodies(source);
  const whoCommissionsWhat = readWhoCommissionsWhat(source);

  // File by file: its refused rows, then the codes it reuses from an earlier file (or row)
  const reads: (Read<object> & Partial<OrganisationsRead>)[] = [
    supportBodies, nationalBodies, regions, icbs2026, icbs, opened, ccgs, subIcbLocations, pcns, practices, patients, trusts, allocations,
    localAuthorities, laIcbLookup, healthBoards, hscps, specialBoards, wales, northernIreland, whoCommissionsWhat,
  ];
  const errors: RowError[] = [];
  const organisations = new Map<string, OrganisationRecord>();
  for (const read of reads) {
    errors.push(...read.errors);
    for (const { file, line, record } of read.organisations ?? []) {
      if (organisations.has(record.code)) errors.push({ file, line, reason: `code ${record.code} is already used by another row` });
      else organisations.set(record.code, record);
    }
  }
  // Row errors first: a dropped row would only add knock-on errors below (its children losing their parent)
  if (errors.length > 0) throw new ImportValidationError(dedupe(errors));

  const data: Omit<ReferenceData, "files"> = {
    organisations: [...organisations.values()],
    successions: [...supportBodies.successions, ...icbs.successions, ...ccgs.successions, ...subIcbLocations.successions, ...trusts.successions, ...specialBoards.successions, ...wales.successions, ...northernIreland.successions],
    allocations: allocations.allocations,
    overlaps: laIcbLookup.overlaps,
    serviceCategories: whoCommissionsWhat.serviceCategories,
    responsibilities: whoCommissionsWhat.responsibilities,
    // Summed over the bodies just read, so a PCN or ICB totals exactly the practices loaded with it
    registeredPatients: rollUpRegisteredPatients(patients, organisations),
  };
  const unresolved = unresolvedReferences(data, new Set(organisations.keys()));
  if (unresolved.length > 0) throw new ImportValidationError(dedupe(unresolved));

  const files = Object.fromEntries(
    [...DATA_FILES, ...(patients.file ? [patients.file] : [])].map((file) => [file, createHash("sha256").update(readFileSync(path.join(source.dataDir, file))).digest("hex")]),
  );
  return { ...data, files };
}

/** Cross-file checks: every code a record names must be a body of the data, or nothing is loaded. */
function unresolvedReferences(data: Omit<ReferenceData, "files">, codes: ReadonlySet<string>): RowError[] {
  const errors: RowError[] = [];
  const known = (code: string | null) => code === null || codes.has(code);
  for (const record of data.organisations) {
    if (!known(record.parentCode)) errors.push({ file: "(cross-file)", line: 0, reason: `${record.code}: parent ${record.parentCode} is not in the data` });
    if (!known(record.regionCode)) errors.push({ file: "(cross-file)", line: 0, reason: `${record.code}: region ${record.regionCode} is not in the data` });
  }
  for (const succession of data.successions) {
    if (!known(succession.predecessorCode) || !known(succession.successorCode)) {
      errors.push({ file: "(cross-file)", line: 0, reason: `succession ${succession.predecessorCode} -> ${succession.successorCode} names a body not in the data` });
    }
  }
  for (const allocation of data.allocations) {
    if (!known(allocation.organisationCode)) errors.push({ file: "icb_allocations.csv", line: 0, reason: `ICB ${allocation.organisationCode} is not in icbs.csv` });
  }
  for (const overlap of data.overlaps) {
    if (!known(overlap.localAuthorityCode) || !known(overlap.icbCode)) {
      errors.push({ file: "england_la_icb_lookup.csv", line: 0, reason: `${overlap.localAuthorityCode} -> ${overlap.icbCode} names a body not in the data` });
    }
  }
  for (const responsibility of data.responsibilities) {
    if (!known(responsibility.commissionerOrgCode)) {
      errors.push({ file: "who_commissions_what.csv", line: 0, reason: `commissioner ${responsibility.commissionerOrgCode} is not in the data` });
    }
  }
  return errors;
}

function dedupe(errors: RowError[]): RowError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = `${error.file}:${error.line}:${error.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
