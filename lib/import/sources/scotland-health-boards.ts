// scotland_health_boards.csv: the 14 territorial health boards, under the Scottish Government.
import { z } from "zod";
import { codeList, count, isoDate, text } from "../csv";
import { AS_OF, SRC } from "./provenance";
import { distinct, readOrganisations, type OrganisationsRead, type Source } from "./reader";

const FILE = "scotland_health_boards.csv";

const schema = z.object({
  ons_code: text,
  name: text,
  org_type: text,
  source: text,
  nhs_board_code: text,
  cipher_letter: text,
  short_name_ons: text,
  ons_code_enacted: isoDate,
  previous_ons_codes: codeList,
  council_area_codes: codeList,
  council_area_names: codeList,
  hscp_codes: codeList,
  hscp_count: count,
  population: count,
  population_year: text,
  population_source: text,
});

export function readScotlandHealthBoards(source: Source): OrganisationsRead {
  return readOrganisations(source, FILE, schema, (row) => ({
    code: row.ons_code,
    codeSystem: "ons",
    onsCode: row.ons_code,
    name: row.name,
    otherNames: distinct([row.short_name_ons, row.nhs_board_code, ...row.previous_ons_codes], row.name),
    kind: "health-board",
    subtype: row.org_type,
    nation: "scotland",
    parentCode: "ATLAS-SCOTGOV",
    openDate: row.ons_code_enacted,
    population: row.population,
    populationYear: row.population_year,
    populationSource: row.population_source,
    source: `${FILE}; ${SRC.phsGeography}; ${SRC.nrs2022}`,
    sourceAsOf: AS_OF.phs,
    details: {
      nhsBoardCode: row.nhs_board_code,
      cipherLetter: row.cipher_letter,
      councilAreas: row.council_area_names,
      councilAreaCodes: row.council_area_codes,
      openDateNote: "Date the current ONS code was enacted, not the board's founding date",
    },
  }));
}
