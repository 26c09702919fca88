import { KIND_LABELS, NATION_LABELS, type Nation } from "@/lib/organisations/vocabulary";
import type { KindCount } from "@/lib/organisations/read";
import { formatInteger } from "@/lib/format";
import { Card } from "@/components/ui/card";

export function KindCountTable({ nation, counts, notes = {} }: { nation: Nation; counts: KindCount[]; notes?: Partial<Record<string, string>> }) {
  const total = counts.reduce((sum, c) => sum + c.open, 0);
  return (
    <Card title={NATION_LABELS[nation]} description={`${formatInteger(total)} open bodies`}>
      {counts.length === 0 ? (
        <p className="text-sm text-slate-600">No bodies of this nation are in the data yet.</p>
      ) : (
        <table className="w-full text-sm">
          <caption className="sr-only">Bodies in {NATION_LABELS[nation]} by kind</caption>
          <thead>
            <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
              <th scope="col" className="py-2 font-medium">Kind</th>
              <th scope="col" className="py-2 pl-3 text-right font-medium">Open</th>
              <th scope="col" className="py-2 pl-3 text-right font-medium">Closed</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {counts.map((c) => (
              <tr key={c.kind} data-kind={c.kind}>
                <th scope="row" className="py-2 pr-2 text-left font-normal text-slate-800">
                  {KIND_LABELS[c.kind].plural}
                  {notes[c.kind] && <span className="block text-xs text-slate-500">{notes[c.kind]}</span>}
                </th>
                <td className="py-2 text-right font-semibold tabular-nums" data-testid={`open-${nation}-${c.kind}`}>{formatInteger(c.open)}</td>
                <td className="py-2 text-right tabular-nums text-slate-500">{c.closed > 0 ? formatInteger(c.closed) : "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
