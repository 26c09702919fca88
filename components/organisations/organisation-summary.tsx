import Link from "next/link";
import type { findOrganisationByCode, descendantCounts, OrganisationRef } from "@/lib/organisations/read";
import type { CurrentBuyer } from "@/lib/organisations/succession";
import { KIND_LABELS, NATION_LABELS, type Nation, type OrganisationKind } from "@/lib/organisations/vocabulary";
import { formatDate, formatGbp, formatGbpThousands, formatInteger, formatMonth } from "@/lib/format";
import { allocationPerHead } from "@/lib/organisations/per-head";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { profileFacts } from "@/lib/organisations/details";
import { OrganisationLink } from "./organisation-link";
import { FormerCcg, SuccessionSteps, SupportBodyFacts } from "./organisation-lineage";
import { StatusBadge } from "./status-badge";

type Organisation = NonNullable<Awaited<ReturnType<typeof findOrganisationByCode>>>;

const Missing = ({ children }: { children: React.ReactNode }) => <span className="text-slate-500 italic">{children}</span>;

export function OrganisationSummary({
  organisation,
  chain,
  below,
  buyer,
  actions,
}: {
  organisation: Organisation;
  chain: OrganisationRef[];
  below: Awaited<ReturnType<typeof descendantCounts>>;
  buyer: CurrentBuyer | null;
  /** The team's own actions on the body, under its name */
  actions?: React.ReactNode;
}) {
  const kind = organisation.kind as OrganisationKind;
  const latestYear = organisation.allocations[0]?.financialYear;
  const latest = organisation.allocations.filter((a) => a.financialYear === latestYear);
  const coreTotal = latest.find((a) => a.line === "core-total");
  const facts = profileFacts(organisation.details);
  const perHead = allocationPerHead(coreTotal ? Number(coreTotal.amountGbpThousands) : null, organisation);
  const patientsMonth = organisation.registeredPatientsMonth && formatMonth(organisation.registeredPatientsMonth);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-3 text-sm text-slate-600">
        <ol className="flex flex-wrap items-center gap-1">
          <li><Link href="/" className="hover:underline">Overview</Link></li>
          {[...chain].reverse().map((p) => (
            <li key={p.code} className="flex items-center gap-1">
              <span aria-hidden>›</span>
              <Link href={`/organisations/${encodeURIComponent(p.code)}`} className="hover:underline">{p.name}</Link>
            </li>
          ))}
        </ol>
      </nav>
      <PageHeader
        title={organisation.name}
        eyebrow={
          <span className="flex flex-wrap items-center gap-2">
            <Badge tone="brand">{KIND_LABELS[kind].singular}</Badge>
            <Badge>{NATION_LABELS[organisation.nation as Nation]}</Badge>
            <StatusBadge status={organisation.status} closeDate={organisation.closeDate} />
            <span className="font-mono text-xs">{organisation.codeSystem === "atlas" ? `${organisation.code} (Atlas reference: no official code found)` : `${organisation.codeSystem.toUpperCase()} ${organisation.code}`}</span>
          </span>
        }
      >
        {organisation.otherNames.length > 0 && <p className="text-sm">Also known as: {organisation.otherNames.join(" · ")}</p>}
        <FormerCcg facts={facts} />
      </PageHeader>
      {actions}
      <SupportBodyFacts facts={facts} status={organisation.status} hasSuccessors={organisation.successors.length > 0} />

      {organisation.status === "closed" && (
        <div role="status" className="mb-6 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          <p className="font-medium">This body closed{organisation.closeDate ? ` on ${formatDate(organisation.closeDate)}` : ""}.</p>
          {buyer && buyer.steps.length > 1 && <SuccessionSteps steps={buyer.steps} />}
          {buyer && buyer.current.length > 0 ? (
            <p className="mt-1">
              Today its functions sit with:{" "}
              {buyer.current.map((c, i) => (
                <span key={c.code}>{i > 0 && ", "}<OrganisationLink organisation={c} /></span>
              ))}
            </p>
          ) : (
            <p className="mt-1">No successor is recorded in the data.</p>
          )}
        </div>
      )}

      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Key figures">
          <dl className="space-y-4 text-sm">
            <div>
              <dt className="text-slate-600">Population</dt>
              <dd className="text-lg font-semibold tabular-nums">
                {organisation.population !== null ? formatInteger(organisation.population) : <Missing>No population figure in the data</Missing>}
              </dd>
              {organisation.population !== null && <dd className="text-xs text-slate-500">Residents, {organisation.populationYear} · {organisation.populationSource}</dd>}
            </div>
            <div>
              <dt className="text-slate-600">Registered patients{patientsMonth ? ` (${patientsMonth})` : ""}</dt>
              <dd className="text-lg font-semibold tabular-nums">
                {organisation.registeredPatients !== null ? formatInteger(organisation.registeredPatients) : <Missing>No registered-patient figure in the data</Missing>}
              </dd>
              {organisation.registeredPatients !== null && <dd className="text-xs text-slate-500">Patients on the lists of its GP practices · {organisation.registeredPatientsSource}</dd>}
            </div>
            <div>
              <dt className="text-slate-600">Allocation{latestYear ? ` ${latestYear} (core, total)` : ""}</dt>
              <dd className="text-lg font-semibold tabular-nums">
                {coreTotal ? formatGbpThousands(Number(coreTotal.amountGbpThousands)) : <Missing>No allocation figure in the data</Missing>}
              </dd>
              {coreTotal && (
                <dd className="text-xs text-slate-500">
                  {coreTotal.structure === "42-icb" ? "Allocated to the 42-ICB structure of 2022-2026. " : ""}
                  {perHead.perResident ? `${formatGbp(perHead.perResident.gbp)} ${perHead.perResident.label}. ` : "No figure per resident: no population for this boundary in the data. "}
                  {perHead.perPatient ? `${formatGbp(perHead.perPatient.gbp)} ${perHead.perPatient.label}. ` : organisation.registeredPatients !== null ? "No figure per registered patient: the allocation was made to this ICB's area before its April 2026 boundary change. " : ""}
                  {coreTotal.source}
                </dd>
              )}
            </div>
            <div>
              <dt className="text-slate-600">Open / close dates</dt>
              <dd>
                {organisation.openDate ? `Opened ${formatDate(organisation.openDate)}` : <Missing>Opening date not in the data</Missing>}
                {organisation.closeDate && ` · closes ${formatDate(organisation.closeDate)}`}
              </dd>
            </div>
            {(organisation.address || organisation.postcode) && (
              <div>
                <dt className="text-slate-600">Address</dt>
                <dd>{[organisation.address, organisation.postcode].filter(Boolean).join(", ")}</dd>
              </div>
            )}
            {organisation.website && (
              <div>
                <dt className="text-slate-600">Website</dt>
                <dd><a className="text-brand-700 hover:underline" href={organisation.website} rel="noopener noreferrer">{organisation.website}</a></dd>
              </div>
            )}
          </dl>
        </Card>

        <Card title="Structure below">
          {below.length === 0 ? (
            <p className="text-sm text-slate-600">No bodies sit below this one in the data.</p>
          ) : (
            <dl className="grid grid-cols-2 gap-3 text-sm">
              {below.map((b) => (
                <div key={b.kind}>
                  <dt className="text-slate-600">{KIND_LABELS[b.kind].plural}</dt>
                  <dd className="text-lg font-semibold tabular-nums">{formatInteger(b.open)}{b.closed > 0 && <span className="ml-1 text-xs font-normal text-slate-500">+{b.closed} closed</span>}</dd>
                </div>
              ))}
            </dl>
          )}
        </Card>

        <Card title="Succession">
          <div className="space-y-3 text-sm">
            <div>
              <h3 className="font-medium text-slate-700">Took over from</h3>
              {organisation.predecessors.length === 0 ? <Missing>No predecessor recorded</Missing> : (
                <ul className="mt-1 space-y-1">{organisation.predecessors.map((p) => <li key={p.predecessor.code}><OrganisationLink organisation={p.predecessor} /> <span className="text-xs text-slate-500">{formatDate(p.effectiveDate)}</span></li>)}</ul>
              )}
            </div>
            <div>
              <h3 className="font-medium text-slate-700">Succeeded by</h3>
              {organisation.successors.length === 0 ? <Missing>No successor recorded</Missing> : (
                <ul className="mt-1 space-y-1">{organisation.successors.map((s) => <li key={s.successor.code}><OrganisationLink organisation={s.successor} />{s.note && <span className="block text-xs text-slate-500">{s.note}</span>}</li>)}</ul>
              )}
            </div>
            {buyer && buyer.currentCommissioners.length > 0 && !buyer.currentCommissioners.some((c) => c.code === organisation.code) && (
              <div>
                <h3 className="font-medium text-slate-700">Commissioner today</h3>
                <ul className="mt-1 space-y-1">{buyer.currentCommissioners.map((c) => <li key={c.code}><OrganisationLink organisation={c} /></li>)}</ul>
              </div>
            )}
          </div>
        </Card>
      </div>

      {latest.length > 0 && (
        <div className="mt-6">
          <Card title={`Allocations ${latestYear}`} description="£, as published by NHS England (stored in £ thousands).">
            <table className="w-full text-sm">
              <caption className="sr-only">Allocation lines for {latestYear}</caption>
              <tbody className="divide-y divide-slate-100">
                {latest.map((a) => (
                  <tr key={a.line}><th scope="row" className="py-2 text-left font-normal">{a.line.replace(/-/g, " ")}</th><td className="py-2 text-right tabular-nums">{formatGbpThousands(Number(a.amountGbpThousands))}</td></tr>
                ))}
              </tbody>
            </table>
          </Card>
        </div>
      )}

      <p className="mt-6 text-xs text-slate-500">Source: {organisation.source}. As of {formatDate(organisation.sourceAsOf)}.</p>
    </>
  );
}
