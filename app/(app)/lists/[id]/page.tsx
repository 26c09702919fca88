import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { requirePageAuth } from "@/lib/auth/guards";
import { hasRole } from "@/lib/auth/roles";
import { getTargetList } from "@/lib/target-lists";
import { listEntries } from "@/lib/target-lists/entries";
import { KIND_LABELS, type OrganisationKind } from "@/lib/organisations/vocabulary";
import { formatInteger } from "@/lib/format";
import { Badge } from "@/components/ui/badge";
import { AppError } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { Card, PageHeader } from "@/components/ui/card";
import { EditTargetListForm } from "@/components/target-lists/edit-target-list-form";

export const metadata: Metadata = { title: "Target list" };

const PAGE_SIZE = 50;

export default async function TargetListPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ page?: string }> }) {
  const ctx = await requirePageAuth();
  const { id } = await params;
  const pageNumber = Math.max(1, Number.parseInt((await searchParams).page ?? "1", 10) || 1);
  const list = await getTargetList(getDb(), ctx, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not-found") notFound();
    throw error;
  });
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-3 text-sm text-slate-600"><Link href="/lists" className="hover:underline">Target lists</Link></nav>
      <PageHeader title={list.name}>{list.description ?? "No description."}</PageHeader>
      <p className="mb-6 text-xs text-slate-500">Created by {list.createdBy.name} on {formatDate(list.createdAt)} · version {list.version}</p>
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <EntriesCard listId={list.id} ctx={ctx} pageNumber={pageNumber} />
        </div>
        {hasRole(ctx.role, "analyst") && (
          <Card title="Rename or describe">
            <EditTargetListForm id={list.id} name={list.name} description={list.description ?? ""} version={list.version} />
          </Card>
        )}
      </div>
    </>
  );
}

async function EntriesCard({ listId, ctx, pageNumber }: { listId: string; ctx: Awaited<ReturnType<typeof requirePageAuth>>; pageNumber: number }) {
  const { entries, total } = await listEntries(getDb(), ctx, listId, { limit: PAGE_SIZE, offset: (pageNumber - 1) * PAGE_SIZE });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <Card title={`${formatInteger(total)} ${total === 1 ? "body" : "bodies"}`} description="Add bodies from the explorer: select rows, or all rows matching a filter.">
      {total === 0 ? (
        <p className="text-sm text-slate-600">
          This list is empty. <Link href="/explorer" className="text-brand-700 underline">Open the explorer</Link> to find bodies and add them.
        </p>
      ) : (
        <>
          <table className="w-full text-sm">
            <caption className="sr-only">Bodies on this list</caption>
            <thead><tr className="text-left text-xs uppercase tracking-wide text-slate-500"><th scope="col" className="py-2">Body</th><th scope="col">Kind</th><th scope="col">Stage</th><th scope="col">Added by</th></tr></thead>
            <tbody className="divide-y divide-slate-100">
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td className="py-2">
                    <Link href={`/organisations/${encodeURIComponent(entry.organisation.code)}`} className="font-medium text-brand-700 hover:underline">{entry.organisation.name}</Link>
                    <span className="ml-2 font-mono text-xs text-slate-500">{entry.organisation.code}</span>
                    {entry.organisation.status === "closed" && <span className="ml-2"><Badge tone="danger">Closed</Badge></span>}
                  </td>
                  <td>{KIND_LABELS[entry.organisation.kind as OrganisationKind]?.singular ?? entry.organisation.kind}</td>
                  <td className="capitalize">{entry.stage}</td>
                  <td>{entry.addedBy.name}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {pages > 1 && (
            <nav aria-label="Pages" className="mt-4 flex items-center gap-3 text-sm">
              {pageNumber > 1 && <Link href={`/lists/${listId}?page=${pageNumber - 1}`} className="text-brand-700 underline">Previous</Link>}
              <span>Page {pageNumber} of {pages}</span>
              {pageNumber < pages && <Link href={`/lists/${listId}?page=${pageNumber + 1}`} className="text-brand-700 underline">Next</Link>}
            </nav>
          )}
        </>
      )}
    </Card>
  );
}
