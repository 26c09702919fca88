// sub_icb_locations.csv: sub-ICB locations, whose codes are those of the CCGs they replaced on 1 July 2022.
import { z } from "zod";
import type { SuccessionRecord } from "../records";
import { optionalCount, optionalText, readCsv, text, yesNo, type RowError } from "../csv";
import { CCGS_ENDED, type Ccg2021 } from "./ccgs";
import { APR_2026, CLOSED_MAR_2026 } from "./icbs-2026";
import { AS_OF, SRC } from "./provenance";
import { distinct, organisationsFrom, toDisplayCase, type OrganisationsRead, type Source } from "./reader";

const FILE = "sub_icb_locations.csv";

const schema = z.object({
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

/** Frimley's D4U1Y closed; the split of its practices is reported, not in any ODS file (SOURCES.md caveat). */
const FRIMLEY = "D4U1Y";
const FRIMLEY_SUCCESSORS = ["U2G6B", "D9Y0V", "92A"];

export type SubIcbLocationsRead = OrganisationsRead & {
  readonly successions: readonly SuccessionRecord[];
  /** The NHS England region of each sub-ICB location, through its current ICB */
  readonly regionOfSubIcb: ReadonlyMap<string, string>;
};

export function readSubIcbLocations(
  source: Source,
  { regionOfIcb, ccgs2021 = new Map() }: { regionOfIcb: ReadonlyMap<string, string>; ccgs2021?: ReadonlyMap<string, Ccg2021> },
): SubIcbLocationsRead {
  const parsed = readCsv(source.dataDir, FILE, schema);
  const read = organisationsFrom(source, FILE, parsed, (row) => {
    const open = row.in_apr2026_rtt === "yes";
    const icbCode = row.icb_ods_code_apr2026 ?? row.icb_ods_code_oct2025;
    const currentName = row.name_apr2026 ? toDisplayCase(row.name_apr2026) : row.name_oct2025;
    if (!icbCode || !currentName) return { refused: "needs an ICB code and a name (Oct 2025 or Apr 2026)" };
    const region = regionOfIcb.get(icbCode) ?? row.region_ods_code_oct2025;
    const boundaryChanged = /boundary reported expanded/.test(row.note ?? "");
    const isNew = row.in_oct2025_gp_mapping === "no";
    const ccg = ccgs2021.get(row.ods_code);
    return {
      code: row.ods_code,
      codeSystem: "ods",
      onsCode: row.ons_code,
      name: currentName,
      otherNames: distinct([row.name_oct2025, ccg?.name], currentName),
      kind: "sub-icb-location",
      nation: "england",
      parentCode: icbCode,
      regionCode: region ?? null,
      openDate: isNew ? APR_2026 : "2022-07-01",
      closeDate: open ? null : CLOSED_MAR_2026,
      population: boundaryChanged ? null : row.population_ons_mid2022,
      populationYear: !boundaryChanged && row.population_ons_mid2022 !== null ? "mid-2022" : null,
      populationSource: !boundaryChanged && row.population_ons_mid2022 !== null ? SRC.onsPop2022 : null,
      source: `${FILE}; ${SRC.gpMap}; ${SRC.rtt2026}${ccg ? `; CCG name from ccgs_2013_2022.csv (${SRC.ccgs})` : ""}`,
      sourceAsOf: open ? AS_OF.rtt2026 : AS_OF.gpMap,
      details: {
        formerCcgCode: isNew ? null : row.ods_code,
        // The CCG this code was until its commissioning passed to the ICBs on 1 July 2022
        ...(ccg ? { ccg: { name: ccg.name, openDate: ccg.openDate, until: CCGS_ENDED, onsCode2021: ccg.onsCode2021, source: SRC.ccgs } } : {}),
        gpPracticesOct2025: row.gp_practices_oct2025,
        pcnsOct2025: row.pcns_oct2025,
        icbCodeOct2025: row.icb_ods_code_oct2025,
        ...(boundaryChanged ? { populationBeforeApr2026: row.population_ons_mid2022 } : {}),
        ...(row.note ? { note: row.note } : {}),
      },
    };
  });
  const frimleyClosed = read.organisations.some(({ record }) => record.code === FRIMLEY && record.closeDate !== null);
  const successions: SuccessionRecord[] = frimleyClosed
    ? FRIMLEY_SUCCESSORS.map((successorCode) => ({
        predecessorCode: FRIMLEY,
        successorCode,
        effectiveDate: APR_2026,
        reason: "split",
        note: "Reported split of Frimley's practices (U2G6B 41, D9Y0V 14, 92A 11); not from an ODS file",
        source: SRC.frimleySplit,
      }))
    : [];
  const codes = new Set(read.organisations.map(({ record }) => record.code));
  const unmatched: RowError[] = [...ccgs2021].flatMap(([code, { line }]) =>
    codes.has(code) ? [] : [{ file: "ccgs_2013_2022.csv", line, reason: `CCG ${code} of April 2021 is not a sub-ICB location in ${FILE}` }],
  );
  const regionOfSubIcb = new Map(
    read.organisations.flatMap(({ record }): [string, string][] => (record.regionCode ? [[record.code, record.regionCode]] : [])),
  );
  return { ...read, errors: [...read.errors, ...unmatched], successions, regionOfSubIcb };
}
