// The alerts' vocabulary. The database enforces the same lists with CHECK constraints
// (prisma/migrations/20261204100000_alerts). Pure, so the browser's components import it too.

/** The six kinds of event, by the names webhooks and the API use. */
export const EVENT_KINDS = ["notice.published", "contract.ending", "structure.changed", "view.matched", "note.mentioned", "entry.due"] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const EVENT_KIND_TEXT: Record<EventKind, { label: string; means: string }> = {
  "notice.published": { label: "New tender or award", means: "a tender, award or contract notice for a followed body, or matching a followed contracts view" },
  "contract.ending": { label: "Contract ending", means: "a contract of a followed body is 12, 6 or 3 months from its end date" },
  "structure.changed": { label: "Structure change", means: "a followed body, or one on a followed list, closed, merged, was renamed or moved" },
  "view.matched": { label: "New match for a view", means: "a body newly matches a followed explorer view after an import" },
  "note.mentioned": { label: "Mentioned in a note", means: "a teammate mentioned you in a note" },
  "entry.due": { label: "Next step due", means: "the next-step date of a list entry you own has come" },
};

/** What can be followed. */
export const FOLLOW_TARGETS = ["organisation", "view", "list"] as const;
export type FollowTarget = (typeof FOLLOW_TARGETS)[number];

/** How a kind of event goes by email: not at all, at once, or gathered into a daily or weekly digest. */
export const EMAIL_FREQUENCIES = ["off", "instant", "daily", "weekly"] as const;
export type EmailFrequency = (typeof EMAIL_FREQUENCIES)[number];

export const EMAIL_FREQUENCY_TEXT: Record<EmailFrequency, string> = {
  off: "No email",
  instant: "At once",
  daily: "Daily digest",
  weekly: "Weekly digest",
};

/** A user's channels for a kind with no saved preference: in the app, and a daily digest by email. */
export const DEFAULT_PREFERENCE: { inApp: boolean; email: EmailFrequency } = { inApp: true, email: "daily" };

/** The months before a contract's end at which contract.ending fires, once each. */
export const CONTRACT_ENDING_MONTHS = [12, 6, 3] as const;

/** The change-log types that are structure changes (lib/changes/vocabulary.ts CHANGE_TYPES). */
export const STRUCTURE_CHANGE_TYPES = ["closed", "merged", "renamed", "moved", "split"] as const;

export const WEBHOOK_DELIVERY_STATES = ["pending", "succeeded", "failed"] as const;
export type WebhookDeliveryState = (typeof WEBHOOK_DELIVERY_STATES)[number];
