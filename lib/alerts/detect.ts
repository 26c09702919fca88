// Detection and fan-out: the outbox (alert_source) becomes team-scoped events (alert_event), each
// new event becomes notifications for its recipients, instant-email jobs and webhook deliveries with
// their jobs. Everything one batch writes, and the deletion of its outbox rows, commits together:
// two workers racing take disjoint rows (SKIP LOCKED), a crash rolls the batch back into the outbox,
// and the unique keys (alert_event team+key, notification event+user, webhook_delivery webhook+event)
// make a replay harmless. All set-based: one statement per kind of source per batch, never a loop
// over follows. See docs/alerts.md "Detection".
import type PgBoss from "pg-boss";
import type pg from "pg";
import { millisecondsFromEnv, type Db } from "@/lib/db/client";
import { inPoolTransaction } from "@/lib/db/query";
import { sql, type Sql } from "@/lib/db/sql";
import { jobSender, QUEUES } from "@/lib/jobs/boss";
import { appUrl } from "@/lib/email/transport";
import { CONTRACT_ENDING_MONTHS, DEFAULT_PREFERENCE, STRUCTURE_CHANGE_TYPES } from "@/lib/alerts/vocabulary";
import { mentionedEmails } from "@/lib/alerts/mentions";
import { PROCUREMENT_SOURCE_LABELS } from "@/lib/procurement/vocabulary";
import { CHANGE_TYPE_TEXT } from "@/lib/changes/vocabulary";
import { compileNoticeFilters, noticeIdsAmongQuery, noticesTable } from "@/lib/procurement/notices";
import { compileFilters, compiledSettings, explorerTable, matchingIdsQuery } from "@/lib/organisations/explorer";
import { parseTableFilters } from "@/lib/tables/server";

/** Outbox rows per transaction: big enough for an import's burst, small enough to hold locks briefly. */
export const DETECT_BATCH = 5000;

/**
 * A followed explorer view's matches are compared up to this many bodies (the first by id): a view
 * of every GP practice would otherwise hold a baseline of thousands of rows per follower and tell
 * nobody anything useful. Bodies beyond the cap are neither baseline nor news.
 */
export const VIEW_MATCH_CAP = 2000;

/** How far up organisation.parent_id a descendants-follow reaches (the deepest real chain is 5). */
const MAX_DEPTH = 8;

export type DetectionReport = { sources: number; events: number; notifications: number; emails: number; webhooks: number; batches: number };

export type DetectOptions = {
  /** The database URL, for the job sender (the worker's context.url) */
  url?: string;
  /** A started pg-boss instance to enqueue with (else the process's sender for `url`) */
  boss?: PgBoss;
  batchSize?: number;
  /** Today, YYYY-MM-DD (contracts views' date windows); default the UTC date */
  today?: string;
  /** Adds each statement's round trip (ms) to `ms`: the bench's PostgreSQL time */
  timing?: { ms: number; statements: number; each?: { ms: number; text: string }[] };
};

// ---------- the transaction ----------

/** One transaction on a connection of the client's own pool, as pg-boss wants it (executeSql). */
type Tx = { client: pg.PoolClient; rows<T>(statement: Sql): Promise<T[]>; run(statement: Sql): Promise<number> };

async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>, timing?: DetectOptions["timing"]): Promise<T> {
  // A job, not a request: the pool's 5 s request limit would fail a large import's batch on every
  // retry and leave the outbox stuck; it gets the exports' limit instead
  const limit = `SET LOCAL statement_timeout = ${millisecondsFromEnv("EXPORT_STATEMENT_TIMEOUT_MS", 120_000)}`;
  return inPoolTransaction(
    db,
    (client) => {
      const query = async (statement: Sql) => {
        const { text, values } = statement.build();
        const started = performance.now();
        const result = await client.query(text, values);
        if (timing) {
          const ms = performance.now() - started;
          timing.ms += ms;
          timing.statements++;
          timing.each?.push({ ms, text: text.replace(/\s+/g, " ").slice(0, 90) });
        }
        return result;
      };
      return work({
        client,
        rows: async <R,>(statement: Sql) => (await query(statement)).rows as R[],
        run: async (statement: Sql) => (await query(statement)).rowCount ?? 0,
      });
    },
    [limit],
  );
}

const bossFor = async (options: DetectOptions): Promise<PgBoss> => {
  if (options.boss) return options.boss;
  if (!options.url) throw new Error("detection needs options.url or options.boss to enqueue its jobs");
  return jobSender(options.url);
};

