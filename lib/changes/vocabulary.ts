// The change log's vocabulary. The database enforces the same list with a CHECK constraint
// (prisma/migrations/*_change_log). Pure, so the browser's components import it too.

export const CHANGE_TYPES = ["opened", "closed", "renamed", "moved", "merged", "split", "figures", "commissioning"] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

/** Each type's label and what it means: the filter's options, the badge's title and the API's description. */
export const CHANGE_TYPE_TEXT = Object.fromEntries(
  (
    [
      ["opened", "Opened", "a body new to the data"],
      ["closed", "Closed", "a body closed with no successor in the data"],
      ["renamed", "Renamed", "a body's name changed"],
      ["moved", "Moved to another parent", "a body now sits under another parent"],
      ["merged", "Merged", "bodies merged into (or were replaced by) one successor"],
      ["split", "Split", "a body's functions passed to several successors"],
      ["figures", "Figures updated", "a population or allocation figure changed"],
      ["commissioning", "Who commissions what", "a who-commissions-what row, or a body's commissioning passing to another"],
    ] satisfies [ChangeType, string, string][]
  ).map(([type, label, means]) => [type, { label, means }]),
) as Record<ChangeType, { label: string; means: string }>;

/** What an entry says, as the importer writes it and the log reads it back. */
export type ChangeFields = {
  type: ChangeType;
  /** Every body it touches, by code */
  codes: string[];
  nations: string[];
  kinds: string[];
  summary: string;
  before: unknown;
  after: unknown;
  source: string;
  sourceUrl: string | null;
};
