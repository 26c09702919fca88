import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db/client";
import { requirePageAuth } from "@/lib/auth/guards";
import { compareCodesSchema, compareOrganisations } from "@/lib/organisations/compare";
import { AppError } from "@/lib/errors";
import { Card, PageHeader } from "@/components/ui/card";
import { ComparisonTable } from "@/components/organisations/comparison-table";
import { FilterError } from "@/components/data-table/filter-error";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";

export const metadata: Metadata = { title: "Compare" };

export default async function ComparePage({ searchParams }: { searchParams: Promise<{ codes?: string }> }) {
  await requirePageAuth();
  const raw = (await searchParams).codes ?? "";
  const parsed = compareCodesSchema.safeParse(raw);
  let error: string | null = raw && !parsed.success ? parsed.error.issues[0]!.message : null;
  let comparison: Awaited<ReturnType<typeof compareOrganisations>> | null = null;
  if (parsed.success) {
    try {
      comparison = await compareOrganisations(getDb(), parsed.data);
    } catch (caught) {
      if (!(caught instanceof AppError)) throw caught;
      error = caught.message;
    }
  }
  return (
    <>
      <PageHeader title="Compare bodies">
        Two to four bodies of any nation side by side: size, money, structure and who commissions what for their populations. The address of this page
        holds the comparison, so you can share it.
      </PageHeader>
      <form method="get" className="mb-6 flex flex-wrap items-end gap-3">
        <div className="min-w-72 flex-1">
          <Label htmlFor="codes">Codes, separated by commas</Label>
          <Input id="codes" name="codes" defaultValue={raw} placeholder="QYG, S08000020, 7A1" className="mt-1" aria-describedby="codes-hint" />
          <p id="codes-hint" className="mt-1 text-xs text-slate-500">ODS, ONS or PHS codes, as shown on each profile and in the explorer.</p>
        </div>
        <Button type="submit">Compare</Button>
      </form>
      {error && (
        <div className="mb-6">
          <FilterError title="These bodies cannot be compared" message={error} resetHref="/compare" resetLabel="Start a new comparison" />
        </div>
      )}
      {comparison ? (
        <ComparisonTable bodies={comparison.bodies} serviceSlugs={comparison.serviceSlugs} />
      ) : (
        !error && (
          <Card>
            <p className="text-sm text-slate-600">
              Enter codes above, or try <Link className="text-brand-700 underline" href="/compare?codes=QYG,S08000031,7A4">an English ICB, a Scottish board and a Welsh health board</Link>.
            </p>
          </Card>
        )
      )}
    </>
  );
}
