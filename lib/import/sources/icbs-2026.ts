// icbs_2026.csv: the 36 ICBs from 1 April 2026. It and icbs.csv describe each other: an ICB in both
// continued (icbs.csv describes it, with facts from here), so this file is read first and its
// organisations are made once icbs.csv has said which ICBs continued.
import { z } from "zod";
import { codeList, count, optionalCount, optionalText, readCsv, text, type ParsedRow } from "../csv";
import { AS_OF, SRC } from "./provenance";
import { organisationsFrom, toDisplayCase, type OrganisationsRead, type Read, type Source } from "./reader";

const FILE = "icbs_2026.csv";

/** The date of the April 2026 ICB mergers: the old ICBs closed the day before. */
export const APR_2026 = "2026-04-01";
export const CLOSED_MAR_2026 = "2026-03-31";

const schema = z.object({
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
export type Icb2026 = z.output<typeof schema>;

/** The rows of icbs_2026.csv by ODS code. */
export function readIcbs2026(source: Source): Read<{ byCode: ReadonlyMap<string, ParsedRow<Icb2026>> }> {
  const { rows, errors } = readCsv(source.dataDir, FILE, schema);
  return { byCode: new Map(rows.map((row) => [row.value.ods_code, row])), errors };
}

/** The ICBs that opened on 1 April 2026: those of icbs_2026.csv that did not continue from icbs.csv. */
export function openedIcbs(
  source: Source,
  { icbs2026, continuing }: { icbs2026: ReadonlyMap<string, ParsedRow<Icb2026>>; continuing: ReadonlySet<string> },
): OrganisationsRead {
  const opened = [...icbs2026.values()].filter(({ value }) => !continuing.has(value.ods_code));
  return organisationsFrom(source, FILE, { rows: opened, errors: [] }, (row) => ({
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
    source: `${FILE}; ${SRC.rtt2026}; region derived from its predecessors (${SRC.gpMap})`,
    sourceAsOf: AS_OF.rtt2026,
    details: {
      predecessorIcbCodes: row.predecessor_icb_ods_codes,
      subIcbCodesApr2026: row.sub_icb_ods_codes_apr2026,
      changeNote: row.change_note,
      onsCodeNote: "No ONS code for the 2026 ICBs was found (SOURCES.md)",
    },
  }));
}
