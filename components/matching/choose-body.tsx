"use client";

import { useId, useState, useTransition } from "react";
import { matchNamesAction } from "@/lib/matching/actions";
import type { Alternative, MatchResult } from "@/lib/matching/engine";
import { SHORT_KIND_LABELS } from "@/lib/organisations/vocabulary";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { percent } from "./rows";
import { useWithActiveTeam } from "@/components/ui/active-team";

/**
 * The analyst's answer for a row that waits: one of the candidates, another body found by
 * searching, or skip. A body chosen is matched again by its code, so its bodies of today come with it.
 */
export function ChooseBody({ row, result, onChoose }: { row: number; result: MatchResult; onChoose: (choice: MatchResult | "skip") => void }) {
  const withTeam = useWithActiveTeam();
  const id = useId();
  const [candidates, setCandidates] = useState<Alternative[]>(() => [...(result.matched ? [{ ...result.matched, confidence: result.confidence }] : []), ...result.alternatives]);
  const [query, setQuery] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function run(names: string[], then: (results: MatchResult[]) => void) {
    setError(null);
    startTransition(async () => {
      const answer = await withTeam(matchNamesAction)({ names });
      if (answer.ok) then(answer.data);
      else setError(answer.message);
    });
  }

  const choose = (code: string) => run([code], ([chosen]) => chosen?.matched && onChoose(chosen));
  const search = () =>
    run([query], ([found]) => {
      const hits = found?.matched ? [{ ...found.matched, confidence: found.confidence }, ...found.alternatives] : [];
      if (hits.length === 0) setError(`Nothing close to "${query}".`);
      else setCandidates(hits);
    });

  return (
    <fieldset className="space-y-2" aria-busy={pending}>
      <legend className="sr-only">Choose the body for row {row}</legend>
      {candidates.length > 0 && (
        <ul className="space-y-1">
          {candidates.map((c) => (
            <li key={c.code}>
              <Button size="xs" variant="secondary" disabled={pending} onClick={() => choose(c.code)} aria-label={`Choose ${c.name} (${c.code}) for row ${row}`}>
                {c.name} <span className="font-normal text-slate-500">· {c.code} · {SHORT_KIND_LABELS[c.kind]} · {percent(c.confidence)}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="flex flex-wrap items-center gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          if (query.trim()) search();
        }}
      >
        <label htmlFor={`${id}-q`} className="sr-only">Search for another body for row {row}</label>
        <Input id={`${id}-q`} size="xs" full={false} className="w-48" type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Another name or code" />
        <Button type="submit" size="xs" variant="secondary" disabled={pending || !query.trim()}>Search</Button>
        <Button size="xs" variant="link" disabled={pending} onClick={() => onChoose("skip")} aria-label={`Skip row ${row}`}>Skip</Button>
      </form>
      {error && <p role="alert" className="text-xs text-rose-700">{error}</p>}
    </fieldset>
  );
}
