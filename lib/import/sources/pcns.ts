// pcns.csv: primary care networks, under their sub-ICB location.
import { z } from "zod";
import { codeList, count, odsDate, optionalText, text } from "../csv";
import { AS_OF, SRC } from "./provenance";
import { readOrganisations, type OrganisationsRead, type Source } from "./reader";

const FILE = "pcns.csv";

const schema = z.object({
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

export function readPcns(source: Source, { regionOfSubIcb }: { regionOfSubIcb: ReadonlyMap<string, string> }): OrganisationsRead {
  return readOrganisations(source, FILE, schema, (row) => ({
    code: row.pcn_code,
    codeSystem: "ods",
    name: row.pcn_name,
    kind: "pcn",
    nation: "england",
    parentCode: row.sub_icb_ods_code,
    regionCode: regionOfSubIcb.get(row.sub_icb_ods_code) ?? row.region_ods_code,
    openDate: row.open_date_epcn,
    closeDate: row.close_date_epcn,
    postcode: row.postcode_epcn,
    source: `${FILE}; ${SRC.gpMap}; dates and postcode from ${SRC.epcn}`,
    sourceAsOf: AS_OF.gpMap,
    details: {
      memberPracticesOct2025: row.member_practices_oct2025,
      memberPracticeSubIcbCodes: row.member_practice_sub_icb_codes,
      subIcbSource: row.sub_icb_source,
    },
  }));
}
