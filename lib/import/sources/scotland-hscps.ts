// scotland_hscps.csv: the 31 health and social care partnerships, under their health board.
import { z } from "zod";
import { codeList, count, isoDate, optionalText, text } from "../csv";
import { AS_OF, SRC } from "./provenance";
import { distinct, readOrganisations, type OrganisationsRead, type Source } from "./reader";

const FILE = "scotland_hscps.csv";

const schema = z.object({
  hscp_code: text,
  hscp_name: text,
  health_board_code: text,
  health_board_name: text,
  council_area_codes: codeList,
  council_area_names: codeList,
  council_area_count: count,
  hscp_code_enacted: isoDate,
  previous_hscp_codes: codeList,
  population: count,
  population_year: text,
  note: optionalText,
});

export function readScotlandHscps(source: Source): OrganisationsRead {
  return readOrganisations(source, FILE, schema, (row) => ({
    code: row.hscp_code,
    codeSystem: "ons",
    onsCode: row.hscp_code,
    name: `${row.hscp_name} Health and Social Care Partnership`,
    otherNames: distinct([row.hscp_name, ...row.previous_hscp_codes], row.hscp_name),
    kind: "hscp",
    nation: "scotland",
    parentCode: row.health_board_code,
    openDate: row.hscp_code_enacted,
    population: row.population,
    populationYear: row.population_year,
    populationSource: `Sum of its council areas: ${SRC.nrs2022}`,
    source: `${FILE}; ${SRC.phsGeography}`,
    sourceAsOf: AS_OF.phs,
    details: {
      councilAreas: row.council_area_names,
      councilAreaCodes: row.council_area_codes,
      openDateNote: "Date the current HSCP code was enacted",
      ...(row.note ? { note: row.note } : {}),
    },
  }));
}
