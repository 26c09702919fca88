// The canonical vocabularies of the atlas. The database enforces the same lists with CHECK
// constraints (prisma/migrations/*_init), so a value outside them can never be stored.

export const NATIONS = ["england", "scotland", "wales", "northern-ireland"] as const;
export type Nation = (typeof NATIONS)[number];

export const NATION_LABELS: Record<Nation, string> = {
  england: "England",
  scotland: "Scotland",
  wales: "Wales",
  "northern-ireland": "Northern Ireland",
};

export const ORGANISATION_KINDS = [
  "national-body",
  "nhse-region",
  "icb",
  "sub-icb-location",
  "pcn",
  "gp-practice",
  "nhs-trust",
  "local-authority",
  "health-board",
  "special-health-board",
  "hscp",
  "local-health-board",
  "welsh-nhs-trust",
  "sppg",
  "hsc-trust",
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const KIND_LABELS: Record<OrganisationKind, { singular: string; plural: string }> = {
  "national-body": { singular: "National body", plural: "National bodies" },
  "nhse-region": { singular: "NHS England region", plural: "NHS England regions" },
  icb: { singular: "Integrated care board", plural: "Integrated care boards (ICBs)" },
  "sub-icb-location": { singular: "Sub-ICB location", plural: "Sub-ICB locations" },
  pcn: { singular: "Primary care network", plural: "Primary care networks (PCNs)" },
  "gp-practice": { singular: "GP practice", plural: "GP practices" },
  "nhs-trust": { singular: "NHS trust", plural: "NHS trusts" },
  "local-authority": { singular: "Local authority", plural: "Local authorities (upper tier)" },
  "health-board": { singular: "Health board", plural: "Health boards" },
  "special-health-board": { singular: "Special health board", plural: "Special health boards" },
  hscp: { singular: "Health and social care partnership", plural: "Health and social care partnerships (HSCPs)" },
  "local-health-board": { singular: "Local health board", plural: "Local health boards" },
  "welsh-nhs-trust": { singular: "Welsh NHS trust", plural: "Welsh NHS trusts" },
  sppg: { singular: "Strategic Planning and Performance Group", plural: "Strategic Planning and Performance Group" },
  "hsc-trust": { singular: "HSC trust", plural: "HSC trusts" },
};

export const ORGANISATION_STATUSES = ["open", "closed"] as const;
export type OrganisationStatus = (typeof ORGANISATION_STATUSES)[number];

/** Where a code comes from. "atlas" marks a body for which no official code was found. */
export const CODE_SYSTEMS = ["ods", "ons", "phs", "atlas"] as const;
export type CodeSystem = (typeof CODE_SYSTEMS)[number];

export const SUCCESSION_REASONS = ["merger", "split", "replacement", "boundary-change"] as const;
export type SuccessionReason = (typeof SUCCESSION_REASONS)[number];

export const ARRANGEMENTS = ["commissions", "delegated", "retained", "joint", "provides-and-plans"] as const;
export type Arrangement = (typeof ARRANGEMENTS)[number];

export const ARRANGEMENT_LABELS: Record<Arrangement, string> = {
  commissions: "Commissions",
  delegated: "Delegated to",
  retained: "Retained by",
  joint: "Jointly commissioned",
  "provides-and-plans": "Plans and provides",
};

/** Commissioner vocabulary of who_commissions_what.csv (see data/WHO_COMMISSIONS_WHAT.md) */
export const COMMISSIONER_KINDS = [
  "icb",
  "nhs-england",
  "local-authority",
  "health-board",
  "integration-authority",
  "nhs-national-services-scotland",
  "local-health-board",
  "nhs-wales-joint-commissioning-committee",
  "welsh-government",
  "sppg",
  "public-health-agency",
  "hsc-trust",
  "other",
] as const;
export type CommissionerKind = (typeof COMMISSIONER_KINDS)[number];

/** The organisation kind whose bodies hold a commissioner-kind role, where every body of that kind does */
export const COMMISSIONER_KIND_TO_ORGANISATION_KIND: Partial<Record<CommissionerKind, OrganisationKind>> = {
  icb: "icb",
  "local-authority": "local-authority",
  "health-board": "health-board",
  "integration-authority": "hscp",
  "local-health-board": "local-health-board",
  sppg: "sppg",
  "hsc-trust": "hsc-trust",
};

export const EVIDENCE_LEVELS = ["direct", "indirect"] as const;

export const COMMISSIONER_KIND_LABELS: Record<CommissionerKind, string> = {
  icb: "Integrated care boards",
  "nhs-england": "NHS England",
  "local-authority": "Local authorities",
  "health-board": "Health boards",
  "integration-authority": "Integration authorities (HSCPs)",
  "nhs-national-services-scotland": "NHS National Services Scotland",
  "local-health-board": "Local health boards",
  "nhs-wales-joint-commissioning-committee": "NHS Wales Joint Commissioning Committee",
  "welsh-government": "Welsh Government",
  sppg: "Strategic Planning and Performance Group",
  "public-health-agency": "Public Health Agency",
  "hsc-trust": "HSC trusts",
  other: "Other body",
};
