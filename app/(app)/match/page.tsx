import type { Metadata } from "next";
import { getDb } from "@/lib/db/client";
import { requirePageAuth } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { listTargetLists } from "@/lib/target-lists";
import { PageHeader } from "@/components/ui/card";
import { MatchAccounts } from "@/components/matching/match-accounts";

export const metadata: Metadata = { title: "Match accounts" };

export default async function MatchPage() {
  const ctx = await requirePageAuth();
  const lists = can(ctx, "write") ? await listTargetLists(getDb(), ctx) : [];
  return (
    <>
      <PageHeader title="Match accounts">
        Upload a spreadsheet of accounts from your CRM: each row is matched to the body it names and to the bodies that hold its work today.
      </PageHeader>
      <MatchAccounts lists={lists.map((l) => ({ value: l.id, label: l.name }))} canWrite={can(ctx, "write")} />
    </>
  );
}
