// Reads every file of data/ (see data/PROVENANCE.md) into one validated ReferenceData.
// Each file has a zod schema for its rows; any invalid row anywhere stops the whole import
// before the database is touched, so the reference data is never half-loaded.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import {
  ARRANGEMENTS,
  COMMISSIONER_KINDS,
  COMMISSIONER_KIND_TO_ORGANISATION_KIND,
  CODE_SYSTEMS,
  NATIONS,
  ORGANISATION_KINDS,
  type OrganisationKind,
  type Nation,
} from "@/lib/organisations/vocabulary";
import { ImportValidationError, readCsv, type RowError } from "./csv";
import type {
  AllocationRecord,
  AreaOverlapRecord,
  IsoDate,
  OrganisationRecord,
  ReferenceData,
  ResponsibilityRecord,
  ServiceCategoryRecord,
  SuccessionRecord,
} from "./records";

export const DATA_FILES = [
  "national_bodies.csv",
  "nhs_england_regions.csv",
  "icbs.csv",
  "icbs_2026.csv",
  "sub_icb_locations.csv",
  "pcns.csv",
  "gp_practices.csv",
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

/** The date of the April 2026 ICB mergers: the old ICBs closed the day before. */
const APR_2026 = "2026-04-01";
const CLOSED_MAR_2026 = "2026-03-31";

// ---------- field helpers ----------
const text = z.string().trim().min(1, "is required");
const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? null : value));
const count = z.string().trim().regex(/^\d+$/, "must be a whole number").transform(Number);
const optionalCount = z
  .string()
  .trim()
  .refine((value) => value === "" || /^\d+$/.test(value), "must be a whole number or empty")
  .transform((value) => (value === "" ? null : Number(value)));
const decimal = z.string().trim().regex(/^-?\d+(\.\d+)?$/, "must be a number");
const isoDate = z
  .string()
  .trim()
  .refine((value) => value === "" || isRealDate(value), "must be a date YYYY-MM-DD or empty")
  .transform((value) => (value === "" ? null : value));
/** ODS files write dates as YYYYMMDD */
const odsDate = z
  .string()
  .trim()
  .refine((value) => value === "" || (/^\d{8}$/.test(value) && isRealDate(toIso(value))), "must be a date YYYYMMDD or empty")
  .transform((value) => (value === "" ? null : toIso(value)));
const yesNo = z.enum(["yes", "no"]);
const codeList = z
  .string()
  .trim()
  .transform((value) => (value === "" ? [] : value.split(";").map((part) => part.trim()).filter(Boolean)));

function toIso(yyyymmdd: string): string {
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}
function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

