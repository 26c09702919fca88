// national_bodies.csv: the tops of the four hierarchies (DHSC, NHS England, the devolved governments), hand-compiled.
// A body that national_and_support_bodies.csv lists as well (NHS England) stays one record, with that
// file's other names, sources and details added.
import { z } from "zod";
import { CODE_SYSTEMS, NATIONS, ORGANISATION_KINDS } from "@/lib/organisations/vocabulary";
import { codeList, isoDate, optionalText, text } from "../csv";
import { AS_OF } from "./provenance";
import type { AlsoListed } from "./national-and-support-bodies";
import { distinct, readOrganisations, type OrganisationsRead, type Source } from "./reader";

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

export function readNationalBodies(source: Source, { alsoListed }: { alsoListed: ReadonlyMap<string, AlsoListed> }): OrganisationsRead {
  const read = readOrganisations(source, FILE, schema, (row) => {
    const also = alsoListed.get(row.code);
    return {
      code: row.code,
      codeSystem: row.code_system,
      name: row.name,
      otherNames: distinct([...row.other_names, ...(also?.otherNames ?? [])], row.name),
      kind: row.kind,
      subtype: row.subtype,
      nation: row.nation,
      parentCode: row.parent_code,
      openDate: row.open_date,
      closeDate: row.close_date,
      website: row.website,
      source: `${FILE}; ${row.source}${also ? `; also ${also.source}` : ""}`,
      sourceAsOf: AS_OF.handCompiled,
      details: also?.details ?? {},
    };
  });
  const codes = new Set(read.organisations.map(({ record }) => record.code));
  const unmatched = [...alsoListed].flatMap(([code, { line }]) =>
    codes.has(code) ? [] : [{ file: "national_and_support_bodies.csv", line, reason: `the same body as ${code}, which is not in ${FILE}` }],
  );
  return { ...read, errors: [...read.errors, ...unmatched] };
}
