// gp_practices.csv: GP practices, under their PCN.
import { z } from "zod";
import { optionalText, text } from "../csv";
import { AS_OF, SRC } from "./provenance";
import { readOrganisations, type OrganisationsRead, type Source } from "./reader";

const FILE = "gp_practices.csv";

const schema = z.object({
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

export function readGpPractices(source: Source, { regionOfSubIcb }: { regionOfSubIcb: ReadonlyMap<string, string> }): OrganisationsRead {
  return readOrganisations(source, FILE, schema, (row) => ({
    code: row.practice_code,
    codeSystem: "ods",
    name: row.practice_name,
    kind: "gp-practice",
    nation: "england",
    // 71 practices have no PCN ("Unallocated"); they sit directly under their sub-ICB location
    parentCode: row.pcn_code ?? row.sub_icb_ods_code,
    regionCode: regionOfSubIcb.get(row.sub_icb_ods_code) ?? row.region_ods_code,
    postcode: row.postcode,
    source: `${FILE}; ${SRC.gpMap}`,
    sourceAsOf: AS_OF.gpMap,
    details: { gpSystemSupplier: row.gp_system_supplier, pcnUnallocated: row.pcn_code === null },
  }));
}
