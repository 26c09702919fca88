// One notice: every field, its lots and suppliers, the timeline of its releases, the buyer as
// published beside the body it matched (and how), the source link, and the data's coverage.
import Link from "next/link";
import type { ReactNode } from "react";
import { formatDate, formatGbp } from "@/lib/format";
import type { ProcurementCoverage } from "@/lib/procurement/coverage";
import type { NoticeDetail } from "@/lib/procurement/notice-detail";
import { BUYER_MATCH_METHOD_LABELS, PROCUREMENT_SOURCE_LABELS } from "@/lib/procurement/vocabulary";
import { KIND_LABELS, type OrganisationKind } from "@/lib/organisations/vocabulary";
import { Card } from "@/components/ui/card";
import { CoverageNote } from "@/components/procurement/coverage-note";
import { NoticeStatusBadge, NoticeValue } from "./contracts-table";

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="py-2 sm:grid sm:grid-cols-[12rem_1fr] sm:gap-4">
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className="text-sm text-slate-900">{children}</dd>
    </div>
  );
}

const when = (value: string | null, time = false) => (value ? (time ? new Date(value).toLocaleString("en-GB", { timeZone: "Europe/London", dateStyle: "medium", timeStyle: "short" }) : formatDate(value)) : <span className="text-slate-600">Not given</span>);

function lotValue(value: NoticeDetail["lots"][number]["value"]) {
  const amount = typeof value === "number" ? value : value?.amount;
  return typeof amount === "number" ? formatGbp(amount) : "—";
}

export function NoticeDetailView({ notice, coverage }: { notice: NoticeDetail; coverage: ProcurementCoverage }) {
  const source = PROCUREMENT_SOURCE_LABELS[notice.source];
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm text-slate-600"><Link href="/contracts" className="text-brand-700 hover:underline">Contracts</Link> <span aria-hidden>›</span> Notice</p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight text-slate-900">{notice.title}</h1>
        <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <NoticeStatusBadge status={notice.status} /> {source} · published {formatDate(notice.publishedAt)} · <span className="font-mono text-xs">{notice.ocid}</span>
        </p>
      </div>
      <CoverageNote coverage={coverage} />

      <Card title="Buyer">
        <dl className="divide-y divide-slate-100">
          <Field label="As published">{notice.buyerName}{notice.buyerIdentifier && <span className="ml-2 font-mono text-xs text-slate-600">{notice.buyerIdentifier}</span>}</Field>
          <Field label="Matched body">
            {notice.buyer ? (
              <>
                <Link href={`/organisations/${notice.buyer.code}`} className="font-medium text-brand-700 hover:underline">{notice.buyer.name}</Link>{" "}
                <span className="text-slate-600">({notice.buyer.code}, {KIND_LABELS[notice.buyer.kind as OrganisationKind]?.singular ?? notice.buyer.kind})</span>
              </>
            ) : (
              <span className="text-slate-700">Not matched to a body: an operator can match this name by hand.</span>
            )}
          </Field>
          {notice.matchMethod && <Field label="Match">{BUYER_MATCH_METHOD_LABELS[notice.matchMethod]}{notice.matchedBy && `, by ${notice.matchedBy}`}</Field>}
        </dl>
      </Card>

      <Card title="The notice">
        <dl className="divide-y divide-slate-100">
          {notice.description && <Field label="Description"><p className="whitespace-pre-line">{notice.description}</p></Field>}
          <Field label="Value"><NoticeValue min={notice.value.min} max={notice.value.max} currency={notice.value.currency} /></Field>
          <Field label="Procedure">{notice.procedure ?? <span className="text-slate-600">Not given</span>}</Field>
          <Field label="CPV codes">{notice.cpvCodes.length ? <span className="font-mono text-xs">{notice.cpvCodes.join(", ")}</span> : <span className="text-slate-600">None published</span>}</Field>
          <Field label="Tender deadline">{when(notice.tenderDeadline, true)}</Field>
          <Field label="Award date">{when(notice.awardDate)}</Field>
          <Field label="Contract start">{when(notice.contractStart)}</Field>
          <Field label="Contract end">{when(notice.contractEnd)}</Field>
          <Field label="Last updated">{when(notice.updatedAt)}</Field>
          <Field label="Source">
            {notice.url ? <a href={notice.url} className="text-brand-700 underline" rel="noopener noreferrer">The notice on {source}</a> : source}
            {notice.origin === "reshaped" && <span className="block text-xs text-slate-600">From the shipped CSV sample, which has fewer fields than the official record.</span>}
          </Field>
        </dl>
      </Card>

      <Card title="Suppliers">
        {notice.suppliers.length ? (
          <ul className="list-disc space-y-1 pl-5 text-sm">{notice.suppliers.map((s, i) => <li key={i}>{s.name}{s.identifier && <span className="ml-2 font-mono text-xs text-slate-600">{s.identifier}</span>}</li>)}</ul>
        ) : (
          <p className="text-sm text-slate-600">No supplier is published for this notice.</p>
        )}
      </Card>

      {notice.lots.length > 0 && (
        <Card title="Lots">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Lots of this notice</caption>
            <thead><tr className="text-slate-600"><th scope="col" className="py-1 pr-3">Lot</th><th scope="col" className="py-1 pr-3">Title</th><th scope="col" className="py-1 pr-3">Status</th><th scope="col" className="py-1 text-right">Value</th></tr></thead>
            <tbody>{notice.lots.map((lot, i) => <tr key={lot.id ?? i} className="border-t border-slate-100"><td className="py-1 pr-3 font-mono text-xs">{lot.id ?? i + 1}</td><td className="py-1 pr-3">{lot.title ?? "—"}</td><td className="py-1 pr-3">{lot.status ?? "—"}</td><td className="py-1 text-right tabular-nums">{lotValue(lot.value)}</td></tr>)}</tbody>
          </table>
        </Card>
      )}

      <Card title="Releases">
        {notice.releases.length ? (
          <ol className="space-y-2 border-l border-slate-200 pl-4 text-sm">
            {notice.releases.map((r) => (
              <li key={r.id}>
                <span className="font-medium">{formatDate(r.date)}</span> · {r.tags.join(", ") || "release"} {r.id.startsWith("no-release-id@") ? (
                  <span className="text-xs text-slate-600">(the publisher gave this release no id)</span>
                ) : (
                  <span className="font-mono text-xs text-slate-600">{r.id}</span>
                )}
              </li>
            ))}
          </ol>
        ) : (
          <p className="text-sm text-slate-600">No OCDS release is stored: this notice comes from the reshaped CSV sample.</p>
        )}
      </Card>
    </div>
  );
}
