// northern_ireland_hsc.csv: the HSC trusts, SPPG and the regional bodies, under the Department of Health (NI).
import { z } from "zod";
import type { SuccessionRecord } from "../records";
import { isoDate, optionalCount, optionalText, statusText, text } from "../csv";
import { AS_OF, ATLAS_REFERENCES, SRC } from "./provenance";
import { distinct, NO_CODE, readOrganisations, replacement, type OrganisationsRead, type Source } from "./reader";

const FILE = "northern_ireland_hsc.csv";

const schema = z.object({
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

export function readNorthernIrelandBodies(source: Source): OrganisationsRead & { readonly successions: readonly SuccessionRecord[] } {
  const read = readOrganisations(source, FILE, schema, (row) => {
    const uncoded = ATLAS_REFERENCES.northernIreland[row.name];
    const code = row.ods_code ?? uncoded?.code;
    if (!code) return NO_CODE;
    const isTrust = row.org_type.startsWith("HSC Trust");
    return {
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
      source: `${FILE}; ${row.source}`,
      sourceAsOf: row.ods_code ? AS_OF.niorg : AS_OF.handCompiled,
      details: row.note ? { note: row.note } : {},
    };
  });
  const successions = [
    replacement(
      "ZB001",
      "ATLAS-NI-SPPG",
      "2022-04-01",
      "The Health and Social Care Board closed on 31 March 2022; its functions moved to the Department of Health's SPPG",
    ),
  ];
  return { ...read, successions };
}
