import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageAuth } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { toSearchParams } from "@/lib/paging";
import { isOperator } from "@/lib/procurement/buyers";
import { buyerNamesTable } from "@/lib/procurement/manual-matches";
import { readTablePage } from "@/lib/tables/server";
import { FilterError } from "@/components/data-table/filter-error";
import { BuyerMatches } from "@/components/procurement/buyer-matches";
import { PageHeader } from "@/components/ui/card";

export const metadata: Metadata = { title: "Buyer matching" };

export default async function BuyerMatchingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requirePageAuth();
  // Manual matches change what every team sees: the page exists for operators only
  if (!(await isOperator(getDb(), ctx.user.id))) notFound();
  const read = await readTablePage(buyerNamesTable, getDb(), null, toSearchParams(await searchParams));
  return (
    <>
      <PageHeader eyebrow="Operators" title="Buyer matching">
        Buyer names on procurement notices that no rule matched to a body (by identifier, exact name or a former name). A match made here applies to
        every team and survives re-imports.
      </PageHeader>
      {read.ok ? <BuyerMatches page={read.page} filters={read.filters} /> : <FilterError message={read.error} resetHref="/admin/buyers" resetLabel="Show unmatched buyers" />}
    </>
  );
}
