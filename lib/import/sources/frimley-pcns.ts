// Frimley's sub-ICB location D4U1Y closed on 31 March 2026, but pcns.csv (October 2025) still puts its
// PCNs under it. NHS England's April 2026 practice file gives each practice its sub-ICB location of
// the new structure; a PCN goes where its member practices are, and only if they are all in one.
import type { OrganisationRecord } from "../records";
import type { RowError } from "../csv";
import type { OrganisationsRead } from "./reader";

export const FRIMLEY = "D4U1Y";
const SOURCE_2026 = "sub-ICB location of its practices in NHS England's Patients Registered at a GP Practice (the newest gp_registered_patients file, April 2026 structure)";

/**
 * The sub-ICB location of April 2026 for each PCN (and each practice outside a PCN) that sits under
 * Frimley's closed location: where its practices are in the practice file. A PCN whose practices sit
 * in more than one location, or in none that the file lists, is refused by name.
 */
export function frimleyParents(
  subIcbOfPractice: ReadonlyMap<string, string>,
  pcns: readonly OrganisationRecord[],
  practices: readonly OrganisationRecord[],
  /** The practice file the map comes from, named in a refusal */
  practiceFile = "gp_registered_patients_2026_04.csv",
): { parents: Map<string, string>; errors: RowError[] } {
  const parents = new Map<string, string>();
  const errors: RowError[] = [];
  for (const practice of practices) {
    const subIcb = subIcbOfPractice.get(practice.code);
    if (practice.parentCode === FRIMLEY && subIcb) parents.set(practice.code, subIcb);
  }
  for (const pcn of pcns.filter((p) => p.parentCode === FRIMLEY)) {
    const members = practices.filter((practice) => practice.parentCode === pcn.code);
    const locations = [...new Set(members.flatMap((practice) => subIcbOfPractice.get(practice.code) ?? []))].sort();
    if (locations.length === 1) parents.set(pcn.code, locations[0]!);
    else {
      const where = locations.length === 0 ? "none of its practices is in the file" : `its practices are in ${locations.join(", ")}`;
      errors.push({ file: practiceFile, line: 0, reason: `PCN ${pcn.code} (${pcn.name}) of Frimley's ${FRIMLEY} is not wholly in one sub-ICB location: ${where}` });
    }
  }
  return { parents, errors };
}

/** The read bodies with Frimley's PCNs and practices under their April 2026 sub-ICB location. */
function moveFromFrimley(
  read: OrganisationsRead,
  { parents, regionOfSubIcb }: { parents: ReadonlyMap<string, string>; regionOfSubIcb: ReadonlyMap<string, string> },
): OrganisationsRead {
  return {
    ...read,
    organisations: read.organisations.map((sourced) => {
      const parentCode = parents.get(sourced.record.code);
      if (!parentCode) return sourced;
      const { record } = sourced;
      return {
        ...sourced,
        record: {
          ...record,
          parentCode,
          regionCode: regionOfSubIcb.get(parentCode) ?? record.regionCode,
          source: `${record.source}; ${SOURCE_2026}`,
          details: { ...record.details, subIcbCodeOct2025: FRIMLEY, subIcbSource: SOURCE_2026 },
        },
      };
    }),
  };
}

/** pcns.csv and gp_practices.csv as read, with Frimley's bodies moved; a PCN that cannot move is refused in pcns. */
export function withFrimleyIn2026({
  subIcbOfPractice,
  pcns,
  practices,
  regionOfSubIcb,
  practiceFile,
}: {
  subIcbOfPractice: ReadonlyMap<string, string>;
  practiceFile?: string;
  pcns: OrganisationsRead;
  practices: OrganisationsRead;
  regionOfSubIcb: ReadonlyMap<string, string>;
}): { pcns: OrganisationsRead; practices: OrganisationsRead } {
  const records = (read: OrganisationsRead) => read.organisations.map(({ record }) => record);
  const { parents, errors } = frimleyParents(subIcbOfPractice, records(pcns), records(practices), practiceFile);
  const moved = { parents, regionOfSubIcb };
  return { pcns: { ...moveFromFrimley(pcns, moved), errors: [...pcns.errors, ...errors] }, practices: moveFromFrimley(practices, moved) };
}
