import Link from "next/link";
import { KIND_LABELS, SUPPORT_BODY_KINDS } from "@/lib/organisations/vocabulary";
import type { SupportBody } from "@/lib/organisations/read";
import { formatInteger } from "@/lib/format";
import { Card } from "@/components/ui/card";
import { StatusBadge } from "./status-badge";

const KIND_NOTES: Partial<Record<(typeof SUPPORT_BODY_KINDS)[number], string>> = {
  csu: "ODS codes from an NHS Digital seed list of CSUs, with no dates. NHS England is closing the CSUs; the four taken to remain have no closure date.",
  "health-innovation-network": "Formerly Academic Health Science Networks (AHSNs), relaunched in October 2023: the innovators' route into the NHS.",
};

/** The bodies around the commissioners, one table per kind; a status or code no source gives is shown as not published. */
export function SupportBodiesSection({ bodies }: { bodies: SupportBody[] }) {
  return (
    <Card
      title="National and support bodies"
      description="Commissioning support units, national buyers, DHSC arm's-length bodies and the Health Innovation Networks, each from a named public source (NATIONAL_BODIES.md). Where no source gives a code or a status, the atlas says so."
    >
      {bodies.length === 0 ? (
        <p className="text-sm text-slate-600">No national or support bodies are in the data.</p>
      ) : (
        <div className="grid gap-6 lg:grid-cols-2">
          {SUPPORT_BODY_KINDS.map((kind) => {
            const ofKind = bodies.filter((b) => b.kind === kind);
            if (ofKind.length === 0) return null;
            const unknown = ofKind.filter((b) => b.status === "unknown").length;
            return (
              <section key={kind} data-support-kind={kind} aria-labelledby={`support-${kind}`}>
                <h3 id={`support-${kind}`} className="text-sm font-semibold text-slate-900">
                  {KIND_LABELS[kind].plural} <span className="font-normal text-slate-500">({formatInteger(ofKind.length)}{unknown > 0 ? `, ${unknown} with no published status` : ""})</span>
                </h3>
                {KIND_NOTES[kind] && <p className="mt-1 text-xs text-slate-500">{KIND_NOTES[kind]}</p>}
                <ul className="mt-2 divide-y divide-slate-100 text-sm" aria-label={`${KIND_LABELS[kind].plural}: code and status`}>
                  {ofKind.map((body) => (
                    <li key={body.code} data-support-code={body.code} className="flex flex-wrap items-center justify-between gap-2 py-1.5">
                      <Link href={`/organisations/${encodeURIComponent(body.code)}`} className="text-brand-700 hover:underline">{body.name}</Link>
                      <span className="flex items-center gap-2">
                        <span className="font-mono text-xs text-slate-600">
                          {body.codeSystem === "atlas" ? <span title="No official code found: an Atlas reference">code not published</span> : body.code}
                        </span>
                        <StatusBadge status={body.status} closeDate={body.closeDate} />
                      </span>
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
        </div>
      )}
    </Card>
  );
}
