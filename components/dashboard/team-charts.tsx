"use client";
// The team charts' cards: the pipeline, coverage of the ICBs and boards, notes written per week
// and overdue next steps. Server-rendered with their headings, controls, legends, tables and CSV
// links; the drawings (team-recharts.tsx, with recharts) load after hydration in a frame of their
// height. A click on a bar goes to the explorer, the list or the notes, filtered to the bar.
// Every figure here was computed for the caller's team only (lib/dashboard/team.ts).
import dynamic from "next/dynamic";
import Link from "next/link";
import { useMemo, useState } from "react";
import type { CoverageRow, NotesActivity, OverdueRow, PipelineRow } from "@/lib/dashboard/team";
import { OVERDUE_BUCKETS, OVERDUE_COLOURS, SERIES_COLOURS, STAGE_COLOURS } from "@/lib/dashboard/labels";
import { downloadHrefs, explorerHref, type DashboardFilters } from "@/lib/dashboard/links";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ChartCard, ChartSelect, FilterForm } from "./chart-card";
import { AREA_KINDS, ChartFrame, ChartLoading, DataTable, Legend, TableLink, formatGbp, formatGbpCompact, formatInt, plural, useNarrow } from "./chart-kit";

// The drawings: recharts loads with them, after hydration, never in the page's first load
const PipelineChart = dynamic(() => import("./team-recharts").then((m) => m.PipelineChart), { ssr: false, loading: ChartLoading });
const CoverageChart = dynamic(() => import("./team-recharts").then((m) => m.CoverageChart), { ssr: false, loading: ChartLoading });
const NotesActivityChart = dynamic(() => import("./team-recharts").then((m) => m.NotesActivityChart), { ssr: false, loading: ChartLoading });
const OverdueChart = dynamic(() => import("./team-recharts").then((m) => m.OverdueChart), { ssr: false, loading: ChartLoading });

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export type TeamList = { id: string; name: string; entries: number };

// ---------- a team with no lists ----------

/** What a team without an active list sees in place of the pipeline charts: how to start one. */
export function StartPipelineCard({ canWrite, archivedLists }: { canWrite: boolean; archivedLists: number }) {
  return (
    <section aria-labelledby="start-pipeline" className="rounded-lg border border-brand-100 bg-brand-50 px-5 py-5 lg:col-span-2">
      <h3 id="start-pipeline" className="text-base font-semibold text-slate-900">Start your team&apos;s pipeline</h3>
      <p className="mt-1 max-w-3xl text-sm text-slate-700">
        {archivedLists > 0
          ? `Your team's ${plural(archivedLists, "list")} ${archivedLists === 1 ? "is" : "are"} archived. Restore one from Target lists, or start a new one: `
          : "Your team has no target lists yet. "}
        The pipeline by stage, the share of ICBs and boards you cover and the overdue next steps appear here once a list has bodies on it.
      </p>
      <ol className="mt-3 grid gap-3 text-sm text-slate-800 sm:grid-cols-3">
        <li className="rounded-md bg-white px-3 py-2 shadow-sm"><span className="font-semibold">1. Create a list</span> for a bid or a campaign, on the Target lists page.</li>
        <li className="rounded-md bg-white px-3 py-2 shadow-sm"><span className="font-semibold">2. Add bodies</span> from the explorer: select rows, or every body matching a filter.</li>
        <li className="rounded-md bg-white px-3 py-2 shadow-sm"><span className="font-semibold">3. Track each one</span>: its stage, estimated value, next step and date, and your notes.</li>
      </ol>
      <div className="mt-4 flex flex-wrap gap-3">
        {canWrite ? (
          <Link href="/lists" className={buttonClass()}>Create a target list</Link>
        ) : (
          <p className="text-sm text-slate-700">Your role can read lists but not create them: ask an analyst, admin or owner in your team to create one.</p>
        )}
        <Link href="/explorer?kind=icb" className={buttonClass({ variant: "secondary" })}>Find bodies in the explorer</Link>
      </div>
    </section>
  );
}

// ---------- pipeline ----------

