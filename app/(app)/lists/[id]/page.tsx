import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { requirePageAuth } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { listMembers } from "@/lib/auth/accounts";
import { AppError } from "@/lib/errors";
import { formatDate, formatInteger } from "@/lib/format";
import { getTargetList } from "@/lib/target-lists";
import { entriesTable, pipelineSummary } from "@/lib/target-lists/entries";
import { mergerNotices } from "@/lib/target-lists/moves";
import { readTablePage } from "@/lib/tables/server";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { TableUrlStateProvider } from "@/components/data-table/table-url-state";
import { toSearchParams } from "@/lib/paging";
import { EditTargetListForm } from "@/components/target-lists/edit-target-list-form";
import { EntriesTable } from "@/components/target-lists/entries-table";
import { ListActions } from "@/components/target-lists/list-actions";
import { MergerNotices } from "@/components/target-lists/merger-notices";
import { PipelineSummary } from "@/components/target-lists/pipeline-summary";
import { FilterError } from "@/components/data-table/filter-error";
import { followsOf } from "@/lib/alerts/follows";
import { FollowButton } from "@/components/alerts/follow-button";

export const metadata: Metadata = { title: "Target list" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TargetListPage({ params, searchParams }: Props) {
  const ctx = await requirePageAuth();
  const db = getDb();
  const { id } = await params;
  const query = toSearchParams(await searchParams);
  const list = await getTargetList(db, ctx, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not-found") notFound();
    throw error;
  });
  const archived = list.archivedAt !== null;
  const [members, pipeline, read, mergers, followState] = await Promise.all([
    listMembers(db, ctx),
    pipelineSummary(db, ctx, list.id, { includeArchived: true }),
    readTablePage(entriesTable, db, { ctx, listId: list.id }, query),
    mergerNotices(db, ctx, { listId: list.id }),
    followsOf(db, ctx, { listId: list.id }),
  ]);
  const listTotal = pipeline.reduce((sum, s) => sum + s.count, 0);
  const isAnalyst = can(ctx, "write");
  const canEdit = isAnalyst && !archived;
  const basePath = `/lists/${list.id}`;

  return (
    <TableUrlStateProvider basePath={basePath}>
      <nav aria-label="Breadcrumb" className="mb-3 text-sm text-slate-600">
        <Link href="/lists" className="rounded hover:underline focus-visible:outline-2 focus-visible:outline-brand-600">Target lists</Link>
        <span aria-hidden> / </span>
        <span aria-current="page">{list.name}</span>
      </nav>

      <div className="mb-5 flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0 max-w-3xl">
          <h1 className="flex flex-wrap items-center gap-x-3 gap-y-1 text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">
            {list.name}
            {archived && <Badge tone="warning">Archived</Badge>}
          </h1>
          <p className="mt-2 whitespace-pre-line text-slate-600">{list.description ?? <span className="text-slate-500">No description.</span>}</p>
          <p className="mt-1 text-xs text-slate-500">
            {formatInteger(listTotal)} {listTotal === 1 ? "body" : "bodies"} · created by {list.createdBy.name} on {formatDate(list.createdAt)} · updated {formatDate(list.updatedAt)}
          </p>
        </div>
        <div className="flex flex-wrap items-start gap-3">
          <FollowButton of={{ target: "list", id: list.id }} state={followState} canManage={can(ctx, "manage")} />
          <ListActions listId={list.id} archived={archived} canWrite={isAnalyst} />
        </div>
      </div>

      {archived && (
        <p className="mb-5 rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-inset ring-amber-200">
          This list is archived: the lists page shows it under “archived”, the team&apos;s pipeline leaves it out, and its entries cannot be changed. {isAnalyst ? "Restore it to work on it again." : "An analyst can restore it."}
        </p>
      )}

      <MergerNotices
        listId={list.id}
        notices={mergers}
        canEdit={canEdit}
        readOnlyReason={!isAnalyst ? "An analyst, admin or owner in your team can move these entries to their successors." : archived ? "Restore the list to move these entries to their successors." : undefined}
      />

      <section aria-labelledby="pipeline-heading" className="mb-6">
        <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="pipeline-heading" className="text-base font-semibold text-slate-900">Pipeline</h2>
          <p className="text-xs text-slate-500">Bodies and estimated value per stage. Choose a stage to show only its bodies.</p>
        </div>
        <PipelineSummary stages={pipeline} filter activeStage={query.get("stage")} />
      </section>

      <section aria-labelledby="entries-heading" className="mb-8">
        <h2 id="entries-heading" className="sr-only">Bodies on this list</h2>
        {!read.ok ? (
          <FilterError message={read.error} resetHref={basePath} resetLabel="Show every body on the list" />
        ) : (
          <EntriesTable
            listId={list.id}
            page={read.page}
            listTotal={listTotal}
            canEdit={canEdit}
            archived={archived}
            readOnlyReason={!isAnalyst ? "You can read this list; your role cannot change it." : archived ? "Archived: restore the list to change its entries." : undefined}
            members={members.map((m) => ({ id: m.user.id, name: m.user.name }))}
            today={new Date().toISOString().slice(0, 10)}
          />
        )}
      </section>

      {isAnalyst && (
        <div className="max-w-2xl">
          <Card title="Rename or describe" description="Everyone in your team sees the name and description.">
            <EditTargetListForm id={list.id} name={list.name} description={list.description ?? ""} version={list.version} />
          </Card>
        </div>
      )}
    </TableUrlStateProvider>
  );
}
