"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { addToTargetListAction } from "@/lib/target-lists/actions";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";

/** Adds one body to one of the team's lists, from its profile; says so when it was already there. */
export function AddToList({ code, lists }: { code: string; lists: { id: string; name: string }[] }) {
  const [listId, setListId] = useState(lists[0]?.id ?? "");
  const [message, setMessage] = useState<{ ok: boolean; text: string; listId?: string } | null>(null);
  const [pending, start] = useTransition();
  if (lists.length === 0) {
    return <p className="text-sm text-slate-600"><Link href="/lists" className="text-brand-700 underline">Create a target list</Link> to add this body to it.</p>;
  }
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="add-to-list" className="block text-xs text-slate-600">Add to list</label>
          <Select id="add-to-list" size="sm" full={false} className="mt-1" value={listId} onChange={(e) => setListId(e.target.value)}>
            {lists.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
          </Select>
        </div>
        <Button
          size="sm"
          disabled={pending || !listId}
          onClick={() =>
            start(async () => {
              const result = await addToTargetListAction({ listId, codes: [code] });
              if (!result.ok) setMessage({ ok: false, text: result.message });
              else setMessage({ ok: true, listId, text: result.data.added === 1 ? "Added to the list." : "Already on this list: nothing changed." });
            })
          }
        >
          {pending ? "Adding…" : "Add"}
        </Button>
      </div>
      {message && (
        <p role={message.ok ? "status" : "alert"} className={`text-xs ${message.ok ? "text-emerald-800" : "text-rose-700"}`}>
          {message.text} {message.listId && <Link className="underline" href={`/lists/${message.listId}`}>Open the list</Link>}
        </p>
      )}
    </div>
  );
}