const todayUtc = () => new Date().toISOString().slice(0, 10);

// ---------- matches: what each detector finds, before events exist ----------

/**
 * Each detector inserts its matches here: one row per (team, event key, recipient). user_id null
 * means every current member of the team (a team-watchlist follow). Dropped at commit.
 */
const CREATE_MATCHES = sql`CREATE TEMP TABLE IF NOT EXISTS alert_match (
    team_id text NOT NULL, key text NOT NULL, user_id text, kind text NOT NULL, organisation_code text,
    title text NOT NULL, summary text, link text NOT NULL, source text NOT NULL, source_url text,
    payload jsonb NOT NULL, occurred_at timestamp(3) NOT NULL
  ) ON COMMIT DROP`;

const MATCH_COLUMNS = sql`team_id, key, user_id, kind, organisation_code, title, summary, link, source, source_url, payload, occurred_at`;

/**
 * `touched(ref, item, org_id)` -> `follower(ref, item, org_id, follow_id, team_id, user_id)`: the organisation
 * follows of each touched body itself, or of any body above it with descendants. Walks up from the
 * few touched bodies rather than down from every follow. `item` is the source row's integer id, for
 * joining back to it.
 */
const FOLLOWERS_OF_TOUCHED = sql`up(ref, item, org_id, ancestor_id, depth) AS (
      SELECT t.ref, t.item, t.org_id, t.org_id, 0 FROM touched t
      UNION ALL
      -- A scalar lookup by id per row: as a join, PostgreSQL hashed the whole organisation table at every level (5 s in the bench)
      SELECT up.ref, up.item, up.org_id, (SELECT a.parent_id FROM organisation a WHERE a.id = up.ancestor_id), up.depth + 1 FROM up
      WHERE up.ancestor_id IS NOT NULL AND up.depth < ${MAX_DEPTH}
    ),
    follower AS (
      SELECT DISTINCT up.ref, up.item, up.org_id, f.id AS follow_id, f.team_id, f.user_id
      FROM up JOIN follow f ON f.target = 'organisation' AND f.organisation_id = up.ancestor_id AND (up.depth = 0 OR f.descendants)
    )`;

const SOURCE_LABELS = { keys: Object.keys(PROCUREMENT_SOURCE_LABELS), labels: Object.values(PROCUREMENT_SOURCE_LABELS) };

/** New notices (releases and reshaped processes) as `news(ref, process_id, ...)`. */
function newsCte(releaseIds: string[], processIds: number[]): Sql {
  return sql`news AS (
      SELECT 'release:' || r.id AS ref, p.id AS process_id, r.release_id, r.tags, r.date AS occurred_at FROM procurement_release r
      JOIN procurement_process p ON p.ocid = r.ocid WHERE r.id = ANY(${releaseIds}::bigint[])
      UNION ALL
      SELECT 'process:' || p.id, p.id, NULL, ARRAY[]::text[], p.published_at FROM procurement_process p WHERE p.id = ANY(${processIds}::int[])
    )`;
}

/** The columns of a notice.published match, from `news n` joined to `procurement_process p` and `organisation b` (the buyer body). */
const NOTICE_MATCH = sql`'notice.published', p.buyer_code,
    (CASE WHEN n.tags && ARRAY['contract', 'contractUpdate', 'contractAmendment'] THEN 'Contract'
          WHEN n.tags && ARRAY['award', 'awardUpdate', 'awardCancellation'] OR (n.release_id IS NULL AND p.status = 'awarded') THEN 'Award'
          WHEN n.tags && ARRAY['planning', 'planningUpdate'] THEN 'Planned procurement'
          ELSE 'Tender' END) || ': ' || p.title,
    p.buyer_name || coalesce(' · £' || to_char(coalesce(p.value_max, p.value_min), 'FM999,999,999,990'), ''),
    '/contracts/' || p.id,
    coalesce((SELECT l FROM unnest(${SOURCE_LABELS.keys}::text[], ${SOURCE_LABELS.labels}::text[]) x(k, l) WHERE x.k = p.source), p.source)
      || CASE WHEN n.release_id IS NOT NULL THEN ' OCDS release ' || n.release_id ELSE ' notice ' || p.ocid END,
    p.url,
    jsonb_build_object('notice', jsonb_build_object('id', p.id, 'ocid', p.ocid, 'release_id', n.release_id, 'tags', to_jsonb(n.tags), 'status', p.status,
      'value_min', p.value_min, 'value_max', p.value_max, 'currency', p.currency, 'buyer_name', p.buyer_name, 'contract_end', p.contract_end)),
    n.occurred_at`;

