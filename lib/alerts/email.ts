// Alert emails: one at once per instant notification, and daily or weekly digests per user and team.
// Every email is an email_delivery row whose unique key is claimed (INSERT ... ON CONFLICT DO
// NOTHING) before anything is sent, so any number of workers racing on the same notification or
// digest send it once. A send that fails marks its delivery failed and rethrows for pg-boss to
// retry; only a failed delivery can be claimed again, never a sent one. Membership is checked at
// send time, so a removed member gets nothing from the moment they are removed.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { execute, queryRows } from "@/lib/db/query";
import { sql, type Sql } from "@/lib/db/sql";
import { escapeHtml } from "@/lib/email/html";
import { appUrl, emailConfigured, sendEmailForId, type OutgoingEmail } from "@/lib/email/transport";
import { ukDateIso } from "@/lib/format";
import { EVENT_KINDS, EVENT_KIND_TEXT, type EventKind } from "./vocabulary";
import { describeScope, unsubscribeUrl, type UnsubscribeScope } from "./unsubscribe";

export type DigestFrequency = "daily" | "weekly";
export type EmailOutcome = "sent" | "skipped" | "not-configured";

/** The page where a user chooses their channels per kind (Settings → Notifications). */
export const NOTIFICATION_SETTINGS_PATH = "/settings/notifications";
/** A digest lists at most this many events of one kind; the rest are counted and wait in the inbox. */
export const DIGEST_EVENTS_PER_KIND = 50;

const TIME_ZONE = "Europe/London";
const ERROR_LENGTH = 1000;

let warnedNotConfigured = false;
function notConfigured(): boolean {
  if (emailConfigured()) return false;
  if (!warnedNotConfigured) {
    warnedNotConfigured = true;
    console.warn("[alerts] SMTP_URL is not set: alert emails are not sent; notifications stay in the inbox.");
  }
  return true;
}

// ---------- content ----------

type EventRow = {
  kind: string;
  title: string;
  summary: string | null;
  link: string;
  source: string;
  source_url: string | null;
  organisation_code: string | null;
  organisation_name: string | null;
  occurred_at: Date;
};

/** An absolute link into the app for an event's path; a full URL is kept only if it is on the app. */
function absoluteLink(path: string): string {
  const base = appUrl();
  try {
    const url = new URL(path, `${base}/`);
    return url.origin === new URL(base).origin ? url.toString() : base;
  } catch {
    return base;
  }
}

/** Source links are data from outside (OCDS, ODS): only http(s) ones become links. */
function safeExternal(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.toString() : null;
  } catch {
    return null;
  }
}

const dayFormat = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: TIME_ZONE });

const kindLabel = (kind: string) => EVENT_KIND_TEXT[kind as EventKind]?.label ?? kind;
const bodyOf = (e: EventRow) => (e.organisation_code ? (e.organisation_name ? `${e.organisation_name} (${e.organisation_code})` : e.organisation_code) : null);

function eventText(e: EventRow): string {
  const lines = [`- ${e.title}`];
  const body = bodyOf(e);
  if (body) lines.push(`  Body: ${body}`);
  if (e.summary) lines.push(`  ${e.summary}`);
  const source = safeExternal(e.source_url);
  lines.push(`  Source: ${e.source}${source ? ` (${source})` : ""}`);
  lines.push(`  Open: ${absoluteLink(e.link)}`);
  return lines.join("\n");
}

function eventHtml(e: EventRow): string {
  const body = bodyOf(e);
  const source = safeExternal(e.source_url);
  return [
    `<li style="margin:0 0 12px">`,
    `<a href="${escapeHtml(absoluteLink(e.link))}" style="font-weight:600;color:#1d4ed8">${escapeHtml(e.title)}</a>`,
    body ? `<br><span style="color:#334155">${escapeHtml(body)}</span>` : "",
    e.summary ? `<br>${escapeHtml(e.summary)}` : "",
    `<br><span style="font-size:12px;color:#475569">Source: ${source ? `<a href="${escapeHtml(source)}" style="color:#475569">${escapeHtml(e.source)}</a>` : escapeHtml(e.source)}</span>`,
    `</li>`,
  ].join("");
}

