import { Suspense } from "react";
import type { Metadata } from "next";
import { getDb } from "@/lib/db/client";
import { requirePageAuth } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { loadDashboard } from "@/lib/dashboard";
import { Dashboard, DashboardHeader, DashboardSkeleton } from "@/components/dashboard/dashboard";

export const metadata: Metadata = { title: "Dashboard" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

async function DashboardBody({ searchParams }: Props) {
  const ctx = await requirePageAuth();
  const data = await loadDashboard(getDb(), ctx, await searchParams);
  return <Dashboard data={data} teamName={ctx.team.name} canWrite={can(ctx, "write")} />;
}

/**
 * Home after sign-in: the team's pipeline and the market, aggregated in PostgreSQL (lib/dashboard).
 * The header is sent at once and the figures stream in behind a skeleton: the page shows progress,
 * and its largest text (the header) is painted with the first bytes instead of at the reveal.
 */
export default async function DashboardPage({ searchParams }: Props) {
  await requirePageAuth();
  return (
    <>
      <DashboardHeader />
      <Suspense fallback={<DashboardSkeleton />}>
        <DashboardBody searchParams={searchParams} />
      </Suspense>
    </>
  );
}