async function detectNotices(db: Db, tx: Tx, releaseIds: string[], processIds: number[], today: string): Promise<void> {
  if (!releaseIds.length && !processIds.length) return;
  await tx.run(sql`WITH RECURSIVE ${newsCte(releaseIds, processIds)},
    touched AS (SELECT n.ref, n.process_id AS item, b.id AS org_id FROM news n JOIN procurement_process p ON p.id = n.process_id JOIN organisation b ON b.code = p.buyer_code),
    ${FOLLOWERS_OF_TOUCHED}
    INSERT INTO alert_match (${MATCH_COLUMNS})
    SELECT fo.team_id, n.ref, fo.user_id, ${NOTICE_MATCH}
    FROM follower fo JOIN news n ON n.process_id = fo.item AND n.ref = fo.ref JOIN procurement_process p ON p.id = n.process_id`);

  // Followed contracts views: each view's own filter (the notices table's SQL), among this batch's notices only
  const views = await tx.rows<{ id: string; team_id: string; query: string }>(sql`SELECT DISTINCT v.id, v.team_id, v.query FROM follow f JOIN saved_view v ON v.id = f.view_id AND v.team_id = f.team_id
    WHERE f.target = 'view' AND v.page = 'contracts'`);
  if (!views.length) return;
  const candidates = await tx.rows<{ id: number }>(sql`WITH ${newsCte(releaseIds, processIds)} SELECT DISTINCT process_id AS id FROM news`);
  const ids = candidates.map((c) => c.id);
  if (!ids.length) return;
  for (const view of views) {
    let matched: number[];
    try {
      const filters = parseTableFilters(noticesTable, new URLSearchParams(view.query));
      const compiled = await compileNoticeFilters(db, { today }, filters);
      matched = (await tx.rows<{ id: number }>(noticeIdsAmongQuery(compiled, ids))).map((r) => r.id);
    } catch (error) {
      // A view saved before a filter changed meaning (an unknown buyer code now) matches nothing rather than stopping detection
      console.warn(`[alerts] contracts view ${view.id} skipped: ${(error as Error).message}`);
      continue;
    }
    if (!matched.length) continue;
    await tx.run(sql`WITH ${newsCte(releaseIds, processIds)}
      INSERT INTO alert_match (${MATCH_COLUMNS})
      SELECT f.team_id, n.ref, f.user_id, ${NOTICE_MATCH}
      FROM news n JOIN procurement_process p ON p.id = n.process_id
      -- Only the view's own team: its filter may name the team's lists
      JOIN follow f ON f.target = 'view' AND f.view_id = ${view.id} AND f.team_id = ${view.team_id}
      WHERE n.process_id = ANY(${matched}::int[])`);
  }
}

async function detectStructureChanges(tx: Tx, changeIds: number[]): Promise<void> {
  if (!changeIds.length) return;
  const types = Object.entries(CHANGE_TYPE_TEXT).filter(([type]) => (STRUCTURE_CHANGE_TYPES as readonly string[]).includes(type));
  const labels = { keys: types.map(([t]) => t), labels: types.map(([, text]) => text.label) };
  await tx.run(sql`WITH RECURSIVE changed AS (
      SELECT c.* FROM change_event c WHERE c.id = ANY(${changeIds}::int[]) AND c.type = ANY(${[...STRUCTURE_CHANGE_TYPES]}::text[])
    ),
    touched AS (SELECT DISTINCT 'change:' || c.id AS ref, c.id AS item, o.id AS org_id FROM changed c CROSS JOIN unnest(c.codes) touched_code(code) JOIN organisation o ON o.code = touched_code.code),
    ${FOLLOWERS_OF_TOUCHED},
    -- Bodies on a followed target list (the list's entries, whatever their stage)
    listed AS (
      SELECT DISTINCT t.ref, t.item, t.org_id, f.team_id, f.user_id FROM touched t
      JOIN target_list_entry e ON e.organisation_id = t.org_id
      JOIN target_list l ON l.id = e.list_id AND l.archived_at IS NULL
      JOIN follow f ON f.target = 'list' AND f.list_id = l.id AND f.team_id = l.team_id
    ),
    reached AS (SELECT ref, item, org_id, team_id, user_id FROM follower UNION SELECT ref, item, org_id, team_id, user_id FROM listed)
    INSERT INTO alert_match (${MATCH_COLUMNS})
    SELECT r.team_id, r.ref, r.user_id, 'structure.changed', o.code,
      coalesce((SELECT l FROM unnest(${labels.keys}::text[], ${labels.labels}::text[]) x(k, l) WHERE x.k = c.type), c.type) || ': ' || o.name,
      c.summary, '/organisations/' || o.code, c.source, c.source_url,
      jsonb_build_object('change', jsonb_build_object('id', c.id, 'type', c.type, 'codes', to_jsonb(c.codes), 'effective_date', c.effective_date)),
      c.effective_date::timestamp
    FROM reached r JOIN changed c ON c.id = r.item JOIN organisation o ON o.id = r.org_id`);
}