const ACRONYMS = new Set(["NHS", "ICB", "PCN", "UK", "HSC", "II", "III"]);
const SMALL_WORDS = new Set(["and", "of", "the", "for", "in", "on", "with"]);
/** ODS and RTT files are upper case; show ICB, sub-ICB and trust names as NHS England writes them. */
export function toDisplayCase(name: string): string {
  if (name !== name.toUpperCase()) return name;
  return name
    .toLowerCase()
    .split(/(\s+|-|\(|\))/)
    .map((word, index) => {
      const upper = word.toUpperCase();
      if (ACRONYMS.has(upper)) return upper;
      if (/^[a-z]\d/.test(word) || /\d/.test(word)) return upper; // codes such as "15E"
      if (index > 0 && SMALL_WORDS.has(word)) return word;
      return word.charAt(0).toUpperCase() + word.slice(1);
    })
    .join("")
    .replace(/'S\b/g, "'s");
}

function statusFor(closeDate: IsoDate | null, today: IsoDate): "open" | "closed" {
  return closeDate !== null && closeDate <= today ? "closed" : "open";
}

function distinct(values: (string | null | undefined)[], exclude: string): string[] {
  const seen = new Set<string>();
  for (const value of values) {
    if (value && value.toLowerCase() !== exclude.toLowerCase()) seen.add(value);
  }
  return [...seen];
}

type Base = Omit<OrganisationRecord, "code" | "codeSystem" | "name" | "kind" | "nation" | "source" | "sourceAsOf" | "status">;
function organisation(
  fields: Pick<OrganisationRecord, "code" | "codeSystem" | "name" | "kind" | "nation" | "source" | "sourceAsOf"> & Partial<Base>,
  today: IsoDate,
): OrganisationRecord {
  const closeDate = fields.closeDate ?? null;
  return {
    onsCode: null,
    otherNames: [],
    subtype: null,
    parentCode: null,
    regionCode: null,
    openDate: null,
    postcode: null,
    address: null,
    website: null,
    population: null,
    populationYear: null,
    populationSource: null,
    details: {},
    ...fields,
    closeDate,
    status: statusFor(closeDate, today),
  };
}

// ---------- source descriptions (see data/SOURCES.md for the letters) ----------
const SRC = {
  gpMap: "NHS England GP registration mapping file, extract 1 Oct 2025 (SOURCES.md A)",
  rtt2026: "NHS England RTT full extract, April 2026, commissioner hierarchy (SOURCES.md B)",
  etr: "ODS etr.csv NHS trusts, mid-2026 extract (SOURCES.md C)",
  epcn: "ODS ePCN PCN details, about Oct-Dec 2024 (SOURCES.md D)",
  onsPop2022: "ONS mid-2022 population estimates by sub-ICB location (SOURCES.md E)",
  allocations: "NHS England ICB allocation workbooks 2023/24-2024/25 and 2025/26, £ thousands (SOURCES.md G)",
  phsGeography: "PHS geography codes and labels ca11_ca19 / hb14_hb19 (SOURCES.md H, I, J)",
  nrs2022: "NRS mid-2022 population estimates (SOURCES.md K)",
  phsSpecial: "PHS special health boards file, 19 Feb 2021 (SOURCES.md L)",
  walesOns: "ONS LHB19 names and codes, UA19-LHB19 lookup (SOURCES.md M)",
  onsPop2024: "ONS mid-2024 population estimates, MYE2 persons (SOURCES.md N)",
  niorg: "ODS niorg.csv Northern Ireland organisations, about April 2020 (SOURCES.md O)",
  nisra2020: "NISRA mid-2020 HSC trust population estimates (SOURCES.md P)",
  laRegister: "mySociety UK local authority register, 10 Jul 2025, CC BY 4.0 (SOURCES.md Q, R)",
  laIcbLookup: "ONS LSOA21 to sub-ICB to ICB (Apr 2024) and LSOA21 to LAD24 lookups (SOURCES.md S, T)",
  frimleySplit: "Reported split of Frimley sub-ICB D4U1Y (third-party project note, not an ODS file; SOURCES.md caveat)",
  handCompiled: "hand-compiled from public facts (SOURCES.md, Hand-compiled lists)",
} as const;

const AS_OF = {
  gpMap: "2025-10-01",
  rtt2026: "2026-04-30",
  etr: "2026-06-01",
  phs: "2022-07-05",
  wales: "2026-11-23",
  niorg: "2020-04-25",
  laRegister: "2025-07-10",
  handCompiled: "2026-11-23",
} as const;

// ---------- schemas ----------
const nationalBodySchema = z.object({
  code: text,
  code_system: z.enum(CODE_SYSTEMS),
  name: text,
  other_names: codeList,
  kind: z.enum(ORGANISATION_KINDS),
  subtype: optionalText,
  nation: z.enum(NATIONS),
  parent_code: optionalText,
  open_date: isoDate,
  close_date: isoDate,
  website: optionalText,
  source: text,
});

const regionSchema = z.object({
  ods_code: text,
  ons_code: text,
  name: text,
  icb_count_oct2025: count,
  icb_count_apr2026: count,
  gp_practices_oct2025: count,
  pcns_oct2025: count,
});

const icbSchema = z.object({
  ods_code: text,
  ons_code: text,
  name: text,
  region_ods_code: text,
  region_name: text,
  sub_icb_count: count,
  gp_practices_oct2025: count,
  pcns_oct2025: count,
  population_ons_mid2022: count,
  successor_icb_ods_code_apr2026: codeList.refine((codes) => codes.length > 0, "is required"),
  successor_icb_name_apr2026: text,
  status_apr2026: text,
});

const icb2026Schema = z.object({
  ods_code: text,
  ons_code_if_unchanged: optionalText,
  name: text,
  region_ods_code_derived: text,
  predecessor_icb_ods_codes: codeList,
  sub_icb_ods_codes_apr2026: codeList,
  sub_icb_count: count,
  population_ons_mid2022_if_boundary_unchanged: optionalCount,
  change_note: text,
});

const subIcbSchema = z.object({
  ods_code: text,
  ons_code: optionalText,
  name_oct2025: optionalText,
  icb_ods_code_oct2025: optionalText,
  region_ods_code_oct2025: optionalText,
  gp_practices_oct2025: optionalCount,
  pcns_oct2025: optionalCount,
  population_ons_mid2022: optionalCount,
  in_oct2025_gp_mapping: yesNo,
  in_apr2026_rtt: yesNo,
  icb_ods_code_apr2026: optionalText,
  name_apr2026: optionalText,
  note: optionalText,
});

const pcnSchema = z.object({
  pcn_code: text,
  pcn_name: text,
  sub_icb_ods_code: text,
  sub_icb_source: text,
  icb_ods_code: text,
  region_ods_code: text,
  icb_ods_code_apr2026: optionalText,
  member_practices_oct2025: count,
  member_practice_sub_icb_codes: codeList,
  open_date_epcn: odsDate,
  close_date_epcn: odsDate,
  postcode_epcn: optionalText,
});

const practiceSchema = z.object({
  practice_code: text,
  practice_name: text,
  postcode: optionalText,
  pcn_code: optionalText,
  pcn_name: optionalText,
  sub_icb_ods_code: text,
  sub_icb_ons_code: optionalText,
  icb_ods_code: text,
  icb_ons_code: optionalText,
  region_ods_code: text,
  region_ons_code: optionalText,
  gp_system_supplier: z.enum(["EMIS", "TPP", "Unknown"]),
  icb_ods_code_apr2026_via_sub_icb: optionalText,
});

const trustSchema = z.object({
  ods_code: text,
  name: text,
  trust_type_derived_from_name: text,
  ambulance_trust: yesNo,
  region_ods_code: optionalText,
  icb_ods_code: optionalText,
  address: optionalText,
  postcode: optionalText,
  open_date: odsDate,
  close_date: odsDate,
  gor_code: text,
  gor_name: text,
});

const allocationColumns = {
  core_2023_24_recurrent_gbp_k: ["2023/24", "core-recurrent"],
  core_2023_24_total_gbp_k: ["2023/24", "core-total"],
  core_2023_24_combined_gbp_k: ["2023/24", "core-combined"],
  pmc_2023_24_recurrent_gbp_k: ["2023/24", "primary-medical-care-recurrent"],
  other_primary_care_2023_24_recurrent_gbp_k: ["2023/24", "other-primary-care-recurrent"],
  running_costs_2023_24_gbp_k: ["2023/24", "running-costs"],
  core_2024_25_recurrent_gbp_k: ["2024/25", "core-recurrent"],
  core_2024_25_total_gbp_k: ["2024/25", "core-total"],
  core_2024_25_combined_gbp_k: ["2024/25", "core-combined"],
  pmc_2024_25_recurrent_gbp_k: ["2024/25", "primary-medical-care-recurrent"],
  other_primary_care_2024_25_recurrent_gbp_k: ["2024/25", "other-primary-care-recurrent"],
  running_costs_2024_25_gbp_k: ["2024/25", "running-costs"],
  core_2025_26_recurrent_gbp_k: ["2025/26", "core-recurrent"],
  core_2025_26_total_gbp_k: ["2025/26", "core-total"],
  specialised_2025_26_phys_hcdd_recurrent_gbp_k: ["2025/26", "specialised-physical-health-hcdd-recurrent"],
  specialised_2025_26_delegated_mh_gbp_k: ["2025/26", "specialised-delegated-mental-health"],
  pmc_2025_26_revised_recurrent_gbp_k: ["2025/26", "primary-medical-care-revised-recurrent"],
  pod_2025_26_total_gbp_k: ["2025/26", "pharmacy-optometry-dental-total"],
  running_costs_2025_26_gbp_k: ["2025/26", "running-costs"],
} as const;
const allocationSchema = z.object({
  icb_ods_code: text,
  icb_name: text,
  region_ods_code: text,
  successor_icb_ods_code_apr2026: codeList,
  ...Object.fromEntries(Object.keys(allocationColumns).map((column) => [column, decimal])),
});

const localAuthoritySchema = z.object({
  ons_code: text,
  name: text,
  official_name: text,
  la_type: text,
  ons_geography_type: text,
  region: text,
  mysociety_code: optionalText,
  lower_tier_district_count: optionalCount,
  lower_tier_district_codes: codeList,
  population: count,
  population_year: text,
  primary_icb_ons_code: optionalText,
  primary_icb_ods_code: text,
  primary_icb_name: text,
  primary_icb_lsoa_share: decimal,
  icb_count: count,
  all_icb_ods_codes: codeList,
  primary_icb_ods_code_apr2026: text,
  commissions_public_health: yesNo,
});

const laIcbSchema = z.object({
  la_level: z.enum(["UTLA", "LTLA"]),
  la_code: text,
  la_name: text,
  utla_code: text,
  utla_name: text,
  icb_ons_code: optionalText,
  icb_ods_code: text,
  icb_name: text,
  sub_icb_ods_codes: text,
  lsoa21_count: count,
  la_lsoa21_total: count,
  lsoa_share: decimal,
  is_primary_icb: yesNo,
  icb_ods_codes_apr2026: text,
});

const healthBoardSchema = z.object({
  ons_code: text,
  name: text,
  org_type: text,
  source: text,
  nhs_board_code: text,
  cipher_letter: text,
  short_name_ons: text,
  ons_code_enacted: isoDate,
  previous_ons_codes: codeList,
  council_area_codes: codeList,
  council_area_names: codeList,
  hscp_codes: codeList,
  hscp_count: count,
  population: count,
  population_year: text,
  population_source: text,
});

const hscpSchema = z.object({
  hscp_code: text,
  hscp_name: text,
  health_board_code: text,
  health_board_name: text,
  council_area_codes: codeList,
  council_area_names: codeList,
  council_area_count: count,
  hscp_code_enacted: isoDate,
  previous_hscp_codes: codeList,
  population: count,
  population_year: text,
  note: optionalText,
});

/** "active", "active from 2020-04-01" or "dissolved 2020-03-31 (...)" */
const statusText = z
  .string()
  .trim()
  .regex(/^(active( from \d{4}-\d{2}-\d{2})?|dissolved \d{4}-\d{2}-\d{2}.*)$/, "must be 'active', 'active from DATE' or 'dissolved DATE'")
  .transform((value) => {
    const date = value.match(/\d{4}-\d{2}-\d{2}/)?.[0] ?? null;
    return value.startsWith("dissolved") ? { openDate: null, closeDate: date } : { openDate: date, closeDate: null };
  });

const specialBoardSchema = z.object({
  phs_code: optionalText,
  name: text,
  also_known_as: optionalText,
  org_type: text,
  status: statusText,
  source: text,
});

const walesSchema = z.object({
  ods_code: optionalText,
  ons_code: optionalText,
  name: text,
  org_type: text,
  source: text,
  welsh_name: optionalText,
  unitary_authority_codes: codeList,
  unitary_authority_names: codeList,
  population: optionalCount,
  population_year: optionalText,
  status: statusText,
  established: isoDate,
  note: optionalText,
});

const northernIrelandSchema = z.object({
  name: text,
  org_type: text,
  status: statusText,
  note: optionalText,
  source: text,
  ods_code: optionalText,
  ods_name: optionalText,
  ods_open_date: isoDate,
  nisra_hsct_code: optionalText,
  population: optionalCount,
  population_year: optionalText,
});

const whoCommissionsWhatSchema = z.object({
  service_category_slug: z.string().trim().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be a lower-case slug"),
  service_category: text,
  nation: z.enum(NATIONS),
  commissioner_kind: z.enum(COMMISSIONER_KINDS),
  commissioner_name_if_single: optionalText,
  arrangement: z.enum(ARRANGEMENTS),
  effective_from: isoDate,
  notes: optionalText,
  source_title: text,
  source_url: z.string().trim().url("must be a URL"),
  evidence: z.enum(["direct", "indirect"]),
});

// Bodies that no data file gives a code for: a stable Atlas reference, marked code_system "atlas".
const WALES_UNCODED: Record<string, { code: string; kind: OrganisationKind; short: string }> = {
  "Health Education and Improvement Wales": { code: "ATLAS-W-HEIW", kind: "national-body", short: "HEIW" },
  "Digital Health and Care Wales": { code: "ATLAS-W-DHCW", kind: "national-body", short: "DHCW" },
  "NHS Wales Joint Commissioning Committee": { code: "ATLAS-W-JCC", kind: "national-body", short: "JCC" },
  "Welsh Health Specialised Services Committee": { code: "ATLAS-W-WHSSC", kind: "national-body", short: "WHSSC" },
  "Emergency Ambulance Services Committee": { code: "ATLAS-W-EASC", kind: "national-body", short: "EASC" },
};
const NI_UNCODED: Record<string, { code: string; kind: OrganisationKind; short: string }> = {
  "Strategic Planning and Performance Group (Department of Health NI)": { code: "ATLAS-NI-SPPG", kind: "sppg", short: "SPPG" },
  "Public Health Agency": { code: "ATLAS-NI-PHA", kind: "national-body", short: "PHA" },
  "Business Services Organisation": { code: "ATLAS-NI-BSO", kind: "national-body", short: "BSO" },
};
const PUBLIC_HEALTH_SCOTLAND = "ATLAS-S-PHS";

/** Named commissioners in who_commissions_what.csv that are bodies of the atlas. */
const NAMED_COMMISSIONERS: Record<string, string> = {
  "NHS England": "X24",
  "Strategic Planning and Performance Group (Department of Health NI)": "ATLAS-NI-SPPG",
  "NHS Wales Joint Commissioning Committee": "ATLAS-W-JCC",
  "Public Health Agency": "ATLAS-NI-PHA",
  "Welsh Government": "ATLAS-WALESGOV",
  "Northern Ireland Ambulance Service HSC Trust": "Z1990",
  "South Eastern Health and Social Care Trust": "ZT004",
  "Northern Health and Social Care Trust": "ZT002",
  "Scottish Ambulance Service (special health board)": "SB0806",
  "NHS 24 (special health board)": "SB0803",
  "The State Hospitals Board for Scotland": "SB0802",
  "NHS Golden Jubilee (National Waiting Times Centre Board)": "SB0801",
  "NHS National Services Scotland (National Services Division)": "SB0808",
  "NHS National Services Scotland (Screening Oversight and Assurance Scotland)": "SB0808",
  "Public Health Wales": "RYT",
  "Public Health Wales (Screening Division)": "RYT",
};
const COMMISSIONER_KIND_BODY: Partial<Record<string, string>> = {
  "nhs-england": "X24",
  sppg: "ATLAS-NI-SPPG",
  "public-health-agency": "ATLAS-NI-PHA",
  "nhs-wales-joint-commissioning-committee": "ATLAS-W-JCC",
  "welsh-government": "ATLAS-WALESGOV",
  "nhs-national-services-scotland": "SB0808",
};

export type ReadOptions = { dataDir: string; today: IsoDate };

export function readReferenceData({ dataDir, today }: ReadOptions): ReferenceData {
  const errors: RowError[] = [];
  const read = <S extends z.ZodType>(file: (typeof DATA_FILES)[number], schema: S) => readCsv(dataDir, file, schema, errors);

  const organisations = new Map<string, OrganisationRecord>();
  const successions: SuccessionRecord[] = [];
  const add = (record: OrganisationRecord, file: string, line: number) => {
    if (organisations.has(record.code)) {
      errors.push({ file, line, reason: `code ${record.code} is already used by another row` });
      return;
    }
    organisations.set(record.code, record);
  };

  // National bodies (hand-compiled)
  for (const { line, value: row } of read("national_bodies.csv", nationalBodySchema)) {
    add(
      organisation(
        {
          code: row.code,
          codeSystem: row.code_system,
          name: row.name,
          otherNames: row.other_names,
          kind: row.kind,
          subtype: row.subtype,
          nation: row.nation,
          parentCode: row.parent_code,
          openDate: row.open_date,
          closeDate: row.close_date,
          website: row.website,
          source: `national_bodies.csv; ${row.source}`,
          sourceAsOf: AS_OF.handCompiled,
        },
        today,
      ),
      "national_bodies.csv",
      line,
    );
  }

  // NHS England regions
  for (const { line, value: row } of read("nhs_england_regions.csv", regionSchema)) {
    add(
      organisation(
        {
          code: row.ods_code,
          codeSystem: "ods",
          onsCode: row.ons_code,
          name: row.name,
          otherNames: [`NHS England ${row.name} region`],
          kind: "nhse-region",
          nation: "england",
          parentCode: "X24",
          regionCode: row.ods_code,
          source: `nhs_england_regions.csv; ${SRC.gpMap}; ICB count Apr 2026 from ${SRC.rtt2026}`,
          sourceAsOf: AS_OF.gpMap,
          details: {
            icbCountOct2025: row.icb_count_oct2025,
            icbCountApr2026: row.icb_count_apr2026,
            gpPracticesOct2025: row.gp_practices_oct2025,
            pcnsOct2025: row.pcns_oct2025,
          },
        },
        today,
      ),
      "nhs_england_regions.csv",
      line,
    );
  }

  // ICBs: the 42 of July 2022 to March 2026, then the 36 from 1 April 2026
  const icbs2026 = read("icbs_2026.csv", icb2026Schema);
  const icbs2026ByCode = new Map(icbs2026.map(({ value }) => [value.ods_code, value]));
  const icbs2022 = read("icbs.csv", icbSchema);
  const icbRegion = new Map<string, string>();
  for (const { line, value: row } of icbs2022) {
    const current = icbs2026ByCode.get(row.ods_code);
    const continues = current !== undefined;
    const boundaryChanged = continues && current.population_ons_mid2022_if_boundary_unchanged === null;
    icbRegion.set(row.ods_code, row.region_ods_code);
    add(
      organisation(
        {
          code: row.ods_code,
          codeSystem: "ods",
          onsCode: row.ons_code,
          name: row.name,
          otherNames: distinct([toDisplayCase(row.successor_icb_name_apr2026)].filter(() => continues), row.name),
          kind: "icb",
          nation: "england",
          parentCode: row.region_ods_code,
          regionCode: row.region_ods_code,
          openDate: "2022-07-01",
          closeDate: continues ? null : CLOSED_MAR_2026,
          // A population for the old boundary would mislead once the boundary has moved
          population: boundaryChanged ? null : row.population_ons_mid2022,
          populationYear: boundaryChanged ? null : "mid-2022",
          populationSource: boundaryChanged ? null : SRC.onsPop2022,
          source: `icbs.csv; ${SRC.gpMap}; status from ${SRC.rtt2026}`,
          sourceAsOf: continues ? AS_OF.rtt2026 : AS_OF.gpMap,
          details: {
            subIcbCountOct2025: row.sub_icb_count,
            gpPracticesOct2025: row.gp_practices_oct2025,
            pcnsOct2025: row.pcns_oct2025,
            statusApr2026: row.status_apr2026,
            ...(boundaryChanged
              ? { populationBeforeApr2026: row.population_ons_mid2022, populationNote: current.change_note }
              : {}),
            ...(continues ? { subIcbCodesApr2026: current.sub_icb_ods_codes_apr2026 } : {}),
          },
        },
        today,
      ),
      "icbs.csv",
      line,
    );
    if (!continues) {
      const split = row.successor_icb_ods_code_apr2026.length > 1;
      for (const successorCode of row.successor_icb_ods_code_apr2026) {
        successions.push({
          predecessorCode: row.ods_code,
          successorCode,
          effectiveDate: APR_2026,
          reason: split ? "split" : "merger",
          note: row.status_apr2026,
          source: SRC.rtt2026,
        });
      }
    }
  }
  for (const { line, value: row } of icbs2026) {
    icbRegion.set(row.ods_code, icbRegion.get(row.ods_code) ?? row.region_ods_code_derived);
    if (organisations.has(row.ods_code)) continue; // continuing ICB, added above
    add(
      organisation(
        {
          code: row.ods_code,
          codeSystem: "ods",
          name: toDisplayCase(row.name),
          kind: "icb",
          nation: "england",
          parentCode: row.region_ods_code_derived,
          regionCode: row.region_ods_code_derived,
          openDate: APR_2026,
          population: row.population_ons_mid2022_if_boundary_unchanged,
          populationYear: row.population_ons_mid2022_if_boundary_unchanged === null ? null : "mid-2022",
          populationSource:
            row.population_ons_mid2022_if_boundary_unchanged === null
              ? null
              : `Sum of its sub-ICB locations, whose boundaries are unchanged: ${SRC.onsPop2022}`,
          source: `icbs_2026.csv; ${SRC.rtt2026}; region derived from its predecessors (${SRC.gpMap})`,
          sourceAsOf: AS_OF.rtt2026,
          details: {
            predecessorIcbCodes: row.predecessor_icb_ods_codes,
            subIcbCodesApr2026: row.sub_icb_ods_codes_apr2026,
            changeNote: row.change_note,
            onsCodeNote: "No ONS code for the 2026 ICBs was found (SOURCES.md)",
          },
        },
        today,
      ),
      "icbs_2026.csv",
      line,
    );
  }

  // Sub-ICB locations (their codes are the codes of the CCGs they replaced on 1 July 2022)
  const subIcbRegion = new Map<string, string>();
  for (const { line, value: row } of read("sub_icb_locations.csv", subIcbSchema)) {
    const open = row.in_apr2026_rtt === "yes";
    const icbCode = row.icb_ods_code_apr2026 ?? row.icb_ods_code_oct2025;
    const currentName = row.name_apr2026 ? toDisplayCase(row.name_apr2026) : row.name_oct2025;
    if (!icbCode || !currentName) {
      errors.push({ file: "sub_icb_locations.csv", line, reason: "needs an ICB code and a name (Oct 2025 or Apr 2026)" });
      continue;
    }
    const region = icbRegion.get(icbCode) ?? row.region_ods_code_oct2025;
    if (region) subIcbRegion.set(row.ods_code, region);
    const boundaryChanged = /boundary reported expanded/.test(row.note ?? "");
    const isNew = row.in_oct2025_gp_mapping === "no";
    add(
      organisation(
        {
          code: row.ods_code,
          codeSystem: "ods",
          onsCode: row.ons_code,
          name: currentName,
          otherNames: distinct([row.name_oct2025], currentName),
          kind: "sub-icb-location",
          nation: "england",
          parentCode: icbCode,
          regionCode: region ?? null,
          openDate: isNew ? APR_2026 : "2022-07-01",
          closeDate: open ? null : CLOSED_MAR_2026,
          population: boundaryChanged ? null : row.population_ons_mid2022,
          populationYear: !boundaryChanged && row.population_ons_mid2022 !== null ? "mid-2022" : null,
          populationSource: !boundaryChanged && row.population_ons_mid2022 !== null ? SRC.onsPop2022 : null,
          source: `sub_icb_locations.csv; ${SRC.gpMap}; ${SRC.rtt2026}`,
          sourceAsOf: open ? AS_OF.rtt2026 : AS_OF.gpMap,
          details: {
            formerCcgCode: isNew ? null : row.ods_code,
            gpPracticesOct2025: row.gp_practices_oct2025,
            pcnsOct2025: row.pcns_oct2025,
            icbCodeOct2025: row.icb_ods_code_oct2025,
            ...(boundaryChanged ? { populationBeforeApr2026: row.population_ons_mid2022 } : {}),
            ...(row.note ? { note: row.note } : {}),
          },
        },
        today,
      ),
      "sub_icb_locations.csv",
      line,
    );
    if (!open && row.ods_code === "D4U1Y") {
      for (const successorCode of ["U2G6B", "D9Y0V", "92A"]) {
        successions.push({
          predecessorCode: "D4U1Y",
          successorCode,
          effectiveDate: APR_2026,
          reason: "split",
          note: "Reported split of Frimley's practices (U2G6B 41, D9Y0V 14, 92A 11); not from an ODS file",
          source: SRC.frimleySplit,
        });
      }
    }
  }

  // PCNs
  for (const { line, value: row } of read("pcns.csv", pcnSchema)) {
    add(
      organisation(
        {
          code: row.pcn_code,
          codeSystem: "ods",
          name: row.pcn_name,
          kind: "pcn",
          nation: "england",
          parentCode: row.sub_icb_ods_code,
          regionCode: subIcbRegion.get(row.sub_icb_ods_code) ?? row.region_ods_code,
          openDate: row.open_date_epcn,
          closeDate: row.close_date_epcn,
          postcode: row.postcode_epcn,
          source: `pcns.csv; ${SRC.gpMap}; dates and postcode from ${SRC.epcn}`,
          sourceAsOf: AS_OF.gpMap,
          details: {
            memberPracticesOct2025: row.member_practices_oct2025,
            memberPracticeSubIcbCodes: row.member_practice_sub_icb_codes,
            subIcbSource: row.sub_icb_source,
          },
        },
        today,
      ),
      "pcns.csv",
      line,
    );
  }

  // GP practices
  for (const { line, value: row } of read("gp_practices.csv", practiceSchema)) {
    add(
      organisation(
        {
          code: row.practice_code,
          codeSystem: "ods",
          name: row.practice_name,
          kind: "gp-practice",
          nation: "england",
          // 71 practices have no PCN ("Unallocated"); they sit directly under their sub-ICB location
          parentCode: row.pcn_code ?? row.sub_icb_ods_code,
          regionCode: subIcbRegion.get(row.sub_icb_ods_code) ?? row.region_ods_code,
          postcode: row.postcode,
          source: `gp_practices.csv; ${SRC.gpMap}`,
          sourceAsOf: AS_OF.gpMap,
          details: { gpSystemSupplier: row.gp_system_supplier, pcnUnallocated: row.pcn_code === null },
        },
        today,
      ),
      "gp_practices.csv",
      line,
    );
  }

  // NHS trusts (England here; the three all-Wales trusts are listed with the Welsh bodies)
  const welshTrustDetails = new Map<string, { address: string | null; postcode: string | null; openDate: string | null }>();
  for (const { line, value: row } of read("nhs_trusts.csv", trustSchema)) {
    if (row.gor_code === "W") {
      welshTrustDetails.set(row.ods_code, { address: row.address, postcode: row.postcode, openDate: row.open_date });
      continue;
    }
    add(
      organisation(
        {
          code: row.ods_code,
          codeSystem: "ods",
          name: toDisplayCase(row.name),
          kind: "nhs-trust",
          subtype: row.ambulance_trust === "yes" ? `${row.trust_type_derived_from_name} (ambulance)` : row.trust_type_derived_from_name,
          nation: "england",
          // The ODS "high level health geography": the ICB the trust sits in
          parentCode: row.icb_ods_code,
          regionCode: row.region_ods_code,
          openDate: row.open_date,
          closeDate: row.close_date,
          address: row.address,
          postcode: row.postcode,
          source: `nhs_trusts.csv; ${SRC.etr}`,
          sourceAsOf: AS_OF.etr,
          details: { ambulanceTrust: row.ambulance_trust === "yes", governmentOfficeRegion: row.gor_name },
        },
        today,
      ),
      "nhs_trusts.csv",
      line,
    );
  }

  // ICB allocations (42-ICB structure)
  const allocations: AllocationRecord[] = [];
  for (const { value: row } of read("icb_allocations.csv", allocationSchema)) {
    for (const [column, [financialYear, lineName]] of Object.entries(allocationColumns)) {
      allocations.push({
        organisationCode: row.icb_ods_code,
        financialYear,
        line: lineName,
        amountGbpThousands: (row as unknown as Record<string, string>)[column] as string,
        structure: "42-icb",
        source: `icb_allocations.csv; ${SRC.allocations}`,
      });
    }
  }

  // English upper-tier and unitary councils (public health commissioners)
  const localAuthorities = read("england_upper_tier_local_authorities.csv", localAuthoritySchema);
  for (const { line, value: row } of localAuthorities) {
    const currentIcb = row.primary_icb_ods_code_apr2026.startsWith("unknown") ? null : row.primary_icb_ods_code_apr2026;
    add(
      organisation(
        {
          code: row.ons_code,
          codeSystem: "ons",
          onsCode: row.ons_code,
          name: row.official_name,
          otherNames: distinct([row.name, row.mysociety_code], row.official_name),
          kind: "local-authority",
          subtype: row.la_type,
          nation: "england",
          // Regions are unchanged by the 2026 mergers, so the region of the primary ICB holds either way
          regionCode: icbRegion.get(currentIcb ?? row.primary_icb_ods_code) ?? null,
          population: row.population,
          populationYear: row.population_year,
          populationSource: SRC.onsPop2024,
          source: `england_upper_tier_local_authorities.csv; ${SRC.laRegister}`,
          sourceAsOf: AS_OF.laRegister,
          details: {
            commissionsPublicHealth: row.commissions_public_health === "yes",
            englishRegion: row.region,
            lowerTierDistrictCodes: row.lower_tier_district_codes,
            primaryIcbCodeApr2026: currentIcb,
            primaryIcbCodeOct2025: row.primary_icb_ods_code,
          },
        },
        today,
      ),
      "england_upper_tier_local_authorities.csv",
      line,
    );
  }

  // Council-to-ICB overlaps on the April 2026 ICBs (LSOA counts, not population)
  const overlapCounts = new Map<string, { la: string; icb: string; lsoas: number; total: number }>();
  for (const { line, value: row } of read("england_la_icb_lookup.csv", laIcbSchema)) {
    if (row.la_level !== "UTLA") continue;
    for (const part of row.icb_ods_codes_apr2026.split(";")) {
      const match = part.trim().match(/^(.*):(\d+)$/);
      if (!match) {
        errors.push({ file: "england_la_icb_lookup.csv", line, reason: `icb_ods_codes_apr2026 part "${part}" is not CODE:count` });
        continue;
      }
      const [, icb = "", lsoas = "0"] = match;
      if (icb.startsWith("unknown")) continue; // Frimley's split area: no official mapping
      const key = `${row.la_code}|${icb}`;
      const entry = overlapCounts.get(key) ?? { la: row.la_code, icb, lsoas: 0, total: row.la_lsoa21_total };
      entry.lsoas += Number(lsoas);
      overlapCounts.set(key, entry);
    }
  }
  const largestShare = new Map<string, number>();
  for (const entry of overlapCounts.values()) {
    largestShare.set(entry.la, Math.max(largestShare.get(entry.la) ?? 0, entry.lsoas));
  }
  const overlaps: AreaOverlapRecord[] = [...overlapCounts.values()].map((entry) => ({
    localAuthorityCode: entry.la,
    icbCode: entry.icb,
    lsoaCount: entry.lsoas,
    lsoaShare: (entry.lsoas / entry.total).toFixed(4),
    isPrimary: largestShare.get(entry.la) === entry.lsoas,
    source: `england_la_icb_lookup.csv; ${SRC.laIcbLookup}; mapped to April 2026 ICBs through their sub-ICB locations`,
  }));

  // Scotland
  for (const { line, value: row } of read("scotland_health_boards.csv", healthBoardSchema)) {
    add(
      organisation(
        {
          code: row.ons_code,
          codeSystem: "ons",
          onsCode: row.ons_code,
          name: row.name,
          otherNames: distinct([row.short_name_ons, row.nhs_board_code, ...row.previous_ons_codes], row.name),
          kind: "health-board",
          subtype: row.org_type,
          nation: "scotland",
          parentCode: "ATLAS-SCOTGOV",
          openDate: row.ons_code_enacted,
          population: row.population,
          populationYear: row.population_year,
          populationSource: row.population_source,
          source: `scotland_health_boards.csv; ${SRC.phsGeography}; ${SRC.nrs2022}`,
          sourceAsOf: AS_OF.phs,
          details: {
            nhsBoardCode: row.nhs_board_code,
            cipherLetter: row.cipher_letter,
            councilAreas: row.council_area_names,
            councilAreaCodes: row.council_area_codes,
            openDateNote: "Date the current ONS code was enacted, not the board's founding date",
          },
        },
        today,
      ),
      "scotland_health_boards.csv",
      line,
    );
  }
  for (const { line, value: row } of read("scotland_hscps.csv", hscpSchema)) {
    add(
      organisation(
        {
          code: row.hscp_code,
          codeSystem: "ons",
          onsCode: row.hscp_code,
          name: `${row.hscp_name} Health and Social Care Partnership`,
          otherNames: distinct([row.hscp_name, ...row.previous_hscp_codes], row.hscp_name),
          kind: "hscp",
          nation: "scotland",
          parentCode: row.health_board_code,
          openDate: row.hscp_code_enacted,
          population: row.population,
          populationYear: row.population_year,
          populationSource: `Sum of its council areas: ${SRC.nrs2022}`,
          source: `scotland_hscps.csv; ${SRC.phsGeography}`,
          sourceAsOf: AS_OF.phs,
          details: {
            councilAreas: row.council_area_names,
            councilAreaCodes: row.council_area_codes,
            openDateNote: "Date the current HSCP code was enacted",
            ...(row.note ? { note: row.note } : {}),
          },
        },
        today,
      ),
      "scotland_hscps.csv",
      line,
    );
  }
  for (const { line, value: row } of read("scotland_special_health_boards.csv", specialBoardSchema)) {
    const code = row.phs_code ?? (row.name === "Public Health Scotland" ? PUBLIC_HEALTH_SCOTLAND : null);
    if (!code) {
      errors.push({ file: "scotland_special_health_boards.csv", line, reason: "phs_code is required" });
      continue;
    }
    add(
      organisation(
        {
          code,
          codeSystem: row.phs_code ? "phs" : "atlas",
          name: row.name,
          otherNames: distinct([row.also_known_as], row.name),
          kind: "special-health-board",
          subtype: row.org_type,
          nation: "scotland",
          parentCode: "ATLAS-SCOTGOV",
          openDate: row.status.openDate,
          closeDate: row.status.closeDate,
          source: `scotland_special_health_boards.csv; ${row.phs_code ? SRC.phsSpecial : SRC.handCompiled}`,
          sourceAsOf: row.phs_code ? "2021-02-19" : AS_OF.handCompiled,
        },
        today,
      ),
      "scotland_special_health_boards.csv",
      line,
    );
  }
  successions.push({
    predecessorCode: "SB0804",
    successorCode: PUBLIC_HEALTH_SCOTLAND,
    effectiveDate: "2020-04-01",
    reason: "replacement",
    note: "NHS Health Scotland's functions passed to Public Health Scotland",
    source: SRC.handCompiled,
  });

  // Wales
  for (const { line, value: row } of read("wales_local_health_boards.csv", walesSchema)) {
    const uncoded = WALES_UNCODED[row.name];
    const code = row.ods_code ?? uncoded?.code;
    if (!code) {
      errors.push({ file: "wales_local_health_boards.csv", line, reason: "ods_code is required (no Atlas reference is defined for this body)" });
      continue;
    }
    const isLhb = row.org_type === "Local Health Board";
    const isTrust = row.org_type.startsWith("NHS Trust");
    const trust = welshTrustDetails.get(code);
    add(
      organisation(
        {
          code,
          codeSystem: row.ods_code ? "ods" : "atlas",
          onsCode: row.ons_code,
          name: row.name,
          otherNames: distinct([row.welsh_name, uncoded?.short], row.name),
          kind: isLhb ? "local-health-board" : isTrust ? "welsh-nhs-trust" : (uncoded?.kind ?? "national-body"),
          subtype: row.org_type,
          nation: "wales",
          parentCode: "ATLAS-WALESGOV",
          openDate: row.established ?? row.status.openDate ?? trust?.openDate ?? null,
          closeDate: row.status.closeDate,
          address: trust?.address ?? null,
          postcode: trust?.postcode ?? null,
          population: row.population,
          populationYear: row.population === null ? null : row.population_year,
          populationSource: row.population === null ? null : `Sum of its unitary authorities: ${SRC.onsPop2024}`,
          source: `wales_local_health_boards.csv; ${row.source}${trust ? `; address from ${SRC.etr}` : ""}`,
          sourceAsOf: AS_OF.wales,
          details: {
            unitaryAuthorities: row.unitary_authority_names,
            unitaryAuthorityCodes: row.unitary_authority_codes,
            ...(row.note ? { note: row.note } : {}),
          },
        },
        today,
      ),
      "wales_local_health_boards.csv",
      line,
    );
  }
  for (const predecessorCode of ["ATLAS-W-WHSSC", "ATLAS-W-EASC"]) {
    successions.push({
      predecessorCode,
      successorCode: "ATLAS-W-JCC",
      effectiveDate: "2024-04-01",
      reason: "replacement",
      note: "The NHS Wales Joint Commissioning Committee took over from WHSSC and EASC (WSI 2024/135)",
      source: SRC.handCompiled,
    });
  }

  // Northern Ireland
  for (const { line, value: row } of read("northern_ireland_hsc.csv", northernIrelandSchema)) {
    const uncoded = NI_UNCODED[row.name];
    const code = row.ods_code ?? uncoded?.code;
    if (!code) {
      errors.push({ file: "northern_ireland_hsc.csv", line, reason: "ods_code is required (no Atlas reference is defined for this body)" });
      continue;
    }
    const isTrust = row.org_type.startsWith("HSC Trust");
    add(
      organisation(
        {
          code,
          codeSystem: row.ods_code ? "ods" : "atlas",
          name: row.name,
          otherNames: distinct([row.ods_name, uncoded?.short, row.nisra_hsct_code], row.name),
          kind: isTrust ? "hsc-trust" : (uncoded?.kind ?? "national-body"),
          subtype: row.org_type,
          nation: "northern-ireland",
          parentCode: "ATLAS-DOHNI",
          openDate: row.ods_open_date ?? row.status.openDate,
          closeDate: row.status.closeDate,
          population: row.population,
          populationYear: row.population === null ? null : row.population_year,
          populationSource: row.population === null ? null : SRC.nisra2020,
          source: `northern_ireland_hsc.csv; ${row.source}`,
          sourceAsOf: row.ods_code ? AS_OF.niorg : AS_OF.handCompiled,
          details: row.note ? { note: row.note } : {},
        },
        today,
      ),
      "northern_ireland_hsc.csv",
      line,
    );
  }
  successions.push({
    predecessorCode: "ZB001",
    successorCode: "ATLAS-NI-SPPG",
    effectiveDate: "2022-04-01",
    reason: "replacement",
    note: "The Health and Social Care Board closed on 31 March 2022; its functions moved to the Department of Health's SPPG",
    source: SRC.handCompiled,
  });

  // Who commissions what
  const serviceCategories = new Map<string, ServiceCategoryRecord>();
  const responsibilities: ResponsibilityRecord[] = [];
  const rowKeys = new Set<string>();
  for (const { line, value: row } of read("who_commissions_what.csv", whoCommissionsWhatSchema)) {
    const category = serviceCategories.get(row.service_category_slug);
    if (!category) {
      serviceCategories.set(row.service_category_slug, {
        slug: row.service_category_slug,
        name: row.service_category,
        sortOrder: serviceCategories.size + 1,
      });
    } else if (category.name !== row.service_category) {
      errors.push({ file: "who_commissions_what.csv", line, reason: `service category ${row.service_category_slug} has two names` });
    }
    const rowKey = [row.service_category_slug, row.nation, row.commissioner_kind, row.commissioner_name_if_single ?? "", row.arrangement].join("|");
    if (rowKeys.has(rowKey)) {
      errors.push({ file: "who_commissions_what.csv", line, reason: "duplicates an earlier row (same service, nation, commissioner and arrangement)" });
      continue;
    }
    rowKeys.add(rowKey);
    const namedCode = row.commissioner_name_if_single ? NAMED_COMMISSIONERS[row.commissioner_name_if_single] : undefined;
    responsibilities.push({
      rowKey,
      serviceCategorySlug: row.service_category_slug,
      nation: row.nation as Nation,
      commissionerKind: row.commissioner_kind,
      organisationKind: COMMISSIONER_KIND_TO_ORGANISATION_KIND[row.commissioner_kind] ?? null,
      commissionerName: row.commissioner_name_if_single,
      commissionerOrgCode: namedCode ?? COMMISSIONER_KIND_BODY[row.commissioner_kind] ?? null,
      arrangement: row.arrangement,
      effectiveFrom: row.effective_from,
      notes: row.notes,
      sourceTitle: row.source_title,
      sourceUrl: row.source_url,
      evidence: row.evidence,
    });
  }

  // Row errors first: a dropped row would only add knock-on errors below (its children losing their parent)
  if (errors.length > 0) throw new ImportValidationError(dedupe(errors));

  // Cross-file checks: every reference must resolve, or nothing is loaded
  const known = (code: string | null) => code === null || organisations.has(code);
  for (const record of organisations.values()) {
    if (!known(record.parentCode)) errors.push({ file: "(cross-file)", line: 0, reason: `${record.code}: parent ${record.parentCode} is not in the data` });
    if (!known(record.regionCode)) errors.push({ file: "(cross-file)", line: 0, reason: `${record.code}: region ${record.regionCode} is not in the data` });
  }
  for (const succession of successions) {
    if (!known(succession.predecessorCode) || !known(succession.successorCode)) {
      errors.push({ file: "(cross-file)", line: 0, reason: `succession ${succession.predecessorCode} -> ${succession.successorCode} names a body not in the data` });
    }
  }
  for (const allocation of allocations) {
    if (!known(allocation.organisationCode)) errors.push({ file: "icb_allocations.csv", line: 0, reason: `ICB ${allocation.organisationCode} is not in icbs.csv` });
  }
  for (const overlap of overlaps) {
    if (!known(overlap.localAuthorityCode) || !known(overlap.icbCode)) {
      errors.push({ file: "england_la_icb_lookup.csv", line: 0, reason: `${overlap.localAuthorityCode} -> ${overlap.icbCode} names a body not in the data` });
    }
  }
  for (const responsibility of responsibilities) {
    if (!known(responsibility.commissionerOrgCode)) {
      errors.push({ file: "who_commissions_what.csv", line: 0, reason: `commissioner ${responsibility.commissionerOrgCode} is not in the data` });
    }
  }

  if (errors.length > 0) throw new ImportValidationError(dedupe(errors));

  const files: Record<string, string> = {};
  for (const file of DATA_FILES) {
    files[file] = createHash("sha256").update(readFileSync(path.join(dataDir, file))).digest("hex");
  }
  return {
    organisations: [...organisations.values()],
    successions,
    allocations,
    overlaps,
    serviceCategories: [...serviceCategories.values()],
    responsibilities,
    files,
  };
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
