// wales_local_health_boards.csv: the 7 local health boards, the all-Wales trusts and the national
// bodies of NHS Wales, under the Welsh Government.
import { z } from "zod";
import type { SuccessionRecord } from "../records";
import { codeList, isoDate, optionalCount, optionalText, statusText, text } from "../csv";
import type { WelshTrust } from "./nhs-trusts";
import { AS_OF, ATLAS_REFERENCES, SRC } from "./provenance";
import { distinct, NO_CODE, readOrganisations, replacement, type OrganisationsRead, type Source } from "./reader";

const FILE = "wales_local_health_boards.csv";

const schema = z.object({
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

export function readWalesBodies(
  source: Source,
  { welshTrusts }: { welshTrusts: ReadonlyMap<string, WelshTrust> },
): OrganisationsRead & { readonly successions: readonly SuccessionRecord[] } {
  const read = readOrganisations(source, FILE, schema, (row) => {
    const uncoded = ATLAS_REFERENCES.wales[row.name];
    const code = row.ods_code ?? uncoded?.code;
    if (!code) return NO_CODE;
    const isLhb = row.org_type === "Local Health Board";
    const isTrust = row.org_type.startsWith("NHS Trust");
    const trust = welshTrusts.get(code);
    return {
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
      source: `${FILE}; ${row.source}${trust ? `; address from ${SRC.etr}` : ""}`,
      sourceAsOf: AS_OF.wales,
      details: {
        unitaryAuthorities: row.unitary_authority_names,
        unitaryAuthorityCodes: row.unitary_authority_codes,
        ...(row.note ? { note: row.note } : {}),
      },
    };
  });
  const jccNote = "The NHS Wales Joint Commissioning Committee took over from WHSSC and EASC (WSI 2024/135)";
  const successions = ["ATLAS-W-WHSSC", "ATLAS-W-EASC"].map((code) => replacement(code, "ATLAS-W-JCC", "2024-04-01", jccNote));
  return { ...read, successions };
}
