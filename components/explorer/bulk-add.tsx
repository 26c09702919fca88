"use client";

import { useId, useState, useTransition } from "react";
import Link from "next/link";
import { addToTargetListAction } from "@/lib/target-lists/actions";
import { formatInteger, plural } from "@/lib/format";
import type { Option } from "./explorer-filters";
import { MAX_BULK_ADD } from "@/lib/target-lists/vocabulary";
import { Button } from "@/components/ui/button";
import { ListPicker, useListTarget } from "@/components/target-lists/list-picker";
import { useWithActiveTeam } from "@/components/ui/active-team";

type Outcome = { ok: true; listId: string; listName: string; added: number; alreadyOnList: number } | { ok: false; message: string };


/** "Add to target list": the selected codes, or every body matching the filter. */
export function BulkAddToList({ lists, codes, filter, count }: { lists: Option[]; codes: string[]; filter: string | null; count: number }) {
  const withTeam = useWithActiveTeam();
  const id = useId();
  const target = useListTarget(lists);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [pending, startTransition] = useTransition();
  const tooMany = count > MAX_BULK_ADD;

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setOutcome(null);
    startTransition(async () => {
      const chosen = await target.resolve();
      if (!chosen.ok) return setOutcome(chosen);
      const result = await withTeam(addToTargetListAction)(filter !== null ? { listId: chosen.listId, filter } : { listId: chosen.listId, codes });
      if (!result.ok) {
        setOutcome({ ok: false, message: result.message });
      } else {
        setOutcome({ ok: true, listId: chosen.listId, listName: chosen.listName, added: result.data.added, alreadyOnList: result.data.alreadyOnList });
      }
      if (target.creating) target.created(chosen.listId);
    });
  }

  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
      <form onSubmit={submit} className="flex flex-wrap items-center gap-2">
        <ListPicker id={id} label="Add to" target={target} lists={lists} />
        <Button type="submit" size="sm" disabled={pending || tooMany || !target.ready} pending={pending}>
          Add {formatInteger(count)} to list
        </Button>
      </form>
      <div aria-live="polite" className="text-sm">
        {tooMany && <p className="text-rose-700">At most {formatInteger(MAX_BULK_ADD)} at once: narrow the filters first.</p>}
        {outcome?.ok === true && (
          <p className="text-emerald-800">
            Added {formatInteger(outcome.added)}
            {outcome.alreadyOnList > 0 && `; ${plural(outcome.alreadyOnList, "was", "were")} already on the list`}
            {" · "}
            <Link href={`/lists/${outcome.listId}`} className="font-medium underline underline-offset-2">
              Open {outcome.listName || "the list"}
            </Link>
          </p>
        )}
        {outcome?.ok === false && <p role="alert" className="text-rose-700">{outcome.message}</p>}
      </div>
    </div>
  );
}
