import type { Metadata } from "next";
import { getDb } from "@/lib/db/client";
import { requirePageAuth } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { loadDashboard } from "@/lib/dashboard";
import { Dashboard } from "@/components/dashboard/dashboard";

export const metadata: Metadata = { title: "Dashboard" };

/** Home after sign-in: the team's pipeline and the market, aggregated in PostgreSQL (lib/dashboard). */
export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requirePageAuth();
  const data = await loadDashboard(getDb(), ctx, await searchParams);
  return <Dashboard data={data} teamName={ctx.team.name} canWrite={can(ctx, "write")} />;
}