async function detectMentions(tx: Tx, noteRefs: string[]): Promise<void> {
  const noteIds = [...new Set(noteRefs.map((ref) => ref.split(":")[0]!))];
  if (!noteIds.length) return;
  // Only the current text counts: an older version's mention that an edit removed is not news
  const notes = await tx.rows<{ id: string; body: string }>(sql`SELECT id, body FROM note WHERE id = ANY(${noteIds}::text[]) AND deleted_at IS NULL`);
  const pairs = notes.flatMap((note) => mentionedEmails(note.body).map((email) => ({ id: note.id, email })));
  if (!pairs.length) return;
  await tx.run(sql`INSERT INTO alert_match (${MATCH_COLUMNS})
    SELECT n.team_id, 'note:' || n.id || ':' || u.id, u.id, 'note.mentioned', n.organisation_code,
      coalesce(a.name, a.email) || ' mentioned you in a note on ' || coalesce(o.name, n.organisation_code),
      left(n.body, 280), '/organisations/' || n.organisation_code || '#notes', 'Note by ' || coalesce(a.name, a.email), NULL,
      jsonb_build_object('note', jsonb_build_object('id', n.id, 'version', n.version, 'author', coalesce(a.name, a.email))),
      n.updated_at
    FROM unnest(${pairs.map((p) => p.id)}::text[], ${pairs.map((p) => p.email)}::text[]) m(note_id, email)
    JOIN note n ON n.id = m.note_id
    JOIN user_account u ON lower(u.email) = m.email
    JOIN membership mb ON mb.user_id = u.id AND mb.team_id = n.team_id
    JOIN user_account a ON a.id = n.author_id
    LEFT JOIN organisation o ON o.code = n.organisation_code
    WHERE u.id <> n.author_id`);
}

type ViewFollow = { view_id: string; team_id: string; query: string };

/** A followed explorer view's current matches (capped), or null when its query no longer parses. */
async function currentMatches(db: Db, tx: Tx, view: ViewFollow): Promise<number[] | null> {
  try {
    const filters = parseTableFilters(explorerTable, new URLSearchParams(view.query));
    const compiled = await compileFilters(db, { teamId: view.team_id }, filters);
    for (const setting of compiledSettings(compiled)) await tx.client.query(setting);
    return (await tx.rows<{ id: number }>(matchingIdsQuery(compiled, VIEW_MATCH_CAP))).map((r) => r.id);
  } catch (error) {
    console.warn(`[alerts] explorer view ${view.view_id} skipped: ${(error as Error).message}`);
    return null;
  }
}

/** Replaces the baselines of the view's follows (only those named, or all) with `ids`, and marks them recorded. */
async function replaceBaseline(tx: Tx, viewId: string, ids: number[], onlyUnrecorded: boolean): Promise<void> {
  const which = onlyUnrecorded ? sql`AND f.view_baseline_at IS NULL` : sql``;
  await tx.run(sql`DELETE FROM followed_view_match b USING follow f WHERE b.follow_id = f.id AND f.view_id = ${viewId} ${which}
    AND b.organisation_id <> ALL(${ids}::int[])`);
  await tx.run(sql`INSERT INTO followed_view_match (follow_id, organisation_id)
    SELECT f.id, m.id FROM follow f CROSS JOIN unnest(${ids}::int[]) m(id) WHERE f.target = 'view' AND f.view_id = ${viewId} ${which}
    ON CONFLICT DO NOTHING`);
  await tx.run(sql`UPDATE follow f SET view_baseline_at = now() WHERE f.target = 'view' AND f.view_id = ${viewId} AND f.view_baseline_at IS NULL`);
}

