// icbs.csv: the 42 ICBs of July 2022 to March 2026. Those in icbs_2026.csv continue; the others
// closed on 31 March 2026 and pass to the successors the file names.
import { z } from "zod";
import type { SuccessionRecord } from "../records";
import { codeList, count, readCsv, text, type ParsedRow } from "../csv";
import { APR_2026, CLOSED_MAR_2026, type Icb2026 } from "./icbs-2026";
import { AS_OF, SRC } from "./provenance";
import { distinct, organisationsFrom, toDisplayCase, type OrganisationsRead, type Source } from "./reader";

const FILE = "icbs.csv";

const schema = z.object({
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

export type IcbsRead = OrganisationsRead & {
  readonly successions: readonly SuccessionRecord[];
  /** Codes of the ICBs that continued past 1 April 2026 */
  readonly continuing: ReadonlySet<string>;
  /** The NHS England region of every ICB, old or new (regions are unchanged by the 2026 mergers) */
  readonly regionOfIcb: ReadonlyMap<string, string>;
  /** The ICBs of April 2026 that each ICB's functions passed to (itself when it continued) */
  readonly successorsOfIcb: ReadonlyMap<string, readonly string[]>;
};

export function readIcbs(source: Source, { icbs2026 }: { icbs2026: ReadonlyMap<string, ParsedRow<Icb2026>> }): IcbsRead {
  const parsed = readCsv(source.dataDir, FILE, schema);
  const read = organisationsFrom(source, FILE, parsed, (row) => {
    const current = icbs2026.get(row.ods_code)?.value;
    const continues = current !== undefined;
    const boundaryChanged = continues && current.population_ons_mid2022_if_boundary_unchanged === null;
    return {
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
      source: `${FILE}; ${SRC.gpMap}; status from ${SRC.rtt2026}`,
      sourceAsOf: continues ? AS_OF.rtt2026 : AS_OF.gpMap,
      details: {
        subIcbCountOct2025: row.sub_icb_count,
        gpPracticesOct2025: row.gp_practices_oct2025,
        pcnsOct2025: row.pcns_oct2025,
        statusApr2026: row.status_apr2026,
        ...(boundaryChanged ? { populationBeforeApr2026: row.population_ons_mid2022, populationNote: current.change_note } : {}),
        ...(continues ? { subIcbCodesApr2026: current.sub_icb_ods_codes_apr2026 } : {}),
      },
    };
  });
  const rows = parsed.rows.map(({ value }) => value);
  const closed = rows.filter((row) => !icbs2026.has(row.ods_code));
  const continuing = new Map(rows.filter((row) => icbs2026.has(row.ods_code)).map((row) => [row.ods_code, row]));
  const successions = closed.flatMap((row) =>
    row.successor_icb_ods_code_apr2026.map((successorCode): SuccessionRecord => {
      const split = row.successor_icb_ods_code_apr2026.length > 1;
      // An ICB that continued and took part of a split one moved its boundary: it is no new body
      const continued = continuing.get(successorCode);
      if (split && continued) {
        const note = `${continued.ods_code} took over part of the area and continued: ${continued.status_apr2026}`;
        return { predecessorCode: row.ods_code, successorCode, effectiveDate: APR_2026, reason: "boundary-change", note, source: SRC.rtt2026 };
      }
      return { predecessorCode: row.ods_code, successorCode, effectiveDate: APR_2026, reason: split ? "split" : "merger", note: row.status_apr2026, source: SRC.rtt2026 };
    }),
  );
  const regionOfIcb = new Map([
    ...[...icbs2026.values()].map(({ value }): [string, string] => [value.ods_code, value.region_ods_code_derived]),
    ...rows.map((row): [string, string] => [row.ods_code, row.region_ods_code]),
  ]);
  return {
    ...read,
    successions,
    continuing: new Set(continuing.keys()),
    regionOfIcb,
    successorsOfIcb: new Map(rows.map((row) => [row.ods_code, row.successor_icb_ods_code_apr2026])),
  };
}
