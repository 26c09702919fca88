import { KIND_LABELS, SUCCESSION_REASON_LABELS, type SuccessionReason } from "@/lib/organisations/vocabulary";
import type { ClosedBody } from "@/lib/organisations/read";
import { formatDate } from "@/lib/format";
import { OrganisationLink } from "./organisation-link";

const reasonLabel = (reason: string) => SUCCESSION_REASON_LABELS[reason as SuccessionReason] ?? "Succeeded by";

/** Today's bodies, under one label, or by reason when they differ (Frimley: split, and part to an ICB that continued). */
function Successors({ body }: { body: ClosedBody }) {
  if (body.successors.length === 0) return <span className="text-slate-500">No successor is recorded in the data</span>;
  const reasons = [...new Set(body.successors.map((s) => s.reason))];
  return (
    <div className="space-y-2">
      {reasons.map((reason) => (
        <div key={reason}>
          <span className="text-xs text-slate-500">{reasonLabel(reason)}</span>
          <ul className="mt-1 space-y-1">
            {body.successors.filter((s) => s.reason === reason).map((s) => (
              <li key={s.code}>
                <OrganisationLink organisation={s} />
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}

export function ClosedBodiesTable({ bodies, caption }: { bodies: ClosedBody[]; caption: string }) {
  if (bodies.length === 0) return <p className="text-sm text-slate-600">No closed bodies in the data.</p>;
  return (
    <>
      {/* Narrow screens: one block per body instead of a table that would need sideways scrolling */}
      <ul className="divide-y divide-slate-100 text-sm md:hidden" aria-label={caption}>
        {bodies.map((body) => (
          <li key={body.code} className="py-3">
            <OrganisationLink organisation={body} showStatus={false} />
            <div className="text-xs text-slate-500">
              {KIND_LABELS[body.kind].singular} · closed {body.closeDate ? formatDate(body.closeDate) : "(date not in the data)"}
            </div>
            <div className="mt-2 border-l-2 border-slate-200 pl-3"><Successors body={body} /></div>
          </li>
        ))}
      </ul>
      <table className="hidden w-full text-sm md:table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
            <th scope="col" className="py-2 pr-4 font-medium">Closed body</th>
            <th scope="col" className="py-2 pr-4 font-medium">Closed on</th>
            <th scope="col" className="py-2 font-medium">Today&apos;s body</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {bodies.map((body) => (
            <tr key={body.code} data-closed-code={body.code}>
              <td className="py-3 pr-4">
                <OrganisationLink organisation={body} showStatus={false} />
                <div className="text-xs text-slate-500">{KIND_LABELS[body.kind].singular}</div>
              </td>
              <td className="py-3 pr-4 whitespace-nowrap tabular-nums">{body.closeDate ? formatDate(body.closeDate) : "Date not in the data"}</td>
              <td className="py-3">
                <Successors body={body} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
