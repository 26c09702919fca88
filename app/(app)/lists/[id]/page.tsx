import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { requirePageAuth } from "@/lib/auth/guards";
import { hasRole } from "@/lib/auth/roles";
import { getTargetList } from "@/lib/target-lists";
import { AppError } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { Card, PageHeader } from "@/components/ui/card";
import { EditTargetListForm } from "@/components/target-lists/edit-target-list-form";

export const metadata: Metadata = { title: "Target list" };

export default async function TargetListPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requirePageAuth();
  const { id } = await params;
  const list = await getTargetList(getDb(), ctx, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not-found") notFound();
    throw error;
  });
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-3 text-sm text-slate-600"><Link href="/lists" className="hover:underline">Target lists</Link></nav>
      <PageHeader title={list.name}>{list.description ?? "No description."}</PageHeader>
      <p className="mb-6 text-xs text-slate-500">Created by {list.createdBy.name} on {formatDate(list.createdAt)} · version {list.version}</p>
      {hasRole(ctx.role, "analyst") && (
        <Card title="Rename or describe">
          <EditTargetListForm id={list.id} name={list.name} description={list.description ?? ""} version={list.version} />
        </Card>
      )}
    </>
  );
}
