// The team charts of the dashboard. Every query carries the caller's team in its WHERE clause, so
// one team never sees another's lists, entries or notes. Archived lists are left out, as on /lists.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { AuthContext } from "@/lib/auth/context";
import { join, sql, type Sql } from "@/lib/db/sql";
import { NATION_LABELS, NATIONS, type Nation } from "@/lib/organisations/vocabulary";
import { pipelineSummary, STAGES } from "@/lib/target-lists/entries";
import { CLOSED_STAGES } from "@/lib/target-lists/vocabulary";
import { mergerNotices, type MergerNotice } from "@/lib/target-lists/moves";
import { AREA_BODY_CONDITION } from "./market";
import type { DashboardFilters } from "./params";
import { queryRows } from "@/lib/db/query";

type Team = Pick<AuthContext, "team">;

// ---------- pipeline by stage ----------

export type PipelineRow = { stage: (typeof STAGES)[number]; count: number; valueGbp: number };

/** Entries and estimated value per stage, for one list or all the team's (active) lists. */
export async function pipelineByStage(db: PrismaClient, ctx: AuthContext, listId?: string): Promise<PipelineRow[]> {
  return pipelineSummary(db, ctx, listId);
}

// ---------- accounts that merged ----------

/** Entries of the team's active lists whose body closed, grouped by the bodies that took over. */
export async function accountsThatMerged(db: PrismaClient, ctx: AuthContext): Promise<MergerNotice[]> {
  return mergerNotices(db, ctx);
}

// ---------- coverage ----------

export type CoverageRow = {
  /** NHS England region code, or the nation for the other three */
  key: string;
  label: string;
  nation: Nation;
  regionCode: string | null;
  total: number;
  onList: number;
  /** 0..1 */
  share: number;
};

/**
 * Per NHS England region (and per nation elsewhere), how many of the open ICBs / health boards /
 * LHBs / area HSC trusts are on at least one of the team's active lists.
 */
export async function coverageByRegion(db: PrismaClient, ctx: Team, filters: Pick<DashboardFilters, "nation" | "region"> = {}): Promise<CoverageRow[]> {
  const conditions: Sql[] = [AREA_BODY_CONDITION];
  if (filters.nation) conditions.push(sql`o.nation = ${filters.nation}`);
  if (filters.region) conditions.push(sql`r.code = ${filters.region}`);
  const rows = await queryRows<{ nation: Nation; region_code: string | null; region_name: string | null; total: number; on_list: number }>(db, sql`
    SELECT o.nation, r.code AS region_code, r.name AS region_name, count(*)::int AS total,
           count(*) FILTER (WHERE EXISTS (
             SELECT 1 FROM target_list_entry e JOIN target_list l ON l.id = e.list_id
             WHERE e.organisation_id = o.id AND l.team_id = ${ctx.team.id} AND l.archived_at IS NULL))::int AS on_list
    FROM organisation o LEFT JOIN organisation r ON r.id = o.region_id
    WHERE ${join(conditions, " AND ")}
    GROUP BY o.nation, r.code, r.name`);
  return rows
    .map((r) => ({
      key: r.region_code ?? r.nation,
      label: r.region_name ?? NATION_LABELS[r.nation],
      nation: r.nation,
      regionCode: r.region_code,
      total: r.total,
      onList: r.on_list,
      share: r.total ? r.on_list / r.total : 0,
    }))
    .sort((a, b) => NATIONS.indexOf(a.nation) - NATIONS.indexOf(b.nation) || a.label.localeCompare(b.label));
}

// ---------- notes activity ----------

export const NOTE_WEEKS = 26;

export type NotesActivity = {
  /** Monday of each of the last 26 weeks (UTC), oldest first, ISO dates */
  weeks: string[];
  authors: { id: string; name: string; total: number }[];
  /** One row per week and author who wrote in it */
  counts: { week: string; authorId: string; count: number }[];
};

