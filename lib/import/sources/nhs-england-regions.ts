// nhs_england_regions.csv: the seven NHS England regions, under NHS England (X24).
import { z } from "zod";
import { count, text } from "../csv";
import { AS_OF, SRC } from "./provenance";
import { readOrganisations, type OrganisationsRead, type Source } from "./reader";

const FILE = "nhs_england_regions.csv";

const schema = z.object({
  ods_code: text,
  ons_code: text,
  name: text,
  icb_count_oct2025: count,
  icb_count_apr2026: count,
  gp_practices_oct2025: count,
  pcns_oct2025: count,
});

export function readNhsEnglandRegions(source: Source): OrganisationsRead {
  return readOrganisations(source, FILE, schema, (row) => ({
    code: row.ods_code,
    codeSystem: "ods",
    onsCode: row.ons_code,
    name: row.name,
    otherNames: [`NHS England ${row.name} region`],
    kind: "nhse-region",
    nation: "england",
    parentCode: "X24",
    regionCode: row.ods_code,
    source: `${FILE}; ${SRC.gpMap}; ICB count Apr 2026 from ${SRC.rtt2026}`,
    sourceAsOf: AS_OF.gpMap,
    details: {
      icbCountOct2025: row.icb_count_oct2025,
      icbCountApr2026: row.icb_count_apr2026,
      gpPracticesOct2025: row.gp_practices_oct2025,
      pcnsOct2025: row.pcns_oct2025,
    },
  }));
}
