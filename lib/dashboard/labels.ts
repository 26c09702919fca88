// Short labels and colours for chart axes and legends (the tables keep the full names; the kinds'
// short names are in lib/organisations/vocabulary). Pure, so the client chart components can import it.
import type { CommissionerKind, Nation } from "@/lib/organisations/vocabulary";

export const NATION_SHORT: Record<Nation, string> = { england: "Eng", scotland: "Sco", wales: "Wal", "northern-ireland": "NI" };

// Every colour below has at least 3:1 contrast with the white card (WCAG 1.4.11), and each chart
// also says what a colour stands for in text (axis labels, legend, tooltip, table).
export const NATION_COLOURS: Record<Nation, string> = {
  england: "#0072B2",
  scotland: "#B45309",
  wales: "#047857",
  "northern-ireland": "#BE185D",
};

export const SERIES_COLOURS = ["#0072B2", "#B45309", "#047857", "#BE185D", "#6D28D9", "#0E7490", "#991B1B", "#475569"];

export const COMMISSIONER_SHORT: Record<CommissionerKind, string> = {
  icb: "ICBs",
  "nhs-england": "NHS England",
  "local-authority": "Local authorities",
  "health-board": "Health boards",
  "integration-authority": "Integration authorities",
  "nhs-national-services-scotland": "NHS NSS",
  "local-health-board": "Local health boards",
  "nhs-wales-joint-commissioning-committee": "NHS Wales JCC",
  "welsh-government": "Welsh Government",
  sppg: "SPPG",
  "public-health-agency": "Public Health Agency",
  "hsc-trust": "HSC trusts",
  other: "Other bodies",
};

export const ARRANGEMENT_COLOURS: Record<string, string> = {
  commissions: "#0072B2",
  delegated: "#B45309",
  retained: "#6D28D9",
  joint: "#BE185D",
  "provides-and-plans": "#047857",
};

export const STAGE_COLOURS: Record<string, string> = {
  identified: "#64748B",
  researching: "#0E7490",
  engaged: "#0072B2",
  proposal: "#B45309",
  won: "#047857",
  lost: "#B91C1C",
};

/** From a few days late to months late: a ramp that darkens, separated by white gaps in the stack. */
export const OVERDUE_COLOURS = { week: "#A16207", month: "#C2410C", quarter: "#991B1B", older: "#450A0A" } as const;

export const OVERDUE_BUCKETS = [
  { key: "week", label: "1–7 days" },
  { key: "month", label: "8–30 days" },
  { key: "quarter", label: "31–90 days" },
  { key: "older", label: "over 90 days" },
] as const;

/** The window of the dashboard's "contracts ending" card, in months. */
export const DASHBOARD_ENDING_MONTHS = 12;