/** Notes written per week over the last 26 weeks (this week included), by author; deleted notes are left out. */
export async function notesPerWeek(db: PrismaClient, ctx: Team, options: { now?: Date } = {}): Promise<NotesActivity> {
  const now = options.now ?? new Date();
  const [row] = await queryRows<{ weeks: string[]; counts: { week: string; author_id: string; author: string; count: number }[] | null }>(db, sql`
    WITH bounds AS (
      SELECT date_trunc('week', ${now.toISOString()}::timestamptz AT TIME ZONE 'UTC') AS this_week
    ), weeks AS (
      SELECT generate_series(this_week - make_interval(weeks => ${NOTE_WEEKS - 1}), this_week, interval '1 week') AS week FROM bounds
    ), counts AS (
      SELECT date_trunc('week', n.created_at) AS week, n.author_id, count(*)::int AS count
      FROM note n, bounds
      WHERE n.team_id = ${ctx.team.id} AND n.deleted_at IS NULL
        AND n.created_at >= bounds.this_week - make_interval(weeks => ${NOTE_WEEKS - 1})
        AND n.created_at < bounds.this_week + interval '1 week'
      GROUP BY 1, 2
    )
    SELECT (SELECT json_agg(to_char(week, 'YYYY-MM-DD') ORDER BY week) FROM weeks) AS weeks,
           (SELECT json_agg(json_build_object('week', to_char(c.week, 'YYYY-MM-DD'), 'author_id', c.author_id, 'author', u.name, 'count', c.count) ORDER BY c.week, u.name)
              FROM counts c JOIN user_account u ON u.id = c.author_id) AS counts`);
  const counts = row?.counts ?? [];
  const authors = new Map<string, { id: string; name: string; total: number }>();
  for (const c of counts) {
    const author = authors.get(c.author_id) ?? { id: c.author_id, name: c.author, total: 0 };
    author.total += c.count;
    authors.set(c.author_id, author);
  }
  return {
    weeks: row?.weeks ?? [],
    authors: [...authors.values()].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name)),
    counts: counts.map((c) => ({ week: c.week, authorId: c.author_id, count: c.count })),
  };
}

// ---------- overdue next steps ----------

export type OverdueRow = {
  listId: string;
  listName: string;
  total: number;
  /** Days overdue: 1-7, 8-30, 31-90, over 90 */
  buckets: { week: number; month: number; quarter: number; older: number };
  /** The longest-overdue entries of the list (up to 5) */
  oldest: { code: string; name: string; nextStep: string | null; nextStepDate: string; daysOverdue: number }[];
};

/**
 * Open entries (not won or lost) whose next-step date is before today, per active list, by how
 * long overdue. `today` is an ISO date; it defaults to the database's current date.
 */
export async function overdueEntries(db: PrismaClient, ctx: Team, options: { today?: string } = {}): Promise<OverdueRow[]> {
  const today = options.today ? sql`${options.today}::date` : sql`current_date`;
  const rows = await queryRows<{
    list_id: string; list_name: string; total: number; week: number; month: number; quarter: number; older: number;
    oldest: { code: string; name: string; next_step: string | null; next_step_date: string; days: number }[];
  }>(db, sql`
    WITH overdue AS (
      SELECT e.list_id, l.name AS list_name, o.code, o.name, e.next_step, e.next_step_date, (${today} - e.next_step_date) AS days
      FROM target_list_entry e
      JOIN target_list l ON l.id = e.list_id
      JOIN organisation o ON o.id = e.organisation_id
      WHERE l.team_id = ${ctx.team.id} AND l.archived_at IS NULL
        AND e.next_step_date < ${today} AND e.stage <> ALL(${[...CLOSED_STAGES]}::text[])
    )
    SELECT list_id, list_name, count(*)::int AS total,
           count(*) FILTER (WHERE days <= 7)::int AS week,
           count(*) FILTER (WHERE days BETWEEN 8 AND 30)::int AS month,
           count(*) FILTER (WHERE days BETWEEN 31 AND 90)::int AS quarter,
           count(*) FILTER (WHERE days > 90)::int AS older,
           (SELECT json_agg(x) FROM (
              SELECT i.code, i.name, i.next_step, to_char(i.next_step_date, 'YYYY-MM-DD') AS next_step_date, i.days
              FROM overdue i WHERE i.list_id = g.list_id ORDER BY i.next_step_date, i.name LIMIT 5) x) AS oldest
    FROM overdue g
    GROUP BY list_id, list_name
    ORDER BY total DESC, list_name`);
  return rows.map((r) => ({
    listId: r.list_id,
    listName: r.list_name,
    total: r.total,
    buckets: { week: r.week, month: r.month, quarter: r.quarter, older: r.older },
    oldest: (r.oldest ?? []).map((o) => ({ code: o.code, name: o.name, nextStep: o.next_step, nextStepDate: o.next_step_date, daysOverdue: o.days })),
  }));
}