type Footer = { scope: UnsubscribeScope; userId: string; teamName: string; perKind?: EventKind[] };

function footerParts(f: Footer): { text: string; html: string; unsubscribe: string } {
  const settings = absoluteLink(NOTIFICATION_SETTINGS_PATH);
  const unsubscribe = unsubscribeUrl(f.userId, f.scope);
  const all = f.scope === "all" ? null : unsubscribeUrl(f.userId, "all");
  const kinds = (f.perKind ?? []).map((kind) => ({ kind, url: unsubscribeUrl(f.userId, kind) }));
  const why = `You get this email as a member of ${f.teamName} on Commissioning Atlas.`;
  const text = [
    why,
    `Choose what you are emailed about: ${settings}`,
    ...kinds.map((k) => `Stop ${describeScope(k.kind)}: ${k.url}`),
    `Stop ${describeScope(f.scope)}: ${unsubscribe}`,
    ...(all ? [`Stop ${describeScope("all")}: ${all}`] : []),
  ].join("\n");
  const link = (url: string, label: string) => `<a href="${escapeHtml(url)}" style="color:#475569">${escapeHtml(label)}</a>`;
  const html = [
    `<hr style="border:none;border-top:1px solid #e2e8f0;margin:24px 0 12px">`,
    `<p style="font-size:12px;color:#475569">${escapeHtml(why)}<br>`,
    link(settings, "Choose what you are emailed about"),
    ...kinds.map((k) => ` · ${link(k.url, `Stop ${describeScope(k.kind)}`)}`),
    ` · ${link(unsubscribe, `Stop ${describeScope(f.scope)}`)}`,
    all ? ` · ${link(all, `Stop ${describeScope("all")}`)}` : "",
    `</p>`,
  ].join("");
  return { text, html, unsubscribe };
}

