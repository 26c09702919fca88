// Spreadsheet matching's words and limits, shared by the server, the API contract and the browser.
import type { OrganisationKind } from "@/lib/organisations/vocabulary";

/** An upload or API call holds at most this many rows (or names)… */
export const MAX_MATCH_ROWS = 10_000;
/** …and at most this many bytes (5 MB) */
export const MAX_MATCH_BYTES = 5 * 1024 * 1024;
/** Names per statement on the server, and per call from the page (which shows progress between them) */
export const MATCH_BATCH = 500;

export const MATCH_METHODS = ["code", "name", "former-name", "successor", "fuzzy-name"] as const;
export type MatchMethod = (typeof MATCH_METHODS)[number];

export const MATCH_METHOD_LABELS: Record<MatchMethod, string> = {
  code: "Code",
  name: "Name",
  "former-name": "Former or Welsh name",
  successor: "Closed: its successor",
  "fuzzy-name": "Near name",
};

/** Bodies that buy in their own name: on equal confidence they rank before practices, PCNs and places */
export const BUYER_KINDS: readonly OrganisationKind[] = ["icb", "health-board", "local-health-board", "sppg", "nhs-trust", "welsh-nhs-trust", "hsc-trust", "special-health-board"];

/** Headers that name the column of accounts, most telling first */
export const ACCOUNT_HEADER_HINTS = [/^(account|organi[sz]ation|customer|body|company)[ _-]?name$/i, /name/i, /account|organi[sz]ation|customer|body|trust|icb|ccg/i, /code|ods/i];

/** The columns a download adds after the file's own: the body matched, and the bodies of today it leads to */
export const ADDED_COLUMNS = ["atlas_code", "atlas_name", "atlas_kind", "atlas_status", "atlas_today"] as const;
