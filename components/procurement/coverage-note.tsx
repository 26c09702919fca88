// The line every procurement figure sits under: which sources, which dates, how many notices, and
// that the shipped data is a sample until a sync has run.
import { formatDate, formatInteger, plural } from "@/lib/format";
import type { ProcurementCoverage } from "@/lib/procurement/coverage";

export function CoverageNote({ coverage, spend = false }: { coverage: ProcurementCoverage; spend?: boolean }) {
  const total = coverage.notices.reduce((sum, source) => sum + source.notices, 0);
  return (
    <div role="note" aria-label="Coverage of the procurement data" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-xs text-amber-900">
      <p>
        <span className="font-semibold">Coverage: </span>
        {total === 0
          ? "no notices are loaded yet."
          : coverage.notices
              .map((source) => `${source.label}, ${plural(source.notices, "notice")}${source.from && source.to ? ` published ${formatDate(source.from)} to ${formatDate(source.to)}` : ""}`)
              .join("; ") + "."}{" "}
        {coverage.sampleOnly && <span className="font-semibold">{coverage.caveat}</span>}
      </p>
      {spend && (
        <p className="mt-1">
          <span className="font-semibold">Spend over £25k: </span>
          {coverage.spend.length === 0
            ? "no spend lines are loaded."
            : coverage.spend.map((payer) => `${payer.payerName}, ${formatInteger(payer.lines)} lines, ${formatDate(payer.from)} to ${formatDate(payer.to)}`).join("; ") +
              ". Only these payers publish here; other bodies' spend is not loaded."}
        </p>
      )}
    </div>
  );
}
