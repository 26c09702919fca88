import Link from "next/link";
import type { ComparedBody } from "@/lib/organisations/compare";
import { ARRANGEMENT_LABELS, KIND_LABELS, NATION_LABELS, type Arrangement, type Nation, type OrganisationKind } from "@/lib/organisations/vocabulary";
import { formatGbp, formatGbpThousands, formatInteger, formatMonth } from "@/lib/format";
import { Badge } from "@/components/ui/badge";

const NotInData = () => <span className="italic text-slate-500">Not in the data</span>;

/** One figure per body, with the year or month it describes (its denominator's, for a per-head figure). */
function FigureRow({ label, bodies, value, format, note }: { label: string; bodies: ComparedBody[]; value: (b: ComparedBody) => number | null; format: (n: number) => string; note: (b: ComparedBody) => string | null }) {
  return (
    <tr>
      <th scope="row" className="px-4 py-2 text-left font-medium">{label}</th>
      {bodies.map((b) => {
        const figure = value(b);
        return <td key={b.code} className="px-4 py-2 tabular-nums">{figure !== null ? <>{format(figure)} <span className="text-xs text-slate-500">{note(b)}</span></> : <NotInData />}</td>;
      })}
    </tr>
  );
}

export function ComparisonTable({ bodies, serviceSlugs }: { bodies: ComparedBody[]; serviceSlugs: string[] }) {
  const kinds = [...new Set(bodies.flatMap((b) => b.below.map((x) => x.kind)))];
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full min-w-[720px] text-sm">
        <caption className="sr-only">Comparison of {bodies.map((b) => b.name).join(", ")}</caption>
        <thead className="bg-slate-50">
          <tr>
            <td className="w-56 px-4 py-3" />
            {bodies.map((b) => (
              <th key={b.code} scope="col" className="px-4 py-3 text-left align-top">
                <Link href={`/organisations/${b.code}`} className="font-semibold text-brand-700 hover:underline">{b.name}</Link>
                <div className="mt-1 flex flex-wrap gap-1 text-xs font-normal">
                  <Badge tone="brand">{KIND_LABELS[b.kind as OrganisationKind]?.singular ?? b.kind}</Badge>
                  <Badge>{NATION_LABELS[b.nation as Nation]}</Badge>
                  {b.status === "closed" && <Badge tone="danger">Closed</Badge>}
                </div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          <FigureRow label="Population (residents)" bodies={bodies} value={(b) => b.population} format={formatInteger} note={(b) => b.populationYear} />
          <FigureRow label="Registered patients" bodies={bodies} value={(b) => b.registeredPatients} format={formatInteger} note={(b) => b.registeredPatientsMonth && formatMonth(b.registeredPatientsMonth)} />
          <tr>
            <th scope="row" className="px-4 py-2 text-left font-medium">Allocation (core, total)</th>
            {bodies.map((b) => <td key={b.code} className="px-4 py-2 tabular-nums">{b.allocationGbpThousands !== null ? <>{formatGbpThousands(b.allocationGbpThousands)} <span className="text-xs text-slate-500">{b.allocationYear}</span></> : <NotInData />}</td>)}
          </tr>
          <FigureRow label="Allocation per resident" bodies={bodies} value={(b) => b.perHeadGbp} format={formatGbp} note={(b) => b.populationYear && `${b.populationYear} estimate`} />
          <FigureRow label="Allocation per registered patient" bodies={bodies} value={(b) => b.perPatientGbp} format={formatGbp} note={(b) => b.registeredPatientsMonth && formatMonth(b.registeredPatientsMonth)} />
          {kinds.map((kind) => (
            <tr key={kind}>
              <th scope="row" className="px-4 py-2 text-left font-medium">{KIND_LABELS[kind].plural} below</th>
              {bodies.map((b) => <td key={b.code} className="px-4 py-2 tabular-nums">{formatInteger(b.below.find((x) => x.kind === kind)?.open ?? 0)}</td>)}
            </tr>
          ))}
          <tr><th colSpan={bodies.length + 1} scope="colgroup" className="bg-slate-50 px-4 py-2 text-left text-xs uppercase tracking-wide text-slate-500">Who commissions for their populations</th></tr>
          {serviceSlugs.map((slug) => {
            const cells = bodies.map((b) => b.services[slug]);
            const service = cells.find(Boolean)!.service;
            const differs = new Set(cells.map((c) => (c ? `${c.commissioner}|${c.arrangement}` : "none"))).size > 1;
            return (
              <tr key={slug} className={differs ? "bg-amber-50/40" : undefined}>
                <th scope="row" className="px-4 py-2 text-left font-normal">
                  <Link href={`/commissioning?service=${slug}`} className="hover:underline">{service}</Link>
                  {differs && <span className="sr-only"> (differs)</span>}
                </th>
                {cells.map((c, i) => (
                  <td key={bodies[i]!.code} className="px-4 py-2">
                    {c ? (
                      <>
                        <span className="font-medium">{c.level === "itself" ? "Itself" : c.commissioner}</span>{" "}
                        <span className="text-xs text-slate-500">{ARRANGEMENT_LABELS[c.arrangement as Arrangement]?.toLowerCase()}</span>
                      </>
                    ) : (
                      <NotInData />
                    )}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