/**
 * Explorer views. A follow without a baseline gets one recorded, silently (on any run, so it is in
 * place before the next import). After an import, every followed view's bodies now versus each
 * follow's baseline: the new ones are events, then the baseline is replaced.
 */
async function detectViewMatches(db: Db, tx: Tx, importIds: number[]): Promise<void> {
  const imported = importIds.length > 0;
  const views = await tx.rows<ViewFollow>(sql`SELECT DISTINCT v.id AS view_id, v.team_id, v.query FROM follow f JOIN saved_view v ON v.id = f.view_id AND v.team_id = f.team_id
    WHERE f.target = 'view' AND v.page = 'explorer' ${imported ? sql`` : sql`AND f.view_baseline_at IS NULL`}`);
  const importId = imported ? Math.max(...importIds) : null;
  for (const view of views) {
    const ids = await currentMatches(db, tx, view);
    if (!ids) continue;
    if (importId !== null) {
      await tx.run(sql`INSERT INTO alert_match (${MATCH_COLUMNS})
        SELECT f.team_id, 'view:' || v.id || ':' || o.id || ':' || ${importId}::int, f.user_id, 'view.matched', o.code,
          o.name || ' now matches ' || v.name, NULL, '/organisations/' || o.code, 'Reference data import ' || ${importId}::int, NULL,
          jsonb_build_object('view', jsonb_build_object('id', v.id, 'name', v.name, 'query', v.query), 'import_id', ${importId}::int),
          now()
        FROM follow f JOIN saved_view v ON v.id = f.view_id AND v.team_id = f.team_id CROSS JOIN unnest(${ids}::int[]) m(id) JOIN organisation o ON o.id = m.id
        WHERE f.target = 'view' AND f.view_id = ${view.view_id} AND f.view_baseline_at IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM followed_view_match b WHERE b.follow_id = f.id AND b.organisation_id = m.id)`);
    }
    await replaceBaseline(tx, view.view_id, ids, importId === null);
  }
}

// ---------- fan-out ----------

export type FanOut = { events: number; notifications: number; emails: number; webhooks: number };

/**
 * alert_match -> new alert_events (the insert's RETURNING: an event already told is not told again)
 * -> notifications for current members (a removed member is no longer joined) with their
 * preference -> instant-email and webhook jobs, enqueued on this transaction's connection.
 */
