// What the readers of data/ share: where they read, what they hand back, and how a row becomes an
// organisation. Each reader takes the lookups it needs from earlier readers as arguments and
// returns records, never changing anything it was given (see index.ts for the order).
import type { z } from "zod";
import type { IsoDate, OrganisationRecord, SuccessionRecord } from "../records";
import { readCsv, type ParsedRow, type RowError } from "../csv";
import { SRC } from "./provenance";

export type Source = { dataDir: string; today: IsoDate };

/** What a reader made of its file: its records, and every row it refused. */
export type Read<T> = Readonly<T> & { readonly errors: readonly RowError[] };

/** An organisation with the row it came from, so that a code used twice is reported where it was. */
export type SourcedOrganisation = { file: string; line: number; record: OrganisationRecord };

export type OrganisationsRead = Read<{ organisations: readonly SourcedOrganisation[] }>;

type Defaulted = Omit<OrganisationRecord, "code" | "codeSystem" | "name" | "kind" | "nation" | "source" | "sourceAsOf">;
/** `status`, when given, is the source's own word on a body it gives no (or no past) close date for. */
export type OrganisationFields = Pick<OrganisationRecord, "code" | "codeSystem" | "name" | "kind" | "nation" | "source" | "sourceAsOf"> &
  Partial<Defaulted>;

/** A row the reader will not load, and why. */
export type Refusal = { refused: string };

export const NO_CODE: Refusal = { refused: "ods_code is required (no Atlas reference is defined for this body)" };

/**
 * Turns parsed rows into organisations: `describe` gives a row's fields, a Refusal, or null for a
 * row this file lists but does not load. Parse errors come first, then refusals, in line order.
 */
export function organisationsFrom<T>(
  source: Source,
  file: string,
  parsed: { rows: readonly ParsedRow<T>[]; errors: readonly RowError[] },
  describe: (row: T) => OrganisationFields | Refusal | null,
): OrganisationsRead {
  const organisations: SourcedOrganisation[] = [];
  const errors = [...parsed.errors];
  for (const { line, value } of parsed.rows) {
    const fields = describe(value);
    if (fields === null) continue;
    if ("refused" in fields) errors.push({ file, line, reason: fields.refused });
    else organisations.push({ file, line, record: organisation(fields, source.today) });
  }
  return { organisations, errors };
}

/** Reads a file in which every row is one organisation. */
export function readOrganisations<S extends z.ZodType>(
  source: Source,
  file: string,
  schema: S,
  describe: (row: z.output<S>) => OrganisationFields | Refusal | null,
): OrganisationsRead {
  return organisationsFrom(source, file, readCsv(source.dataDir, file, schema), describe);
}

function organisation(fields: OrganisationFields, today: IsoDate): OrganisationRecord {
  const closeDate = fields.closeDate ?? null;
  return {
    onsCode: null,
    otherNames: [],
    subtype: null,
    parentCode: null,
    regionCode: null,
    openDate: null,
    postcode: null,
    address: null,
    website: null,
    population: null,
    populationYear: null,
    populationSource: null,
    details: {},
    ...fields,
    closeDate,
    status: closeDate !== null && closeDate <= today ? "closed" : (fields.status ?? "open"),
  };
}

/** A hand-compiled succession: one body's functions passed to another (SOURCES.md, Hand-compiled lists). */
export function replacement(predecessorCode: string, successorCode: string, effectiveDate: IsoDate, note: string): SuccessionRecord {
  return { predecessorCode, successorCode, effectiveDate, reason: "replacement", note, source: SRC.handCompiled };
}

/** Other names worth searching by, without repeats or the name itself. */
export function distinct(values: (string | null | undefined)[], exclude: string): string[] {
  const seen = new Set<string>();
  for (const value of values) {
    if (value && value.toLowerCase() !== exclude.toLowerCase()) seen.add(value);
  }
  return [...seen];
}

const ACRONYMS = new Set(["NHS", "ICB", "PCN", "CCG", "UK", "HSC", "II", "III"]);
const SMALL_WORDS = new Set(["and", "of", "the", "for", "in", "on", "with"]);
/** ODS and RTT files are upper case; show ICB, sub-ICB, CCG and trust names as NHS England writes them. */
export function toDisplayCase(name: string): string {
  if (name !== name.toUpperCase()) return name;
  return name
    .toLowerCase()
    .split(/(\s+|-|\(|\))/)
    .map((word, index) => {
      const upper = word.toUpperCase();
      if (ACRONYMS.has(upper)) return upper;
      if (/^[a-z]\d/.test(word) || /\d/.test(word)) return upper; // codes such as "15E"
      if (index > 0 && SMALL_WORDS.has(word)) return word;
      return word.charAt(0).toUpperCase() + word.slice(1);
    })
    .join("")
    .replace(/'S\b/g, "'s");
}
