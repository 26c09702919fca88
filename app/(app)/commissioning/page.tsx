import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db/client";
import { requirePageAuth } from "@/lib/auth/guards";
import { commissioningMatrix, listServiceCategories } from "@/lib/commissioning";
import { NATIONS, NATION_LABELS } from "@/lib/organisations/vocabulary";
import { PageHeader } from "@/components/ui/card";
import { CommissionerEntry } from "@/components/commissioning/commissioner-entry";
import { Button } from "@/components/ui/button";
import { Label, Select } from "@/components/ui/input";

export const metadata: Metadata = { title: "Who commissions what" };

export default async function CommissioningPage({ searchParams }: { searchParams: Promise<{ service?: string }> }) {
  await requirePageAuth();
  const db = getDb();
  const categories = await listServiceCategories(db);
  const requested = (await searchParams).service;
  const service = categories.some((c) => c.slug === requested) ? requested : undefined;
  const matrix = await commissioningMatrix(db, { service });
  return (
    <>
      <PageHeader title="Who commissions what">
        For each service, the body that commissions it in each nation, how (commissions, delegated, retained, joint, or plans and provides), since when,
        and the public source it rests on. Changes that have not happened yet are shown as planned, with their date, after today&apos;s arrangement;
        arrangements that ended show their end. Select a nation&apos;s bodies to open them in the explorer.
      </PageHeader>
      <form method="get" className="mb-6 flex flex-wrap items-end gap-3" role="search">
        <div>
          <Label htmlFor="service">Service</Label>
          <Select id="service" name="service" defaultValue={service ?? ""} className="mt-1" full={false}>
            <option value="">All {categories.length} services</option>
            {categories.map((c) => <option key={c.slug} value={c.slug}>{c.name}</option>)}
          </Select>
        </div>
        <Button type="submit">Show</Button>
        {service && <Link href="/commissioning" className="py-2 text-sm text-brand-700 underline">Show all services</Link>}
      </form>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="w-full min-w-[960px] border-collapse text-sm">
          <caption className="sr-only">Commissioners by service and nation</caption>
          <thead className="sticky top-0 bg-slate-50">
            <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
              <th scope="col" className="w-56 border-b border-slate-200 px-4 py-3">Service</th>
              {NATIONS.map((n) => <th key={n} scope="col" className="border-b border-slate-200 px-4 py-3">{NATION_LABELS[n]}</th>)}
            </tr>
          </thead>
          <tbody>
            {matrix.map((row) => (
              <tr key={row.slug} className="align-top odd:bg-white even:bg-slate-50/50" data-service={row.slug}>
                <th scope="row" className="border-b border-slate-100 px-4 py-3 text-left font-medium text-slate-900">{row.name}</th>
                {NATIONS.map((nation) => {
                  const entries = row.cells[nation] ?? [];
                  return (
                    <td key={nation} className="border-b border-slate-100 px-4 py-3" data-nation={nation}>
                      {entries.length === 0 ? (
                        <span className="text-xs italic text-slate-500">No sourced answer found: see the data&apos;s documented gaps</span>
                      ) : (
                        <div className="space-y-3">
                          {entries.map((entry, i) => <CommissionerEntry key={i} entry={entry} showNotes={Boolean(service)} />)}
                          <Link href={`/explorer?commissions=${row.slug}&nation=${nation}`} className="inline-block text-xs text-brand-700 underline">
                            Bodies that commission it<span className="sr-only"> in {NATION_LABELS[nation]}</span>
                          </Link>
                        </div>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
