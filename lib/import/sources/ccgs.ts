// ccgs_2013_2022.csv: every CCG code of 2013-2022 (CCGS.md). The 142 that closed before April 2021
// become closed bodies with their mergers; the 106 of April 2021 carry on under the same codes as
// today's sub-ICB locations, which take their CCG names (see sub-icb-locations.ts).
import { z } from "zod";
import { dayAfter } from "@/lib/organisations/details";
import type { IsoDate, SuccessionRecord } from "../records";
import { isoDate, optionalText, readCsv, text, type RowError } from "../csv";
import { AS_OF, SRC } from "./provenance";
import { organisationsFrom, toDisplayCase, type OrganisationsRead, type Source } from "./reader";

const FILE = "ccgs_2013_2022.csv";

const schema = z.object({
  ccg_ods_code: text,
  ccg_name: text,
  open_date: isoDate.pipe(z.string({ message: "is required" })),
  close_date: isoDate,
  successor_ccg_ods_code_2021: text,
  ons_code_2021: optionalText,
  sub_icb_ods_code_2022: text,
  source: text,
});
type CcgRow = z.output<typeof schema>;

/** A CCG of April 2021, whose code today's sub-ICB location carries on. */
export type Ccg2021 = { line: number; name: string; openDate: IsoDate; onsCode2021: string | null };

export type CcgsRead = OrganisationsRead & {
  readonly successions: readonly SuccessionRecord[];
  /** The 106 CCGs of April 2021, by code */
  readonly ccgs2021: ReadonlyMap<string, Ccg2021>;
};

export function readCcgs(source: Source): CcgsRead {
  const parsed = readCsv(source.dataDir, FILE, schema);
  const rows = parsed.rows.map(({ value }) => value);
  const read = organisationsFrom(source, FILE, parsed, (row) => {
    if (row.close_date === null) return null; // one of the 106: described by sub_icb_locations.csv
    if (row.sub_icb_ods_code_2022 !== row.successor_ccg_ods_code_2021) return { refused: "sub_icb_ods_code_2022 must equal successor_ccg_ods_code_2021 (CCGS.md)" };
    return {
      code: row.ccg_ods_code,
      codeSystem: "ods",
      name: toDisplayCase(row.ccg_name),
      kind: "ccg",
      nation: "england",
      openDate: row.open_date,
      closeDate: row.close_date,
      source: `${FILE} (${row.source}); ${SRC.ccgs}`,
      sourceAsOf: row.close_date,
    };
  });

  const errors: RowError[] = [];
  const successions: SuccessionRecord[] = [];
  for (const { line, value: row } of parsed.rows) {
    if (row.close_date === null) continue;
    const next = nextStep(row, rows);
    if (typeof next !== "string") errors.push({ file: FILE, line, reason: next.refused });
    else successions.push(merger(row, next));
  }
  const ccgs2021 = new Map(
    parsed.rows.flatMap(({ line, value: row }): [string, Ccg2021][] =>
      row.close_date === null ? [[row.ccg_ods_code, { line, name: row.ccg_name, openDate: row.open_date, onsCode2021: row.ons_code_2021 }]] : [],
    ),
  );
  return { organisations: read.organisations, errors: [...read.errors, ...errors], successions, ccgs2021 };
}

/**
 * The CCG a closed one merged into. The file gives the April-2021 CCG at the end of the chain; where
 * that one opened after the merger (10G, 10T and 11C → 15D in 2018 → D4U1Y in 2021, CCGS.md Method 3),
 * the step between is the CCG of the same chain that opened on the day of the merger.
 */
function nextStep(row: CcgRow, rows: readonly CcgRow[]): string | { refused: string } {
  const effective = dayAfter(row.close_date!);
  const last = rows.find((other) => other.ccg_ods_code === row.successor_ccg_ods_code_2021);
  if (!last || last.close_date !== null) return { refused: `successor ${row.successor_ccg_ods_code_2021} is not a CCG of April 2021 in this file` };
  if (last.open_date <= effective) return last.ccg_ods_code;
  const formed = rows.filter((other) => other.successor_ccg_ods_code_2021 === last.ccg_ods_code && other.open_date === effective && other !== row);
  return formed.length === 1 ? formed[0]!.ccg_ods_code : { refused: `successor ${last.ccg_ods_code} opened after ${effective}, and no single CCG of its chain opened that day` };
}

function merger(row: CcgRow, successorCode: string): SuccessionRecord {
  const viaChain = successorCode !== row.successor_ccg_ods_code_2021;
  return {
    predecessorCode: row.ccg_ods_code,
    successorCode,
    effectiveDate: dayAfter(row.close_date!),
    reason: "merger",
    note: viaChain ? `CCG merger; ${successorCode} merged in turn into ${row.successor_ccg_ods_code_2021}, the CCG of April 2021 that the file gives` : "CCG merger",
    source: `${FILE}; ${SRC.ccgs}`,
  };
}

/** The CCGs' commissioning passed to the ICBs on 1 July 2022 (the first day of the sub-ICB locations). */
export const CCGS_ENDED = AS_OF.ccgs;