/** RFC 2369 and RFC 8058: mail clients show an unsubscribe button that POSTs to the link. */
function listHeaders(unsubscribe: string): Record<string, string> {
  return { "List-Unsubscribe": `<${unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

function wrapHtml(parts: string[]): string {
  return ["<!doctype html><html><body style=\"font-family:system-ui,sans-serif;line-height:1.5;color:#0f172a\">", ...parts, "</body></html>"].join("\n");
}

export function instantAlertEmail(input: { to: string; userId: string; teamName: string; event: EventRow }): OutgoingEmail {
  const { event } = input;
  const label = kindLabel(event.kind);
  const scope: UnsubscribeScope = (EVENT_KINDS as readonly string[]).includes(event.kind) ? (event.kind as EventKind) : "all";
  const footer = footerParts({ scope, userId: input.userId, teamName: input.teamName });
  const subject = `${label}: ${event.title}`;
  const text = [`${label} · ${input.teamName}`, eventText(event), footer.text].join("\n\n");
  const html = wrapHtml([
    `<p style="font-size:12px;color:#475569">${escapeHtml(label)} · ${escapeHtml(input.teamName)}</p>`,
    `<ul style="padding-left:18px">${eventHtml(event)}</ul>`,
    footer.html,
  ]);
  return { to: input.to, subject, text, html, headers: listHeaders(footer.unsubscribe) };
}

export function digestEmail(input: { to: string; userId: string; teamName: string; frequency: DigestFrequency; events: EventRow[] }): OutgoingEmail {
  // By kind (in the vocabulary's order), then by day, newest first; the rows come newest first
  const byKind = new Map<string, EventRow[]>();
  for (const e of input.events) byKind.set(e.kind, [...(byKind.get(e.kind) ?? []), e]);
  const kinds = [...byKind.keys()].sort((a, b) => EVENT_KINDS.indexOf(a as EventKind) - EVENT_KINDS.indexOf(b as EventKind));
  const count = input.events.length;
  const subject = `Your ${input.frequency} alerts for ${input.teamName}: ${count} ${count === 1 ? "event" : "events"}`;
  const textParts: string[] = [`${count} ${count === 1 ? "thing" : "things"} happened in ${input.teamName} since your last ${input.frequency} digest.`];
  const htmlParts: string[] = [`<p>${escapeHtml(textParts[0]!)}</p>`];
  for (const kind of kinds) {
    const all = byKind.get(kind)!;
    const shown = all.slice(0, DIGEST_EVENTS_PER_KIND);
    textParts.push(`== ${kindLabel(kind)} (${all.length}) ==`);
    htmlParts.push(`<h2 style="font-size:16px;margin:24px 0 8px">${escapeHtml(kindLabel(kind))} (${all.length})</h2>`);
    const byDay = new Map<string, EventRow[]>();
    for (const e of shown) {
      const day = dayFormat.format(e.occurred_at);
      byDay.set(day, [...(byDay.get(day) ?? []), e]);
    }
    for (const [day, events] of byDay) {
      textParts.push(`${day}\n${events.map(eventText).join("\n")}`);
      htmlParts.push(`<h3 style="font-size:13px;color:#475569;margin:12px 0 4px">${escapeHtml(day)}</h3><ul style="padding-left:18px;margin:0">${events.map(eventHtml).join("")}</ul>`);
    }
    if (all.length > shown.length) {
      const more = `And ${all.length - shown.length} more in your notifications: ${absoluteLink("/notifications")}`;
      textParts.push(more);
      htmlParts.push(`<p><a href="${escapeHtml(absoluteLink("/notifications"))}">${escapeHtml(`And ${all.length - shown.length} more in your notifications`)}</a></p>`);
    }
  }
  const footer = footerParts({ scope: kinds.length === 1 ? (kinds[0] as EventKind) : "all", userId: input.userId, teamName: input.teamName, perKind: kinds.length > 1 ? (kinds as EventKind[]) : [] });
  return { to: input.to, subject, text: [...textParts, footer.text].join("\n\n"), html: wrapHtml([...htmlParts, footer.html]), headers: listHeaders(footer.unsubscribe) };
}

// ---------- delivery ----------

/** Claims the delivery `key`: a new row, or a failed one taken back. Null: another worker has it, or it was sent. */
async function claimDelivery(db: Db, key: string, userId: string, frequency: string, subject: string): Promise<bigint | null> {
  const inserted = await queryRows<{ id: bigint }>(db, sql`
    INSERT INTO email_delivery (user_id, key, frequency, status, subject, attempts)
    VALUES (${userId}, ${key}, ${frequency}, 'sending', ${subject}, 1)
    ON CONFLICT (key) DO NOTHING RETURNING id`);
  if (inserted[0]) return inserted[0].id;
  // A conditional update is atomic: of two retries racing, one takes it back
  const reclaimed = await queryRows<{ id: bigint }>(db, sql`
    UPDATE email_delivery SET status = 'sending', error = NULL, subject = ${subject}, attempts = attempts + 1
    WHERE key = ${key} AND status = 'failed' RETURNING id`);
  return reclaimed[0]?.id ?? null;
}

async function deliver(db: Db, deliveryId: bigint, notificationIds: bigint[], message: OutgoingEmail): Promise<void> {
  let messageId: string;
  try {
    messageId = await sendEmailForId(message);
  } catch (error) {
    const text = (error instanceof Error ? error.message : String(error)).slice(0, ERROR_LENGTH);
    await execute(db, sql`UPDATE email_delivery SET status = 'failed', error = ${text} WHERE id = ${deliveryId}`);
    throw error;
  }
  // One statement, so the delivery and its notifications are marked together
  await execute(db, sql`WITH sent AS (UPDATE email_delivery SET status = 'sent', message_id = ${messageId}, sent_at = now() WHERE id = ${deliveryId})
    UPDATE notification SET emailed_at = now(), email_delivery_id = ${deliveryId} WHERE id = ANY(${notificationIds}::bigint[]) AND emailed_at IS NULL`);
}

type NotificationRow = EventRow & { id: bigint; user_id: string; team_id: string; to: string; team_name: string; email: string; emailed_at: Date | null };

/** Notifications with what their email shows, only while their user is a member of their team: the instant email and the digests read them alike. */
const notificationsToEmail = (where: Sql) => sql`
    SELECT n.id, n.user_id, n.team_id, n.kind, n.email, n.emailed_at, u.email AS "to", t.name AS team_name,
           e.title, e.summary, e.link, e.source, e.source_url, e.organisation_code, o.name AS organisation_name, e.occurred_at
    FROM notification n
    JOIN membership m ON m.user_id = n.user_id AND m.team_id = n.team_id
    JOIN alert_event e ON e.id = n.event_id
    JOIN user_account u ON u.id = n.user_id
    JOIN team t ON t.id = n.team_id
    LEFT JOIN organisation o ON o.code = e.organisation_code
    WHERE ${where}`;

/**
 * The instant email of one notification: sent if it is set to instant, not yet emailed and its user
 * is still a member of its team; at most once, whatever the number of workers and retries.
 */
export async function sendInstantEmail(db: Db, notificationId: bigint | number | string): Promise<EmailOutcome> {
  if (notConfigured()) return "not-configured";
  const id = BigInt(notificationId);
  const rows = await queryRows<NotificationRow>(db, notificationsToEmail(sql`n.id = ${id}`));
  const row = rows[0];
  if (!row || row.email !== "instant" || row.emailed_at) return "skipped";
  const message = instantAlertEmail({ to: row.to, userId: row.user_id, teamName: row.team_name, event: row });
  const deliveryId = await claimDelivery(db, `instant:${row.id}`, row.user_id, "instant", message.subject);
  if (deliveryId === null) return "skipped";
  await deliver(db, deliveryId, [row.id], message);
  return "sent";
}

/** The digest's period in the UK: "2026-12-01" for a day, "2026-W49" for an ISO week. */
export function digestPeriod(frequency: DigestFrequency, now: Date): string {
  const day = ukDateIso(now);
  if (frequency === "daily") return day;
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday); // the week's Thursday decides its year
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

export type DigestReport = { sent: number; skipped: number; failed: number };

/**
 * Every user's digest of `frequency`: one email per user and team per day (or ISO week) carrying
 * their notifications of that frequency not yet emailed, while they are a member of the team.
 * One failure does not stop the others; it is rethrown at the end so the job is retried, and the
 * retry sends only what is still unsent.
 */
export async function sendDigests(db: Db, frequency: DigestFrequency, now: Date = new Date()): Promise<DigestReport> {
  const report: DigestReport = { sent: 0, skipped: 0, failed: 0 };
  if (notConfigured()) return report;
  const rows = await queryRows<NotificationRow>(
    db,
    sql`${notificationsToEmail(sql`n.email = ${frequency} AND n.emailed_at IS NULL AND n.created_at <= ${now}`)}
    ORDER BY n.user_id, n.team_id, e.occurred_at DESC, n.id DESC`,
  );
  const groups = new Map<string, NotificationRow[]>();
  for (const row of rows) {
    const key = `${row.user_id}:${row.team_id}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const period = digestPeriod(frequency, now);
  let firstError: unknown = null;
  for (const [group, events] of groups) {
    const first = events[0]!;
    const message = digestEmail({ to: first.to, userId: first.user_id, teamName: first.team_name, frequency, events });
    const deliveryId = await claimDelivery(db, `${frequency}:${group}:${period}`, first.user_id, frequency, message.subject);
    if (deliveryId === null) {
      report.skipped++;
      continue;
    }
    try {
      await deliver(db, deliveryId, events.map((e) => e.id), message);
      report.sent++;
    } catch (error) {
      report.failed++;
      firstError ??= error;
    }
  }
  if (firstError) throw firstError;
  return report;
}

// ---------- job handlers ----------

const instantJob = z.object({ notificationId: z.union([z.string().regex(/^\d{1,19}$/), z.number().int().nonnegative()]) });

/** alerts-email-instant: `{ notificationId }` per job. A malformed job is dropped with a log, never retried. */
export async function handleInstantEmailJobs(db: Db, jobs: { id: string; data: object }[]): Promise<void> {
  for (const job of jobs) {
    const parsed = instantJob.safeParse(job.data);
    if (!parsed.success) {
      console.error(`[alerts] email job ${job.id} has no valid notificationId; dropped`);
      continue;
    }
    await sendInstantEmail(db, parsed.data.notificationId);
  }
}
