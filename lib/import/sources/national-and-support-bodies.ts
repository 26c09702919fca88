// national_and_support_bodies.csv: the bodies around the commissioners (NATIONAL_BODIES.md): CSUs,
// national buyers, DHSC arm's-length bodies and the Health Innovation Networks. A blank status is
// stored as "unknown", never as open.
import { z } from "zod";
import { SUPPORT_BODY_KINDS } from "@/lib/organisations/vocabulary";
import type { SuccessionRecord } from "../records";
import { codeList, isoDate, optionalText, readCsv, text } from "../csv";
import { AS_OF, SAME_BODIES, SUPPORT_BODY_REFERENCES } from "./provenance";
import { NO_CODE, organisationsFrom, type OrganisationsRead, type Source } from "./reader";

const FILE = "national_and_support_bodies.csv";

const schema = z.object({
  name: text,
  other_names: codeList,
  kind: z.enum(SUPPORT_BODY_KINDS),
  ods_code: optionalText,
  status: z.enum(["open", "closed", "merged", ""], { message: "must be open, closed, merged or empty" }),
  status_date: isoDate,
  successor: optionalText,
  covers: optionalText,
  website: optionalText,
  source: codeList,
});
type SupportRow = z.output<typeof schema>;

/** What a row adds to the record of a body that national_bodies.csv already holds. */
export type AlsoListed = { line: number; otherNames: string[]; source: string; details: Record<string, unknown> };

export type SupportBodiesRead = OrganisationsRead & {
  readonly successions: readonly SuccessionRecord[];
  /** Rows naming a body of national_bodies.csv (SAME_BODIES), by that body's code */
  readonly alsoListed: ReadonlyMap<string, AlsoListed>;
};

const DHSC = "ATLAS-DHSC";
/** The GOV.UK organisations API lists DHSC's own bodies (NATIONAL_BODIES.md, key govuk-api) */
const DHSC_LISTED = "govuk-api";

export function readNationalAndSupportBodies(source: Source): SupportBodiesRead {
  const parsed = readCsv(source.dataDir, FILE, schema);
  const codeOf = (name: string) => SAME_BODIES[name] ?? SUPPORT_BODY_REFERENCES[name] ?? parsed.rows.find(({ value }) => value.name === name)?.value.ods_code ?? null;
  const alsoListed = new Map<string, AlsoListed>();
  const read = organisationsFrom(source, FILE, parsed, (row) => {
    const sameBody = SAME_BODIES[row.name];
    if (sameBody) return null;
    const code = row.ods_code ?? SUPPORT_BODY_REFERENCES[row.name];
    if (!code) return NO_CODE;
    const ended = row.status === "closed" || row.status === "merged";
    return {
      code,
      codeSystem: row.ods_code ? "ods" : "atlas",
      name: row.name,
      otherNames: row.other_names,
      kind: row.kind,
      nation: "england",
      parentCode: row.source.includes(DHSC_LISTED) ? DHSC : null,
      closeDate: ended ? row.status_date : null,
      // A dated closure takes effect on its date (reader.ts); a closure no source dates is closed all the same
      status: !ended ? (row.status === "open" ? "open" : "unknown") : row.status_date ? "open" : "closed",
      website: row.website,
      source: sourceText(row),
      sourceAsOf: AS_OF.supportBodies,
      details: details(row),
    };
  });
  for (const { line, value: row } of parsed.rows) {
    const code = SAME_BODIES[row.name];
    if (code) alsoListed.set(code, { line, otherNames: row.other_names, source: sourceText(row), details: details(row) });
  }
  const successions = parsed.rows.flatMap(({ value: row }) => successionsOf(row, codeOf));
  return { ...read, successions, alsoListed };
}

function sourceText(row: SupportRow): string {
  return `${FILE}; sources (NATIONAL_BODIES.md): ${row.source.join("; ")}`;
}

/** What the file says that has no column: the successor as written, the area covered, an unpublished status. */
function details(row: SupportRow): Record<string, unknown> {
  return {
    ...(row.successor ? { successor: row.successor } : {}),
    ...(row.covers ? { covers: row.covers } : {}),
    ...(row.status === "merged" ? { statusInSource: "merged" } : {}),
    ...(row.status === "" ? { statusNote: "No source gave this body's status (NATIONAL_BODIES.md)" } : {}),
    ...(row.kind === "csu" && row.status === "open"
      ? { statusNote: "Taken to be one of the four remaining CSUs; NHS England is closing all CSUs, no closure date found (NATIONAL_BODIES.md)" }
      : {}),
  };
}

/**
 * The bodies of the atlas that a closed body's successor text names, dated by its status date. A text
 * that names no body of the atlas (NHS London Shared Service), or a change with no date, stays in the
 * record's details only.
 */
function successionsOf(row: SupportRow, codeOf: (name: string) => string | null): SuccessionRecord[] {
  if ((row.status !== "closed" && row.status !== "merged") || !row.successor || !row.status_date) return [];
  const parts = row.successor.split(";").map((part) => part.trim());
  const named = parts.map((part) => ({ part, code: part.match(/\(([0-9A-Z]{3,5})\)$/)?.[1] ?? codeOf(part) }));
  const found = named.filter((n): n is { part: string; code: string } => n.code !== null);
  const missing = named.filter((n) => n.code === null).map((n) => n.part);
  const predecessorCode = row.ods_code ?? SUPPORT_BODY_REFERENCES[row.name];
  if (!predecessorCode) return [];
  return found.map(({ code }) => ({
    predecessorCode,
    successorCode: code,
    effectiveDate: row.status_date!,
    reason: row.status === "merged" ? "merger" : parts.length > 1 ? "split" : "replacement",
    note: missing.length ? `Also passed to: ${missing.join("; ")} (not in the atlas)` : null,
    source: sourceText(row),
  }));
}
