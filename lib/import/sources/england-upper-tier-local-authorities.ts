// england_upper_tier_local_authorities.csv: the English upper-tier and unitary councils, which commission public health.
import { z } from "zod";
import { codeList, count, decimal, optionalCount, optionalText, text, yesNo } from "../csv";
import { AS_OF, SRC } from "./provenance";
import { distinct, readOrganisations, type OrganisationsRead, type Source } from "./reader";

const FILE = "england_upper_tier_local_authorities.csv";

const schema = z.object({
  ons_code: text,
  name: text,
  official_name: text,
  la_type: text,
  ons_geography_type: text,
  region: text,
  mysociety_code: optionalText,
  lower_tier_district_count: optionalCount,
  lower_tier_district_codes: codeList,
  population: count,
  population_year: text,
  primary_icb_ons_code: optionalText,
  primary_icb_ods_code: text,
  primary_icb_name: text,
  primary_icb_lsoa_share: decimal,
  icb_count: count,
  all_icb_ods_codes: codeList,
  primary_icb_ods_code_apr2026: text,
  commissions_public_health: yesNo,
});

export function readUpperTierLocalAuthorities(source: Source, { regionOfIcb }: { regionOfIcb: ReadonlyMap<string, string> }): OrganisationsRead {
  return readOrganisations(source, FILE, schema, (row) => {
    const currentIcb = row.primary_icb_ods_code_apr2026.startsWith("unknown") ? null : row.primary_icb_ods_code_apr2026;
    return {
      code: row.ons_code,
      codeSystem: "ons",
      onsCode: row.ons_code,
      name: row.official_name,
      otherNames: distinct([row.name, row.mysociety_code], row.official_name),
      kind: "local-authority",
      subtype: row.la_type,
      nation: "england",
      // Regions are unchanged by the 2026 mergers, so the region of the primary ICB holds either way
      regionCode: regionOfIcb.get(currentIcb ?? row.primary_icb_ods_code) ?? null,
      population: row.population,
      populationYear: row.population_year,
      populationSource: SRC.onsPop2024,
      source: `${FILE}; ${SRC.laRegister}`,
      sourceAsOf: AS_OF.laRegister,
      details: {
        commissionsPublicHealth: row.commissions_public_health === "yes",
        englishRegion: row.region,
        lowerTierDistrictCodes: row.lower_tier_district_codes,
        primaryIcbCodeApr2026: currentIcb,
        primaryIcbCodeOct2025: row.primary_icb_ods_code,
      },
    };
  });
}