async function fanOut(tx: Tx, boss: PgBoss): Promise<FanOut> {
  // A temporary table has no statistics: without them the join of new events to their matches was
  // planned for one row and run as a nested loop (10,000 x 10,000 in the bench)
  await tx.run(sql`ANALYZE alert_match`);
  const [counts] = await tx.rows<{ events: number; notifications: number }>(sql`WITH
    event AS (
      INSERT INTO alert_event (team_id, kind, key, organisation_code, title, summary, link, source, source_url, payload, occurred_at)
      SELECT DISTINCT ON (team_id, key) team_id, kind, key, organisation_code, title, summary, link, source, source_url, payload, occurred_at
      -- Of a change touching several followed bodies, the event names the first by code
      FROM alert_match ORDER BY team_id, key, organisation_code
      ON CONFLICT (team_id, key) DO NOTHING
      -- The rows as inserted: the statement's other parts cannot see them in alert_event itself
      RETURNING *
    ),
    recipient AS (
      SELECT DISTINCT e.id AS event_id, e.team_id, mb.user_id, e.kind FROM event e
      JOIN alert_match m ON m.team_id = e.team_id AND m.key = e.key
      JOIN membership mb ON mb.team_id = e.team_id AND (m.user_id IS NULL OR mb.user_id = m.user_id)
    ),
    told AS (
      INSERT INTO notification (event_id, team_id, user_id, kind, email, read_at)
      SELECT r.event_id, r.team_id, r.user_id, r.kind, coalesce(np.email, ${DEFAULT_PREFERENCE.email}),
        CASE WHEN coalesce(np.in_app, ${DEFAULT_PREFERENCE.inApp}) THEN NULL ELSE now() END
      FROM recipient r LEFT JOIN notification_preference np ON np.user_id = r.user_id AND np.kind = r.kind
      WHERE coalesce(np.in_app, ${DEFAULT_PREFERENCE.inApp}) OR coalesce(np.email, ${DEFAULT_PREFERENCE.email}) <> 'off'
      ON CONFLICT (event_id, user_id) DO NOTHING
      RETURNING id, email
    ),
    instant AS (INSERT INTO alert_fanout_job (queue, ref) SELECT 'email', id::text FROM told WHERE email = 'instant'),
    hooked AS (
      INSERT INTO webhook_delivery (webhook_id, team_id, event_id, event_kind, payload)
      -- The shape of webhookEventPayload (lib/alerts/webhooks.ts), which the README documents; a test holds them equal
      SELECT w.id, a.team_id, a.id, a.kind, jsonb_build_object(
          'id', a.id::text, 'event', a.kind, 'test', false, 'team', jsonb_build_object('id', t.id, 'name', t.name),
          'occurred_at', to_char(a.occurred_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'created_at', to_char(a.created_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'organisation', CASE WHEN o.code IS NULL THEN NULL ELSE jsonb_build_object('code', o.code, 'name', o.name) END,
          'title', a.title, 'summary', a.summary, 'link', ${appUrl()}::text || a.link,
          'source', a.source, 'source_url', a.source_url, 'data', a.payload)
      FROM event a
      JOIN webhook_endpoint w ON w.team_id = a.team_id AND w.active AND a.kind = ANY(w.events)
      JOIN team t ON t.id = a.team_id
      LEFT JOIN organisation o ON o.code = a.organisation_code
      ON CONFLICT (webhook_id, event_id) DO NOTHING
      RETURNING id
    ),
    hook_jobs AS (INSERT INTO alert_fanout_job (queue, ref) SELECT 'webhook', id::text FROM hooked)
    SELECT (SELECT count(*) FROM event)::int AS events, (SELECT count(*) FROM told)::int AS notifications`);
  const jobs = await tx.rows<{ queue: string; ref: string }>(sql`SELECT queue, ref FROM alert_fanout_job`);
  const emails = jobs.filter((j) => j.queue === "email").map((j) => ({ name: QUEUES.emailInstant, data: { notificationId: j.ref } }));
  const webhooks = jobs.filter((j) => j.queue === "webhook").map((j) => ({ name: QUEUES.webhook, data: { deliveryId: j.ref } }));
  const all = [...emails, ...webhooks];
  // The jobs go in on this transaction's connection: they exist exactly when the notifications and deliveries do
  const executeSql = async (text: string, values: unknown[]) => ({ rows: (await tx.client.query(text, values)).rows });
  for (let start = 0; start < all.length; start += 1000) await boss.insert(all.slice(start, start + 1000), { db: { executeSql } });
  await tx.run(sql`TRUNCATE alert_match, alert_fanout_job`);
  return { events: counts?.events ?? 0, notifications: counts?.notifications ?? 0, emails: emails.length, webhooks: webhooks.length };
}

// The fan-out's jobs, gathered by the one statement above and enqueued after it
const CREATE_FANOUT_JOBS = sql`CREATE TEMP TABLE IF NOT EXISTS alert_fanout_job (queue text NOT NULL, ref text NOT NULL) ON COMMIT DROP`;

async function prepare(tx: Tx): Promise<void> {
  await tx.run(CREATE_MATCHES);
  await tx.run(CREATE_FANOUT_JOBS);
}

// ---------- the entry points ----------

/** Consumes the outbox until it is empty: events, notifications, email and webhook jobs. */
export async function runDetection(db: Db, options: DetectOptions = {}): Promise<DetectionReport> {
  const boss = await bossFor(options);
  const batchSize = options.batchSize ?? DETECT_BATCH;
  const today = options.today ?? todayUtc();
  const report: DetectionReport = { sources: 0, events: 0, notifications: 0, emails: 0, webhooks: 0, batches: 0 };
  for (let first = true; ; first = false) {
    const taken = await inTransaction(db, async (tx) => {
      const rows = await tx.rows<{ source: string; ref: string }>(sql`DELETE FROM alert_source WHERE id IN (
          SELECT id FROM alert_source ORDER BY id LIMIT ${batchSize} FOR UPDATE SKIP LOCKED
        ) RETURNING source, ref`);
      // The first pass also records new explorer-view baselines when the outbox is empty
      if (!rows.length && !first) return 0;
      await prepare(tx);
      const refs = (source: string) => rows.filter((r) => r.source === source).map((r) => r.ref);
      await detectNotices(db, tx, refs("release"), refs("process").map(Number), today);
      await detectStructureChanges(tx, refs("change").map(Number));
      await detectViewMatches(db, tx, refs("import").map(Number));
      await detectMentions(tx, refs("note"));
      const out = await fanOut(tx, boss);
      report.events += out.events;
      report.notifications += out.notifications;
      report.emails += out.emails;
      report.webhooks += out.webhooks;
      return rows.length;
    }, options.timing);
    report.sources += taken;
    if (taken === 0) break;
    report.batches++;
  }
  return report;
}

