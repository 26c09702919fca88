// nhs_trusts.csv: NHS trusts of England, under the ICB of their ODS "high level health geography".
// The three all-Wales trusts are listed with the Welsh bodies; this file gives their address.
import { z } from "zod";
import { odsDate, optionalText, readCsv, text, yesNo } from "../csv";
import { AS_OF, SRC } from "./provenance";
import { organisationsFrom, toDisplayCase, type OrganisationsRead, type Source } from "./reader";

const FILE = "nhs_trusts.csv";

const schema = z.object({
  ods_code: text,
  name: text,
  trust_type_derived_from_name: text,
  ambulance_trust: yesNo,
  region_ods_code: optionalText,
  icb_ods_code: optionalText,
  address: optionalText,
  postcode: optionalText,
  open_date: odsDate,
  close_date: odsDate,
  gor_code: text,
  gor_name: text,
});

export type WelshTrust = { address: string | null; postcode: string | null; openDate: string | null };

const inWales = (row: z.output<typeof schema>) => row.gor_code === "W";

export function readNhsTrusts(source: Source): OrganisationsRead & { readonly welshTrusts: ReadonlyMap<string, WelshTrust> } {
  const parsed = readCsv(source.dataDir, FILE, schema);
  const read = organisationsFrom(source, FILE, parsed, (row) =>
    inWales(row)
      ? null
      : {
          code: row.ods_code,
          codeSystem: "ods",
          name: toDisplayCase(row.name),
          kind: "nhs-trust",
          subtype: row.ambulance_trust === "yes" ? `${row.trust_type_derived_from_name} (ambulance)` : row.trust_type_derived_from_name,
          nation: "england",
          parentCode: row.icb_ods_code,
          regionCode: row.region_ods_code,
          openDate: row.open_date,
          closeDate: row.close_date,
          address: row.address,
          postcode: row.postcode,
          source: `${FILE}; ${SRC.etr}`,
          sourceAsOf: AS_OF.etr,
          details: { ambulanceTrust: row.ambulance_trust === "yes", governmentOfficeRegion: row.gor_name },
        },
  );
  const welshTrusts = new Map(
    parsed.rows
      .map(({ value }) => value)
      .filter(inWales)
      .map((row): [string, WelshTrust] => [row.ods_code, { address: row.address, postcode: row.postcode, openDate: row.open_date }]),
  );
  return { ...read, welshTrusts };
}
