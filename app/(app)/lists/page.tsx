import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db/client";
import { requirePageAuth } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { listTargetLists } from "@/lib/target-lists";
import { formatDate } from "@/lib/format";
import { Card, PageHeader } from "@/components/ui/card";
import { CreateTargetListForm } from "@/components/target-lists/create-target-list-form";
import { PipelineSummary } from "@/components/target-lists/pipeline-summary";
import { pipelineSummary } from "@/lib/target-lists/entries";

export const metadata: Metadata = { title: "Target lists" };

export default async function TargetListsPage() {
  const ctx = await requirePageAuth();
  const [lists, archived, pipeline] = await Promise.all([
    listTargetLists(getDb(), ctx),
    listTargetLists(getDb(), ctx, { archived: true }),
    pipelineSummary(getDb(), ctx),
  ]);
  return (
    <>
      <PageHeader title="Target lists">Your team&apos;s lists of bodies to win. Only members of {ctx.team.name} can see them.</PageHeader>
      <div className="mb-6">
        <Card title="Pipeline across all lists">
          <PipelineSummary stages={pipeline} />
        </Card>
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Card title={`${lists.length} ${lists.length === 1 ? "list" : "lists"}`}>
            {lists.length === 0 ? (
              <p className="text-sm text-slate-600">No target lists yet. {can(ctx, "write") ? "Create one to start building your pipeline." : "An analyst in your team can create one."}</p>
            ) : (
              <ul className="divide-y divide-slate-100">
                {lists.map((list) => (
                  <li key={list.id} className="py-3">
                    <Link href={`/lists/${list.id}`} className="font-medium text-brand-700 hover:underline">{list.name}</Link>
                    {list.description && <p className="text-sm text-slate-600">{list.description}</p>}
                    <p className="text-xs text-slate-500">Created by {list.createdBy.name} · updated {formatDate(list.updatedAt)}</p>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          {archived.length > 0 && (
            <details className="mt-4 rounded-lg border border-slate-200 bg-white px-5 py-3 text-sm">
              <summary className="cursor-pointer text-slate-700">{archived.length} archived {archived.length === 1 ? "list" : "lists"}</summary>
              <ul className="mt-2 space-y-1">
                {archived.map((list) => <li key={list.id}><Link href={`/lists/${list.id}`} className="text-brand-700 hover:underline">{list.name}</Link></li>)}
              </ul>
            </details>
          )}
        </div>
        {can(ctx, "write") && (
          <Card title="New list">
            <CreateTargetListForm />
          </Card>
        )}
      </div>
    </>
  );
}
