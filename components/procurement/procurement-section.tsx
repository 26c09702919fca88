// A profile's procurement section: open tenders, contracts ending in the next 18 months, top
// suppliers, notices per quarter and spend over £25k, of the body, the bodies below it and its
// predecessors, under the coverage note. Where the scope has nothing, it says so and how far the
// loaded data reaches.
import Link from "next/link";
import type { ReactNode } from "react";
import type { ProcurementProfile } from "@/lib/procurement/profile";
import { formatDate, formatGbp, plural } from "@/lib/format";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Bone, Skeleton, TableSkeleton } from "@/components/ui/skeleton";
import { CoverageNote } from "./coverage-note";
import { NoticeTable, SpendSupplierTable, SupplierTable } from "./notice-tables";
import { NoticesPerQuarterCard, SpendPerMonthCard } from "./procurement-charts";

const link = "text-sm text-brand-700 underline underline-offset-2 hover:text-brand-900";

export const contractsHref = (code: string, extra = "") => `/contracts?buyer=${encodeURIComponent(code)}${extra}`;

function Part({ title, description, more, children }: { title: string; description: ReactNode; more?: ReactNode; children: ReactNode }) {
  return (
    <section className="min-w-0">
      <h3 className="text-base font-semibold text-slate-900">{title}</h3>
      <p className="mt-1 text-sm text-slate-600">{description}</p>
      <div className="mt-3">{children}</div>
      {more && <div className="mt-2">{more}</div>}
    </section>
  );
}

/** "Showing 10 of 34 — all on the contracts page", or nothing when every row shows. */
function More({ shown, total, href, what }: { shown: number; total: number; href: string; what: string }) {
  if (total <= shown) return null;
  return <Link href={href} className={link}>All {plural(total, what)} on the contracts page</Link>;
}

export function ProcurementSection({ name, profile }: { name: string; profile: ProcurementProfile }) {
  const { code, coverage, openTenders, endingSoon, topSuppliers, spend } = profile;
  const loaded = coverage.notices.reduce((sum, source) => sum + source.notices, 0);
  const payers = coverage.spend.map((payer) => payer.payerName);
  return (
    <div className="mt-6" id="procurement">
      <Card
        title="Procurement"
        description={<>What {name} buys and from whom: notices it published, with those of the bodies below it and of the bodies it succeeded, each marked.</>}
        actions={<Link href={contractsHref(code)} className={link}>Every notice on the contracts page</Link>}
      >
        <CoverageNote coverage={coverage} spend />
        {profile.notices === 0 ? (
          <div className="mt-4">
            <EmptyState look="card" title="No notice of this body is in the loaded data">
              {loaded === 0
                ? "No procurement notices are loaded yet: run the import or a sync."
                : `The ${plural(loaded, "notice")} loaded come from the sources above; none was published by ${name}, a body below it or a predecessor.`}
            </EmptyState>
          </div>
        ) : (
          <div className="mt-5 space-y-8">
            <Part
              title="Open tenders"
              description={<>Open for bids, soonest deadline first ({plural(openTenders.total, "tender")}). A tender whose deadline is not given counts as open.</>}
              more={<More shown={openTenders.rows.length} total={openTenders.total} href={contractsHref(code, "&open=1")} what="open tender" />}
            >
              {openTenders.rows.length === 0 ? <p className="text-sm text-slate-600">No tender of this body is open for bids in the loaded data.</p> : <NoticeTable caption={`Open tenders, ${name}`} notices={openTenders.rows} date="deadline" />}
            </Part>
            <Part
              title={`Contracts ending in the next ${endingSoon.months} months`}
              description={<>Soonest first ({plural(endingSoon.total, "contract")}): each may be re-let.</>}
              more={<Link href={contractsHref(code, `&ends_within_months=${endingSoon.months}`)} className={link}>Contracts ending within {endingSoon.months} months on the contracts page</Link>}
            >
              {endingSoon.rows.length === 0 ? <p className="text-sm text-slate-600">No contract of this body ends in the next {endingSoon.months} months in the loaded data.</p> : <NoticeTable caption={`Contracts ending in the next ${endingSoon.months} months, ${name}`} notices={endingSoon.rows} date="end" />}
            </Part>
            <Part
              title="Top suppliers by awarded value"
              description="The summed values of the awarded notices naming each supplier, as published: values may be ranges (low–high), and a framework's value counts in full for each of its suppliers."
              more={topSuppliers.total > topSuppliers.rows.length ? <p className="text-sm text-slate-600">The top {topSuppliers.rows.length} of {plural(topSuppliers.total, "supplier")}.</p> : undefined}
            >
              {topSuppliers.rows.length === 0 ? <p className="text-sm text-slate-600">No awarded notice of this body names a supplier in the loaded data (the reshaped Contracts Finder notices carry no supplier names).</p> : <SupplierTable caption={`Top suppliers by awarded value, ${name}`} suppliers={topSuppliers.rows} buyer={code} />}
            </Part>
            <NoticesPerQuarterCard name={name} quarters={profile.noticesPerQuarter} contractsHref={contractsHref(code)} />
          </div>
        )}
        <div className="mt-8">
          {spend.lines === 0 ? (
            <EmptyState look="card" title="No spend over £25k is loaded for this body">
              {payers.length === 0 ? "No spend lines are loaded." : `Spend is only loaded for ${payers.join(", ")}.`}
            </EmptyState>
          ) : (
            <div className="space-y-6">
              <Part
                title="Spend over £25k by supplier"
                description={<>{formatGbp(spend.amount)} in {plural(spend.lines, "payment")}, {formatDate(spend.from!)} to {formatDate(spend.to!)}; suppliers as published.</>}
                more={spend.bySupplier.total > spend.bySupplier.rows.length ? <p className="text-sm text-slate-600">The top {spend.bySupplier.rows.length} of {plural(spend.bySupplier.total, "supplier")} paid.</p> : undefined}
              >
                <SpendSupplierTable caption={`Spend over £25k by supplier, ${name}`} suppliers={spend.bySupplier.rows} />
              </Part>
              <SpendPerMonthCard name={name} months={spend.byMonth} />
            </div>
          )}
        </div>
      </Card>
    </div>
  );
}

/** What the section shows while its figures load. */
export function ProcurementSkeleton() {
  return (
    <div className="mt-6">
      <Skeleton label="Loading procurement…" className="rounded-lg border border-slate-200 bg-white px-5 py-4">
        <Bone className="h-5 w-40" />
        <Bone className="mt-3 h-10 w-full" />
        <div className="mt-5 space-y-2">
          <Bone className="h-4 w-32" />
          <TableSkeleton rows={4} cells={["h-4 w-1/2", "h-4 w-1/4", "h-4 w-1/6"]} />
        </div>
      </Skeleton>
    </div>
  );
}
