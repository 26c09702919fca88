// The vocabularies of procurement: where a notice comes from, the status of its process and how its
// buyer was matched to a body. The migration's CHECK constraints hold the same lists. Pure, so the
// browser's components import it too.

export const PROCUREMENT_SOURCES = ["contracts-finder", "find-a-tender", "sell2wales", "public-contracts-scotland"] as const;
export type ProcurementSource = (typeof PROCUREMENT_SOURCES)[number];

export const PROCUREMENT_SOURCE_LABELS: Record<ProcurementSource, string> = {
  "contracts-finder": "Contracts Finder",
  "find-a-tender": "Find a Tender",
  sell2wales: "Sell2Wales",
  "public-contracts-scotland": "Public Contracts Scotland",
};

/** The OCDS ocid prefix each publisher registers, which tells a release's source. */
export const OCID_PREFIXES: Record<ProcurementSource, string> = {
  "contracts-finder": "ocds-b5fd17",
  "find-a-tender": "ocds-h6vhtk",
  sell2wales: "ocds-kuma6s",
  "public-contracts-scotland": "ocds-r6ebe6",
};

/** The feeds `npm run procurement:sync` can page through. */
export const SYNC_SOURCES = ["contracts-finder", "find-a-tender"] as const satisfies readonly ProcurementSource[];
export type SyncSource = (typeof SYNC_SOURCES)[number];

/** "ocds": compiled from releases; "reshaped": a notice of nhs_procurement.csv, with fewer fields. */
export const PROCESS_ORIGINS = ["ocds", "reshaped"] as const;
export type ProcessOrigin = (typeof PROCESS_ORIGINS)[number];

/**
 * Where a process stands, from its compiled record:
 * planned (a planning notice), open (a tender accepting bids or not yet decided), closed (the
 * tender's deadline passed and nothing is awarded yet, or it completed without an award), awarded
 * (an active award or contract), cancelled (cancelled, unsuccessful or withdrawn), unknown.
 */
export const NOTICE_STATUSES = ["planned", "open", "closed", "awarded", "cancelled", "unknown"] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

export const NOTICE_STATUS_LABELS: Record<NoticeStatus, string> = {
  planned: "Planned",
  open: "Open",
  closed: "Closed",
  awarded: "Awarded",
  cancelled: "Cancelled",
  unknown: "Unknown",
};

/**
 * How a buyer name came to be matched to a body: identifier (an ODS code the publisher gave),
 * name (its exact normalised current name), alias (a former or other name), manual (an operator).
 */
export const BUYER_MATCH_METHODS = ["identifier", "name", "alias", "manual"] as const;
export type BuyerMatchMethod = (typeof BUYER_MATCH_METHODS)[number];

export const BUYER_MATCH_METHOD_LABELS: Record<BuyerMatchMethod, string> = {
  identifier: "By identifier",
  name: "By exact name",
  alias: "By a former or other name",
  manual: "By hand",
};

/** How a notice's buyer relates to the body whose procurement is shown. */
export const BUYER_RELATIONS = ["self", "below", "predecessor"] as const;
export type BuyerRelation = (typeof BUYER_RELATIONS)[number];

export const BUYER_RELATION_LABELS: Record<BuyerRelation, string> = {
  self: "Published by this body",
  below: "Published by a body below it",
  predecessor: "Published by a predecessor",
};

/** What every page that shows procurement figures says about how far they reach. */
export const COVERAGE_CAVEAT = "A sample; run a sync for the full feed.";
