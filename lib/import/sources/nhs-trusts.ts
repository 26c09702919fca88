// nhs_trusts.csv: NHS trusts of England, under the ICB of their ODS "high level health geography".
// The three all-Wales trusts are listed with the Welsh bodies; this file gives their address.
import { z } from "zod";
import type { SuccessionRecord } from "../records";
import { odsDate, optionalText, readCsv, text, yesNo, type RowError } from "../csv";
import { AS_OF, SRC } from "./provenance";
import { distinct, organisationsFrom, toDisplayCase, type OrganisationsRead, type Source } from "./reader";

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

/**
 * Trust mergers. ODS etr carries no successor: it closes the trust that merged (RVJ on 2026-06-30) and
 * names the trust that continued under its new name (RA7 as Bristol NHS Foundation Trust; the 2025 etr
 * named it University Hospitals Bristol and Weston NHS Foundation Trust). The link is the public fact
 * of the merger, checked here against the file's dates.
 */
const TRUST_MERGERS = [
  {
    predecessor: "RVJ",
    successor: "RA7",
    successorFormerName: "University Hospitals Bristol and Weston NHS Foundation Trust",
    note: "North Bristol NHS Trust merged with University Hospitals Bristol and Weston NHS Foundation Trust (RA7), which continues as Bristol NHS Foundation Trust",
  },
] as const;

const dayAfter = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The mergers whose trusts are in the file: the successor open, the predecessor closed the day before. */
function trustMergers(rows: readonly z.output<typeof schema>[]): { successions: SuccessionRecord[]; errors: RowError[] } {
  const byCode = new Map(rows.map((row) => [row.ods_code, row]));
  const successions: SuccessionRecord[] = [];
  const errors: RowError[] = [];
  for (const merger of TRUST_MERGERS) {
    const predecessor = byCode.get(merger.predecessor);
    const successor = byCode.get(merger.successor);
    if (!predecessor) continue; // a later extract no longer lists the closed trust
    if (!predecessor.close_date || !successor || successor.close_date) {
      errors.push({ file: FILE, line: 0, reason: `${merger.predecessor} -> ${merger.successor}: the merger needs ${merger.predecessor} closed and ${merger.successor} open in the file` });
      continue;
    }
    successions.push({
      predecessorCode: merger.predecessor,
      successorCode: merger.successor,
      effectiveDate: dayAfter(predecessor.close_date),
      reason: "merger",
      note: merger.note,
      source: SRC.etr,
    });
  }
  return { successions, errors };
}

export function readNhsTrusts(
  source: Source,
): OrganisationsRead & { readonly welshTrusts: ReadonlyMap<string, WelshTrust>; readonly successions: readonly SuccessionRecord[] } {
  const parsed = readCsv(source.dataDir, FILE, schema);
  const formerNames = new Map<string, string>(TRUST_MERGERS.map((m) => [m.successor, m.successorFormerName]));
  const read = organisationsFrom(source, FILE, parsed, (row) =>
    inWales(row)
      ? null
      : {
          code: row.ods_code,
          codeSystem: "ods",
          name: toDisplayCase(row.name),
          otherNames: distinct([formerNames.get(row.ods_code)], toDisplayCase(row.name)),
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
  const mergers = trustMergers(parsed.rows.map(({ value }) => value));
  return { ...read, errors: [...read.errors, ...mergers.errors], welshTrusts, successions: mergers.successions };
}
