import type { Metadata } from "next";
import { getDb } from "@/lib/db/client";
import { requirePageAuth } from "@/lib/auth/guards";
import { changesTable } from "@/lib/changes";
import { toSearchParams } from "@/lib/paging";
import { readFeedPage } from "@/lib/tables/server";
import { PageHeader } from "@/components/ui/card";
import { FilterError } from "@/components/data-table/filter-error";
import { ChangesFilters, ChangesResults } from "@/components/changes/changes-page";

export const metadata: Metadata = { title: "What changed" };

export default async function ChangesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageAuth();
  const params = toSearchParams(await searchParams);
  const read = await readFeedPage(changesTable, getDb(), null, params);
  return (
    <>
      <PageHeader title="What changed">
        Bodies opened, closed, renamed, moved, merged and split; figures and who-commissions-what rows updated. Each reference import records what it changed, and history
        already in the data (the CCGs&apos; move to ICBs in July 2022, mergers and splits) is dated when it happened. Newest first.
      </PageHeader>
      <ChangesFilters filters={read.ok ? read.filters : {}} />
      {read.ok ? <ChangesResults page={read.page} params={params} /> : <FilterError message={read.error} resetHref="/changes" resetLabel="Show every change" />}
    </>
  );
}
