// national_bodies.csv: the tops of the four hierarchies (DHSC, NHS England, the devolved governments), hand-compiled.
import { z } from "zod";
import { CODE_SYSTEMS, NATIONS, ORGANISATION_KINDS } from "@/lib/organisations/vocabulary";
import { codeList, isoDate, optionalText, text } from "../csv";
import { AS_OF } from "./provenance";
import { readOrganisations, type OrganisationsRead, type Source } from "./reader";

const FILE = "national_bodies.csv";

const schema = z.object({
  code: text,
  code_system: z.enum(CODE_SYSTEMS),
  name: text,
  other_names: codeList,
  kind: z.enum(ORGANISATION_KINDS),
  subtype: optionalText,
  nation: z.enum(NATIONS),
  parent_code: optionalText,
  open_date: isoDate,
  close_date: isoDate,
  website: optionalText,
  source: text,
});

export function readNationalBodies(source: Source): OrganisationsRead {
  return readOrganisations(source, FILE, schema, (row) => ({
    code: row.code,
    codeSystem: row.code_system,
    name: row.name,
    otherNames: row.other_names,
    kind: row.kind,
    subtype: row.subtype,
    nation: row.nation,
    parentCode: row.parent_code,
    openDate: row.open_date,
    closeDate: row.close_date,
    website: row.website,
    source: `${FILE}; ${row.source}`,
    sourceAsOf: AS_OF.handCompiled,
  }));
}
