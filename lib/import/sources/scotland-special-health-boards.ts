// scotland_special_health_boards.csv: the national special health boards, under the Scottish Government.
import { z } from "zod";
import type { SuccessionRecord } from "../records";
import { optionalText, statusText, text } from "../csv";
import { AS_OF, SRC } from "./provenance";
import { distinct, readOrganisations, replacement, type OrganisationsRead, type Source } from "./reader";

const FILE = "scotland_special_health_boards.csv";

/** Public Health Scotland has no PHS code in the file: a stable Atlas reference instead. */
const PUBLIC_HEALTH_SCOTLAND = "ATLAS-S-PHS";

const schema = z.object({
  phs_code: optionalText,
  name: text,
  also_known_as: optionalText,
  org_type: text,
  status: statusText,
  source: text,
});

export function readScotlandSpecialHealthBoards(source: Source): OrganisationsRead & { readonly successions: readonly SuccessionRecord[] } {
  const read = readOrganisations(source, FILE, schema, (row) => {
    const code = row.phs_code ?? (row.name === "Public Health Scotland" ? PUBLIC_HEALTH_SCOTLAND : null);
    if (!code) return { refused: "phs_code is required" };
    return {
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
      source: `${FILE}; ${row.phs_code ? SRC.phsSpecial : SRC.handCompiled}`,
      sourceAsOf: row.phs_code ? "2021-02-19" : AS_OF.handCompiled,
    };
  });
  const successions = [
    replacement("SB0804", PUBLIC_HEALTH_SCOTLAND, "2020-04-01", "NHS Health Scotland's functions passed to Public Health Scotland"),
  ];
  return { ...read, successions };
}
