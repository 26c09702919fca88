import Link from "next/link";
import { KIND_LABELS, SHORT_KIND_LABELS, type OrganisationKind } from "@/lib/organisations/vocabulary";
import { Badge } from "@/components/ui/badge";

const profileHref = (code: string) => `/organisations/${encodeURIComponent(code)}`;

/**
 * A body in a table row: its name as a link to its profile, "Closed" when it is, and the bodies
 * that succeeded it. `standalone` is for a table with no column of codes: the code goes under the
 * name, and a closed body without a successor says so.
 */
export function OrganisationCell({
  organisation,
  successors,
  standalone = false,
}: {
  organisation: { code: string; name: string; status: string };
  successors: { code: string; name: string }[] | null;
  standalone?: boolean;
}) {
  const closed = organisation.status === "closed";
  return (
    <div>
      <span className="inline-flex flex-wrap items-center gap-x-2 gap-y-0.5">
        <Link href={profileHref(organisation.code)} className="rounded font-medium text-brand-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600">
          {organisation.name}
        </Link>
        {closed && <Badge tone="danger">Closed</Badge>}
      </span>
      {standalone && <span className="block font-mono text-[11px] leading-4 text-slate-600">{organisation.code}</span>}
      {closed &&
        (successors?.length ? (
          <ul className="mt-0.5 text-xs text-slate-600">
            {successors.map((s) => (
              <li key={s.code}>
                <span aria-hidden>→ </span>
                <span className="sr-only">Succeeded by </span>
                <Link href={profileHref(s.code)} className="text-brand-700 hover:underline">{s.name}</Link>
              </li>
            ))}
          </ul>
        ) : standalone ? (
          <p className="mt-0.5 text-xs text-slate-600">No successor recorded</p>
        ) : null)}
    </div>
  );
}

/** A kind of body by its short label, the full one as its tooltip. */
export function KindLabel({ kind }: { kind: string }) {
  const known = kind as OrganisationKind;
  return <span title={KIND_LABELS[known]?.singular}>{SHORT_KIND_LABELS[known] ?? kind}</span>;
}