export function PipelineCard({ rows, lists, filters }: { rows: PipelineRow[]; lists: TeamList[]; filters: DashboardFilters }) {
  const [metric, setMetric] = useState<"count" | "valueGbp">("count");
  const list = lists.find((l) => l.id === filters.list);
  const data = rows.map((r) => ({ ...r, label: capitalise(r.stage), fill: STAGE_COLOURS[r.stage] }));
  const total = rows.reduce((s, r) => s + r.count, 0);
  const value = rows.reduce((s, r) => s + r.valueGbp, 0);
  const stageHref = (stage: string) => explorerHref({ list: filters.list ?? "any", stage, status: "all" });
  const format = (v: number) => (metric === "count" ? formatInt(v) : v > 0 ? formatGbpCompact(v) : "no value");
  return (
    <ChartCard
      id="pipeline"
      title="Pipeline by stage"
      description={<>Entries and estimated value at each stage on {list ? <>the list <strong>{list.name}</strong></> : "all your team's active lists"}: {plural(total, "entry", "entries")}{value > 0 ? `, ${formatGbpCompact(value)} estimated` : ""}.</>}
      controls={
        <FilterForm anchor="pipeline" keep={{ nation: filters.nation, region: filters.region, icb: filters.icb }}>
          <ChartSelect label="List" width="w-56" name="list" defaultValue={filters.list ?? ""}>
            <option value="">All active lists ({lists.length})</option>
            {lists.map((l) => <option key={l.id} value={l.id}>{l.name} ({formatInt(l.entries)})</option>)}
          </ChartSelect>
        </FilterForm>
      }
      chart={
        <>
          <ChartSelect label="Measure" className="mb-3 inline-block" value={metric} onChange={(e) => setMetric(e.target.value as "count" | "valueGbp")}>
            <option value="count">Number of entries</option>
            <option value="valueGbp">Estimated value (£)</option>
          </ChartSelect>
          <ChartFrame height={data.length * 34 + 56}>
            <PipelineChart data={data} height={data.length * 34 + 56} metric={metric} format={format} hrefFor={stageHref} />
          </ChartFrame>
        </>
      }
      table={
        <DataTable
          caption={`Pipeline by stage, ${list ? list.name : "all active lists"}`}
          rows={rows}
          rowKey={(r) => r.stage}
          columns={[
            { key: "stage", header: "Stage", value: (r) => r.stage, render: (r) => <TableLink href={stageHref(r.stage)}>{capitalise(r.stage)}</TableLink> },
            { key: "count", header: "Entries", numeric: true, value: (r) => r.count, render: (r) => formatInt(r.count) },
            { key: "value", header: "Estimated value", numeric: true, value: (r) => r.valueGbp, render: (r) => (r.valueGbp > 0 ? formatGbp(r.valueGbp) : "—") },
          ]}
          footer={
            <tr>
              <th scope="row" className="px-2 py-1.5 text-left">Total</th>
              <td className="px-2 py-1.5 text-right tabular-nums">{formatInt(total)}</td>
              <td className="px-2 py-1.5 text-right tabular-nums">{value > 0 ? formatGbp(value) : "—"}</td>
            </tr>
          }
        />
      }
      downloads={downloadHrefs("pipeline", { list: filters.list })}
      exploreHref={list ? `/lists/${encodeURIComponent(list.id)}` : explorerHref({ list: "any", status: "all" })}
      exploreLabel={list ? "Open the list" : "Open your lists' bodies in the explorer"}
      empty={
        total === 0 ? (
          <EmptyState
            title={list ? `Nothing on ${list.name} yet` : "Your lists have no bodies on them yet"}
            action={
              <>
                <Link href="/explorer?kind=icb" className={buttonClass()}>Add bodies from the explorer</Link>
                {list && <Link href={`/lists/${encodeURIComponent(list.id)}`} className={buttonClass({ variant: "secondary" })}>Open the list</Link>}
              </>
            }
          >
            In the explorer, select bodies (or every body matching a filter) and add them to a list; each starts at the stage &ldquo;identified&rdquo;.
          </EmptyState>
        ) : undefined
      }
      footnote="Archived lists are not counted. Values are the estimated values set on entries; entries without one count as no value."
    />
  );
}

// ---------- coverage ----------

