"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { addToTargetListAction } from "@/lib/target-lists/actions";

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
          <select id="add-to-list" value={listId} onChange={(e) => setListId(e.target.value)} className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm">
            {lists.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
          </select>
        </div>
        <button
          type="button"
          disabled={pending || !listId}
          onClick={() =>
            start(async () => {
              const result = await addToTargetListAction({ listId, codes: [code] });
              if (!result.ok) setMessage({ ok: false, text: result.message });
              else setMessage({ ok: true, listId, text: result.data.added === 1 ? "Added to the list." : "Already on this list: nothing changed." });
            })
          }
          className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {pending ? "Adding…" : "Add"}
        </button>
      </div>
      {message && (
        <p role={message.ok ? "status" : "alert"} className={`text-xs ${message.ok ? "text-emerald-800" : "text-rose-700"}`}>
          {message.text} {message.listId && <Link className="underline" href={`/lists/${message.listId}`}>Open the list</Link>}
        </p>
      )}
    </div>
  );
}
