"use client";
// On a list: the entries whose body closed, grouped by the bodies that took over, each with the
// action that moves it there (a choice for a split), and one "move all" for the mergers.
import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { moveAllEntriesAction, moveEntryAction } from "@/lib/target-lists/actions";
import type { MergerNotice } from "@/lib/target-lists/moves";
import { mergerHeadline } from "@/lib/target-lists/vocabulary";
import { plural } from "@/lib/format";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import { OrganisationLink } from "@/components/organisations/organisation-link";
import { useWithActiveTeam } from "@/components/ui/active-team";

type Outcome = { ok: boolean; text: string };
type Entry = MergerNotice["entries"][number];

function MoveEntry({ listId, entry, successors, onDone }: { listId: string; entry: Entry; successors: MergerNotice["successors"]; onDone: (o: Outcome) => void }) {
  const withTeam = useWithActiveTeam();
  const id = useId();
  const [to, setTo] = useState(successors.length === 1 ? successors[0]!.code : "");
  const [pending, start] = useTransition();
  const move = () =>
    start(async () => {
      const result = await withTeam(moveEntryAction)({ listId, entryId: entry.id, version: entry.version, to });
      onDone(result.ok ? { ok: true, text: result.data.message } : { ok: false, text: result.message });
    });
  return (
    <li className="flex flex-wrap items-center gap-2">
      <OrganisationLink organisation={{ ...entry, status: "closed" }} showStatus={false} />
      {successors.length > 1 && (
        <>
          <label htmlFor={`${id}-to`} className="sr-only">Move {entry.name} to</label>
          <Select id={`${id}-to`} size="xs" full={false} value={to} onChange={(e) => setTo(e.target.value)}>
            <option value="">Choose the successor…</option>
            {successors.map((s) => <option key={s.code} value={s.code}>{s.name}</option>)}
          </Select>
        </>
      )}
      <Button size="xs" variant="secondary" disabled={pending || !to} pending={pending} onClick={move} aria-label={`Move ${entry.name} to ${successors.find((s) => s.code === to)?.name ?? "the successor chosen"}`}>
        Move
      </Button>
    </li>
  );
}

/** The notices of one list; read-only (with the reason) when the user cannot change the list. */
export function MergerNotices({ listId, notices, canEdit, readOnlyReason }: { listId: string; notices: MergerNotice[]; canEdit: boolean; readOnlyReason?: string }) {
  const withTeam = useWithActiveTeam();
  const router = useRouter();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [pending, start] = useTransition();
  if (notices.length === 0) return null;
  const done = (o: Outcome) => {
    setOutcome(o);
    router.refresh();
  };
  const mergers = notices.filter((n) => n.successors.length === 1).flatMap((n) => n.entries);
  const moveAll = () =>
    start(async () => {
      const result = await withTeam(moveAllEntriesAction)({ listId, entries: mergers.map(({ id, version }) => ({ id, version })) });
      if (!result.ok) return done({ ok: false, text: result.message });
      const merged = result.data.filter((r) => r.outcome === "merged");
      done({ ok: true, text: `Moved ${plural(result.data.length, "entry", "entries")}.${merged.length ? ` ${merged.map((m) => m.message).join(" ")}` : ""}` });
    });

  return (
    <section aria-labelledby="mergers-heading" className="mb-6 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-950">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h2 id="mergers-heading" className="font-semibold">Bodies on this list have closed</h2>
        {canEdit && mergers.length > 1 && (
          <Button size="sm" disabled={pending} pending={pending} onClick={moveAll}>
            Move all {mergers.length} to their successors
          </Button>
        )}
      </div>
      <p className="mt-1 text-xs text-amber-900">
        Moving keeps the stage, owner, value, tags, priority and next step, and the entry&apos;s history says where it came from. Notes stay on the closed body and show on the successor&apos;s profile under “From predecessors”. If the successor is on the list already, its entry is kept and the other&apos;s fields go into its history.
      </p>
      <ul className="mt-3 space-y-3">
        {notices.map((notice) => (
          <li key={notice.successors.map((s) => s.code).join(",")}>
            <p className="font-medium">
              {mergerHeadline(notice.accounts, notice.successors)}
              {notice.successors.length > 1 && ": choose where each goes."}
            </p>
            <ul className="mt-1 space-y-1 pl-3">
              {notice.entries.map((entry) =>
                canEdit ? (
                  <MoveEntry key={entry.id} listId={listId} entry={entry} successors={notice.successors} onDone={done} />
                ) : (
                  <li key={entry.id}><OrganisationLink organisation={{ ...entry, status: "closed" }} showStatus={false} /></li>
                ),
              )}
            </ul>
          </li>
        ))}
      </ul>
      {!canEdit && readOnlyReason && <p className="mt-2 text-xs">{readOnlyReason}</p>}
      <div aria-live="polite">{outcome && <p role={outcome.ok ? "status" : "alert"} className={`mt-3 ${outcome.ok ? "text-emerald-900" : "text-rose-800"}`}>{outcome.text}</p>}</div>
    </section>
  );
}
