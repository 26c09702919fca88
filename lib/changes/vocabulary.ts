// The change log's vocabulary. The database enforces the same list with a CHECK constraint
// (prisma/migrations/*_change_log). Pure, so the browser's components import it too.

export const CHANGE_TYPES = ["opened", "closed", "renamed", "moved", "merged", "split", "figures", "commissioning"] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

export const CHANGE_TYPE_LABELS: Record<ChangeType, string> = {
  opened: "Opened",
  closed: "Closed",
  renamed: "Renamed",
  moved: "Moved to another parent",
  merged: "Merged",
  split: "Split",
  figures: "Figures updated",
  commissioning: "Who commissions what",
};
