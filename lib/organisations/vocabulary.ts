// The canonical vocabularies of the atlas. The database enforces the same lists with CHECK
// constraints (prisma/migrations/*_init), so a value outside them can never be stored. Pure (the SQL
// fragments are text), so the browser's components import it too.
import { raw, type Sql } from "@/lib/db/sql";

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
  "ccg",
  "csu",
  "national-buyer",
  "arms-length-body",
  "health-innovation-network",
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** Full names for headings and filters; short ones for compact tables ("ICB") and chart axes ("ICBs"). */
export const KIND_LABELS: Record<OrganisationKind, { singular: string; plural: string; short: string; shortPlural: string }> = {
  "national-body": { singular: "National body", plural: "National bodies", short: "National body", shortPlural: "National bodies" },
  "nhse-region": { singular: "NHS England region", plural: "NHS England regions", short: "NHSE region", shortPlural: "NHSE regions" },
  icb: { singular: "Integrated care board", plural: "Integrated care boards (ICBs)", short: "ICB", shortPlural: "ICBs" },
  "sub-icb-location": { singular: "Sub-ICB location", plural: "Sub-ICB locations", short: "Sub-ICB location", shortPlural: "Sub-ICB locations" },
  pcn: { singular: "Primary care network", plural: "Primary care networks (PCNs)", short: "PCN", shortPlural: "PCNs" },
  "gp-practice": { singular: "GP practice", plural: "GP practices", short: "GP practice", shortPlural: "GP practices" },
  "nhs-trust": { singular: "NHS trust", plural: "NHS trusts", short: "NHS trust", shortPlural: "NHS trusts" },
  "local-authority": { singular: "Local authority", plural: "Local authorities (upper tier)", short: "Local authority", shortPlural: "Local authorities" },
  "health-board": { singular: "Health board", plural: "Health boards", short: "Health board", shortPlural: "Health boards" },
  "special-health-board": { singular: "Special health board", plural: "Special health boards", short: "Special health board", shortPlural: "Special health boards" },
  hscp: { singular: "Health and social care partnership", plural: "Health and social care partnerships (HSCPs)", short: "HSCP", shortPlural: "HSCPs" },
  "local-health-board": { singular: "Local health board", plural: "Local health boards", short: "Local health board", shortPlural: "Local health boards" },
  "welsh-nhs-trust": { singular: "Welsh NHS trust", plural: "Welsh NHS trusts", short: "Welsh NHS trust", shortPlural: "Welsh NHS trusts" },
  sppg: { singular: "Strategic Planning and Performance Group", plural: "Strategic Planning and Performance Group", short: "SPPG", shortPlural: "SPPG" },
  "hsc-trust": { singular: "HSC trust", plural: "HSC trusts", short: "HSC trust", shortPlural: "HSC trusts" },
  ccg: { singular: "Clinical commissioning group", plural: "Clinical commissioning groups (CCGs, 2013-2022)", short: "CCG", shortPlural: "CCGs" },
  csu: { singular: "Commissioning support unit", plural: "Commissioning support units (CSUs)", short: "CSU", shortPlural: "CSUs" },
  "national-buyer": { singular: "National buyer", plural: "National buyers", short: "National buyer", shortPlural: "National buyers" },
  "arms-length-body": { singular: "DHSC arm's-length body", plural: "DHSC arm's-length bodies", short: "Arm's-length body", shortPlural: "Arm's-length bodies" },
  "health-innovation-network": {
    singular: "Health Innovation Network",
    plural: "Health Innovation Networks (formerly AHSNs)",
    short: "HIN",
    shortPlural: "HINs",
  },
};

const kindLabels = (form: "short" | "shortPlural") => Object.fromEntries(ORGANISATION_KINDS.map((kind) => [kind, KIND_LABELS[kind][form]])) as Record<OrganisationKind, string>;
export const SHORT_KIND_LABELS = kindLabels("short");
export const SHORT_KIND_PLURALS = kindLabels("shortPlural");

/** What lies directly below a body of each kind, for the drill-down links. */
export const CHILD_KINDS: Partial<Record<OrganisationKind, OrganisationKind[]>> = {
  "national-body": [],
  "nhse-region": ["icb"],
  icb: ["sub-icb-location", "nhs-trust"],
  "sub-icb-location": ["pcn", "gp-practice"],
  pcn: ["gp-practice"],
  "health-board": ["hscp"],
};

/** The ICB or board: the body that commissions for an area, and that every smaller body in it sits under. */
export const AREA_COMMISSIONER_KINDS = ["icb", "health-board", "local-health-board", "sppg"] as const satisfies readonly OrganisationKind[];

/**
 * Kinds whose bodies commission services themselves: the ICBs and boards, and the national, council and
 * partnership bodies. A body of any other kind (a practice, a PCN, a trust) is commissioned for by its
 * area commissioner.
 */
export const COMMISSIONING_KINDS: readonly OrganisationKind[] = [...AREA_COMMISSIONER_KINDS, "hsc-trust", "local-authority", "hscp", "national-body", "special-health-board"];

/** The national, regional and area tiers that plan for a population: what a search most likely means, so they rank first among equals. */
export const PLANNING_TIER_KINDS: readonly OrganisationKind[] = ["national-body", "nhse-region", ...AREA_COMMISSIONER_KINDS];

/** The bodies around the commissioners (national_and_support_bodies.csv), in the order the structure page lists them. */
export const SUPPORT_BODY_KINDS = ["csu", "national-buyer", "arms-length-body", "health-innovation-network"] as const satisfies readonly OrganisationKind[];

/** Kinds whose bodies buy on the NHS's behalf without commissioning care: buyers in the procurement data. */
export const BUYER_KINDS = ["csu", "national-buyer"] as const satisfies readonly OrganisationKind[];

/** `<column> IN ('icb', ...)`: a list of kinds as SQL text, from the vocabulary above and never from input. */
export function kindIn(column: string, kinds: readonly OrganisationKind[]): Sql {
  if (!/^([a-z]\w*\.)?kind$/.test(column) || !kinds.length || !kinds.every((kind) => ORGANISATION_KINDS.includes(kind))) throw new Error(`kindIn: not a kind column and a list of kinds (${column})`);
  return raw(`${column} IN (${kinds.map((kind) => `'${kind}'`).join(", ")})`);
}

/** "unknown": no source gave the body's status (some support bodies); never read as open. */
export const ORGANISATION_STATUSES = ["open", "closed", "unknown"] as const;
export type OrganisationStatus = (typeof ORGANISATION_STATUSES)[number];

export const STATUS_LABELS: Record<OrganisationStatus, string> = { open: "Open", closed: "Closed", unknown: "Status not published" };

/** Where a code comes from. "atlas" marks a body for which no official code was found. */
export const CODE_SYSTEMS = ["ods", "ons", "phs", "atlas"] as const;
export type CodeSystem = (typeof CODE_SYSTEMS)[number];

export const SUCCESSION_REASONS = ["merger", "split", "replacement", "boundary-change"] as const;
export type SuccessionReason = (typeof SUCCESSION_REASONS)[number];

/** How a closed body's successors are introduced: "Merged into …", "Split between …" */
export const SUCCESSION_REASON_LABELS: Record<SuccessionReason, string> = {
  merger: "Merged into",
  split: "Split between",
  replacement: "Replaced by",
  "boundary-change": "Took part of its area and continued",
};

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