export function CoverageCard({ rows, filters }: { rows: CoverageRow[]; filters: DashboardFilters }) {
  const data = rows.map((r) => ({ ...r, percent: Math.round(r.share * 1000) / 10, caption: `${r.onList} of ${r.total}` }));
  const onList = rows.reduce((s, r) => s + r.onList, 0);
  const total = rows.reduce((s, r) => s + r.total, 0);
  const href = (r: CoverageRow) => explorerHref({ nation: r.nation, kind: AREA_KINDS, region: r.regionCode ?? undefined, list: "any" });
  return (
    <ChartCard
      id="coverage"
      title="Coverage of ICBs and boards"
      description={<>The share of ICBs, health boards, LHBs and area HSC trusts in each NHS England region (and each other nation) that are on at least one of your active lists: {onList} of {total} in all.</>}
      chart={
        <ChartFrame height={data.length * 34 + 56}>
          <CoverageChart data={data} height={data.length * 34 + 56} hrefFor={href} />
        </ChartFrame>
      }
      table={
        <DataTable
          caption="ICBs and boards on a list, per region or nation"
          rows={rows}
          rowKey={(r) => r.key}
          columns={[
            { key: "label", header: "Region or nation", value: (r) => r.label, render: (r) => <TableLink href={href(r)}>{r.label}</TableLink> },
            { key: "onList", header: "On a list", numeric: true, value: (r) => r.onList },
            { key: "total", header: "Bodies", numeric: true, value: (r) => r.total },
            { key: "share", header: "Share", numeric: true, value: (r) => r.share, render: (r) => `${Math.round(r.share * 1000) / 10}%` },
          ]}
        />
      }
      downloads={downloadHrefs("coverage", { nation: filters.nation, region: filters.region })}
      exploreHref={explorerHref({ kind: AREA_KINDS, list: "any", nation: filters.nation, region: filters.region })}
      exploreLabel="Open the covered bodies in the explorer"
      empty={
        onList === 0 ? (
          <EmptyState look="card" title="No ICB or board is on your lists yet" action={<Link href={explorerHref({ kind: "icb", region: filters.region })} className={buttonClass({ variant: "secondary" })}>Find ICBs in the explorer</Link>}>
            Add ICBs, health boards or local health boards to a list to see how much of each region you cover.
          </EmptyState>
        ) : undefined
      }
      footnote={filters.nation || filters.region ? "Filtered by the nation and region chosen under The market." : undefined}
    />
  );
}

// ---------- notes per week ----------

const weekLabel = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const DAY_MS = 86_400_000;

function weekEnd(week: string): string {
  return new Date(Date.parse(`${week}T00:00:00Z`) + 7 * DAY_MS).toISOString();
}

const notesHref = (authorId: string, week: string) => `/notes?author=${encodeURIComponent(authorId)}&before=${encodeURIComponent(weekEnd(week))}`;
const NOTES_CHART_HEIGHT = 260;

export function NotesActivityCard({ activity, wide = false }: { activity: NotesActivity; wide?: boolean }) {
  const data = useMemo(
    () =>
      activity.weeks.map((week) => {
        const row: Record<string, string | number> = { week, label: weekLabel.format(new Date(`${week}T00:00:00Z`)), total: 0 };
        for (const author of activity.authors) row[author.id] = 0;
        for (const c of activity.counts) {
          if (c.week !== week) continue;
          row[c.authorId] = c.count;
          row.total = Number(row.total) + c.count;
        }
        return row;
      }),
    [activity],
  );
  const total = activity.counts.reduce((s, c) => s + c.count, 0);
  const colour = (i: number) => SERIES_COLOURS[i % SERIES_COLOURS.length]!;
  return (
    <ChartCard
      id="notes-activity"
      wide={wide}
      title="Notes written per week"
      description={<>Notes your team wrote in each of the last 26 weeks, by author{total > 0 ? `: ${plural(total, "note")}` : ""}. Deleted notes are not counted.</>}
      chart={
        <div>
          <ChartFrame height={NOTES_CHART_HEIGHT}>
            <NotesActivityChart data={data} height={NOTES_CHART_HEIGHT} authors={activity.authors} colour={colour} hrefFor={notesHref} />
          </ChartFrame>
          <Legend label="Authors" items={activity.authors.map((a, i) => ({ label: `${a.name} (${a.total})`, colour: colour(i) }))} />
        </div>
      }
      table={
        <DataTable
          caption="Notes per week and author, last 26 weeks"
          rows={data.filter((r) => Number(r.total) > 0)}
          rowKey={(r) => String(r.week)}
          columns={[
            { key: "week", header: "Week starting", value: (r) => String(r.week), render: (r) => String(r.label) },
            ...activity.authors.map((a) => ({
              key: a.id,
              header: a.name,
              numeric: true,
              value: (r: Record<string, string | number>) => Number(r[a.id]),
              render: (r: Record<string, string | number>) =>
                Number(r[a.id]) > 0 ? <TableLink href={notesHref(a.id, String(r.week))}>{r[a.id]}</TableLink> : "0",
            })),
            { key: "total", header: "Total", numeric: true, value: (r) => Number(r.total) },
          ]}
        />
      }
      downloads={downloadHrefs("notes-activity", {})}
      exploreHref="/notes"
      exploreLabel="Open the notes"
      empty={
        total === 0 ? (
          <EmptyState look="card" title="No notes in the last 26 weeks" action={<Link href="/explorer" className={buttonClass({ variant: "secondary" })}>Find a body to write about</Link>}>
            Notes are written on a body&apos;s profile page (meetings, contacts, procurement timelines); each one shows here in the week it was written.
          </EmptyState>
        ) : undefined
      }
    />
  );
}