/**
 * The date-driven kinds, as of `today` (YYYY-MM-DD). contract.ending: each followed body's
 * contracts (and those of bodies below a descendants-follow) fire at the smallest threshold of
 * CONTRACT_ENDING_MONTHS already reached, once each (the key holds the threshold), so a worker that
 * was stopped catches up with the threshold that applies now. entry.due: an entry's next-step date
 * has come, told to its owner while they are a member of the list's team.
 */
export async function scanDates(db: Db, today: string, options: DetectOptions = {}): Promise<FanOut> {
  const boss = await bossFor(options);
  const months = [...CONTRACT_ENDING_MONTHS].sort((a, b) => a - b);
  return inTransaction(db, async (tx) => {
    await prepare(tx);
    await tx.run(sql`WITH RECURSIVE ending AS (
        SELECT p.id, p.buyer_code, p.contract_end,
          (SELECT min(n) FROM unnest(${months}::int[]) n WHERE ${today}::date >= p.contract_end - make_interval(months => n)) AS threshold
        FROM procurement_process p
        WHERE p.contract_end > ${today}::date AND p.contract_end <= ${today}::date + make_interval(months => ${months.at(-1)!}) AND p.buyer_code IS NOT NULL
      ),
      touched AS (SELECT 'contract:' || e.id || ':' || e.threshold AS ref, e.id AS item, b.id AS org_id FROM ending e JOIN organisation b ON b.code = e.buyer_code WHERE e.threshold IS NOT NULL),
      ${FOLLOWERS_OF_TOUCHED}
      INSERT INTO alert_match (${MATCH_COLUMNS})
      SELECT fo.team_id, fo.ref, fo.user_id, 'contract.ending', p.buyer_code,
        'Contract ending in ' || e.threshold || ' months: ' || p.title,
        p.buyer_name || ' · ends ' || to_char(p.contract_end, 'FMDD Mon YYYY') || coalesce(' · ' || nullif(array_to_string(p.supplier_names, ', '), ''), ''),
        '/contracts/' || p.id,
        coalesce((SELECT l FROM unnest(${SOURCE_LABELS.keys}::text[], ${SOURCE_LABELS.labels}::text[]) x(k, l) WHERE x.k = p.source), p.source) || ' notice ' || p.ocid,
        p.url,
        jsonb_build_object('contract', jsonb_build_object('process_id', p.id, 'ocid', p.ocid, 'contract_end', p.contract_end, 'months', e.threshold, 'suppliers', to_jsonb(p.supplier_names))),
        ${today}::date::timestamp
      FROM follower fo JOIN ending e ON e.id = fo.item JOIN procurement_process p ON p.id = e.id`);
    await tx.run(sql`INSERT INTO alert_match (${MATCH_COLUMNS})
      SELECT l.team_id, 'entry:' || e.id || ':' || to_char(e.next_step_date, 'YYYY-MM-DD'), e.owner_id, 'entry.due', o.code,
        'Next step due: ' || o.name || coalesce(' · ' || e.next_step, ''),
        'On ' || l.name || ', due ' || to_char(e.next_step_date, 'FMDD Mon YYYY'),
        '/lists/' || l.id, 'Target list ' || l.name, NULL,
        jsonb_build_object('entry', jsonb_build_object('id', e.id, 'list_id', l.id, 'list_name', l.name, 'next_step', e.next_step, 'next_step_date', e.next_step_date, 'stage', e.stage)),
        e.next_step_date::timestamp
      FROM target_list_entry e JOIN target_list l ON l.id = e.list_id AND l.archived_at IS NULL
      JOIN membership mb ON mb.user_id = e.owner_id AND mb.team_id = l.team_id
      JOIN organisation o ON o.id = e.organisation_id
      WHERE e.next_step_date <= ${today}::date`);
    return fanOut(tx, boss);
  }, options.timing);
}

