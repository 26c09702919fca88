import type { ProfileFacts } from "@/lib/organisations/details";
import { dayAfter } from "@/lib/organisations/details";
import type { SuccessionStep } from "@/lib/organisations/succession";
import { formatDate } from "@/lib/format";
import { OrganisationLink } from "./organisation-link";

const REASON_VERBS: Record<SuccessionStep["reason"], string> = {
  merger: "merged into",
  split: "split, in part to",
  replacement: "replaced by",
  "boundary-change": "boundary moved to",
};

/** The CCG a sub-ICB location's code was, dated and sourced: "Until 30 June 2022: NHS Halton CCG, a clinical commissioning group". */
export function FormerCcg({ facts }: { facts: ProfileFacts }) {
  if (!facts.ccg) return null;
  const { name, openDate, until, source } = facts.ccg;
  return (
    <p className="text-sm" data-former-ccg>
      Until {formatDate(until)}: {name}, a clinical commissioning group (from {formatDate(openDate)}). Its commissioning passed to the
      integrated care boards on {formatDate(dayAfter(until))}, and this code carried on as a sub-ICB location.{" "}
      <span className="text-xs text-slate-500">Source: {source}.</span>
    </p>
  );
}

/** A closed body's way to today's bodies, one succession a line, oldest first. */
export function SuccessionSteps({ steps }: { steps: SuccessionStep[] }) {
  return (
    <ol className="mt-1 space-y-0.5" aria-label="Successions to today's bodies">
      {steps.map((step) => (
        <li key={`${step.from}-${step.to.code}`}>
          {formatDate(step.effectiveDate)}: <span className="font-mono text-xs">{step.from}</span> {REASON_VERBS[step.reason]} <OrganisationLink organisation={step.to} />
        </li>
      ))}
    </ol>
  );
}

/** What the national and support bodies' file says beyond its columns: an unpublished status, a successor it could not link, the area covered. */
export function SupportBodyFacts({ facts, status, hasSuccessors }: { facts: ProfileFacts; status: string; hasSuccessors: boolean }) {
  const lines = [
    status === "unknown" ? `Status not published: ${facts.statusNote ?? "no source gives this body's status"}.` : facts.statusNote,
    facts.successor && !hasSuccessors ? `Successor, as the source gives it: ${facts.successor}` : null,
    facts.covers ? `Covers: ${facts.covers}` : null,
  ].filter((line): line is string => Boolean(line));
  if (lines.length === 0) return null;
  return (
    <div role="note" className="mb-6 rounded-lg border border-slate-200 bg-slate-50 px-4 py-3 text-sm text-slate-700">
      {lines.map((line) => <p key={line}>{line}</p>)}
    </div>
  );
}