// ---------- overdue next steps ----------

export function OverdueCard({ rows, hasEntries }: { rows: OverdueRow[]; hasEntries: boolean }) {
  const narrow = useNarrow();
  const total = rows.reduce((s, r) => s + r.total, 0);
  const oldest = rows.flatMap((r) => r.oldest.map((o) => ({ ...o, listId: r.listId, listName: r.listName }))).sort((a, b) => b.daysOverdue - a.daysOverdue).slice(0, 5);
  return (
    <ChartCard
      id="overdue"
      title="Overdue next steps"
      description={<>Open entries (not won or lost) whose next-step date has passed, per list, by how late: {plural(total, "entry", "entries")}.</>}
      chart={
        <div>
          <ChartFrame height={rows.length * 34 + 56}>
            <OverdueChart data={rows} height={rows.length * 34 + 56} />
          </ChartFrame>
          <Legend label="Days overdue" items={OVERDUE_BUCKETS.map((b) => ({ label: `${b.label} late`, colour: OVERDUE_COLOURS[b.key] }))} />
          {oldest.length > 0 && (
            <div className="mt-4">
              <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-600">Longest overdue</h4>
              <ul className="mt-1 divide-y divide-slate-100 text-sm">
                {oldest.map((o) => (
                  <li key={`${o.listId}-${o.code}`} className="py-1.5">
                    <TableLink href={`/organisations/${encodeURIComponent(o.code)}`}>{o.name}</TableLink>
                    <p className="text-xs text-slate-700">
                      <span className="font-semibold tabular-nums">{plural(o.daysOverdue, "day")} late</span> · {o.nextStep ?? "no next step written"} · {o.listName}
                    </p>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      }
      table={
        <DataTable
          caption="Overdue entries per list, by days overdue"
          rows={rows}
          rowKey={(r) => r.listId}
          columns={[
            { key: "list", header: "List", value: (r) => r.listName, render: (r) => <TableLink href={`/lists/${encodeURIComponent(r.listId)}`}>{r.listName}</TableLink> },
            { key: "total", header: "Overdue", numeric: true, value: (r) => r.total },
            ...OVERDUE_BUCKETS.map((b) => ({ key: b.key, header: b.label, numeric: true, value: (r: OverdueRow) => r.buckets[b.key] })),
          ]}
        />
      }
      downloads={downloadHrefs("overdue", {})}
      empty={
        total === 0 ? (
          <EmptyState look="card" title="Nothing is overdue">
            {hasEntries
              ? "No open entry has a next-step date in the past. Set a next step and its date on an entry to have it show here when it passes."
              : "Once your lists have bodies on them, entries whose next-step date has passed show here."}
          </EmptyState>
        ) : undefined
      }
      footnote={narrow ? undefined : "Dates are compared with today's date in the database."}
    />
  );
}
