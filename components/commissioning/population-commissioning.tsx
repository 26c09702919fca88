import Link from "next/link";
import type { PopulationCommissioning } from "@/lib/commissioning";
import { Card } from "@/components/ui/card";
import { CommissionerEntry } from "./commissioner-entry";

type Line = PopulationCommissioning["itself"][number];

function Lines({ lines, empty }: { lines: Line[]; empty: string }) {
  if (lines.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <ul className="divide-y divide-slate-100">
      {lines.map((line, i) => (
        <li key={`${line.service.slug}-${i}`} className="grid gap-1 py-2 sm:grid-cols-[14rem_1fr]">
          <Link href={`/commissioning?service=${line.service.slug}`} className="text-sm font-medium text-slate-900 hover:underline">{line.service.name}</Link>
          <CommissionerEntry entry={{ ...line, commissionerCode: line.commissioner?.code ?? null }} />
        </li>
      ))}
    </ul>
  );
}

/** Who commissions for this body's population: itself, bodies within its area, and national bodies, each line with its source. */
export function PopulationCommissioningCard({ data, subject, via }: { data: PopulationCommissioning; subject: string; via?: { code: string; name: string } }) {
  return (
    <Card
      title="Who commissions for this population"
      description={via ? <>Through {subject}&apos;s commissioner, <Link className="text-brand-700 underline" href={`/organisations/${via.code}`}>{via.name}</Link>.</> : undefined}
    >
      <div className="space-y-6">
        <section>
          <h3 className="mb-2 text-sm font-semibold text-slate-800">{via ? via.name : subject} itself</h3>
          <Lines lines={data.itself} empty="No service in the data names this kind of body as its commissioner." />
        </section>
        {data.withinArea.length > 0 && (
          <section>
            <h3 className="mb-2 text-sm font-semibold text-slate-800">Bodies within its area</h3>
            <ul className="divide-y divide-slate-100">
              {data.withinArea.map(({ line, bodies }, i) => (
                <li key={`${line.service.slug}-${i}`} className="grid gap-1 py-2 sm:grid-cols-[14rem_1fr]">
                  <Link href={`/commissioning?service=${line.service.slug}`} className="text-sm font-medium text-slate-900 hover:underline">{line.service.name}</Link>
                  <div className="space-y-1">
                    <CommissionerEntry entry={{ ...line, commissionerCode: line.commissioner?.code ?? null }} />
                    {bodies.length > 0 ? (
                      <p className="text-xs text-slate-600">
                        In its area:{" "}
                        {bodies.slice(0, 12).map((b, j) => (
                          <span key={b.code}>{j > 0 && ", "}<Link href={`/organisations/${b.code}`} className="text-brand-700 hover:underline">{b.name}</Link></span>
                        ))}
                        {bodies.length > 12 && ` and ${bodies.length - 12} more`}
                      </p>
                    ) : (
                      <p className="text-xs italic text-slate-500">Which of these bodies cover its area is not in the data.</p>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          </section>
        )}
        <section>
          <h3 className="mb-2 text-sm font-semibold text-slate-800">National and regional bodies, for its population</h3>
          <Lines lines={data.nationally} empty="None in the data." />
        </section>
      </div>
    </Card>
  );
}
