"use client";

import Link from "next/link";
import { useId, useState, useTransition } from "react";
import { addToTargetListAction } from "@/lib/target-lists/actions";
import { Button } from "@/components/ui/button";
import { ListPicker, useListTarget, type ListOption } from "./list-picker";
import { useWithActiveTeam } from "@/components/ui/active-team";

/** Adds one body to one of the team's lists, or to a new one made in place, from its profile; says so when it was already there. */
export function AddToList({ code, lists }: { code: string; lists: ListOption[] }) {
  const withTeam = useWithActiveTeam();
  const id = useId();
  const target = useListTarget(lists);
  const [message, setMessage] = useState<{ ok: boolean; text: string; listId?: string; listName?: string } | null>(null);
  const [pending, start] = useTransition();
  const add = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    start(async () => {
      const chosen = await target.resolve();
      if (!chosen.ok) return setMessage({ ok: false, text: chosen.message });
      const result = await withTeam(addToTargetListAction)({ listId: chosen.listId, codes: [code] });
      if (!result.ok) setMessage({ ok: false, text: result.message });
      else setMessage({ ok: true, listId: chosen.listId, listName: chosen.listName, text: result.data.added === 1 ? "Added to the list." : "Already on this list: nothing changed." });
      if (target.creating) target.created(chosen.listId);
    });
  };
  return (
    <div className="space-y-1">
      <form onSubmit={add} className="flex flex-wrap items-center gap-2 text-sm">
        <ListPicker id={id} label="Add to list" target={target} lists={lists} size="sm" labelClassName="text-sm font-medium text-slate-700" />
        <Button type="submit" size="sm" disabled={pending || !target.ready} pending={pending}>
          {pending ? "Adding…" : "Add"}
        </Button>
      </form>
      {message && (
        <p role={message.ok ? "status" : "alert"} className={`text-xs ${message.ok ? "text-emerald-800" : "text-rose-700"}`}>
          {message.text} {message.listId && <Link className="underline" href={`/lists/${message.listId}`}>Open {message.listName || "the list"}</Link>}
        </p>
      )}
    </div>
  );
}
