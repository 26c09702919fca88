"use client";

import { useId, useState, useTransition } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { addToTargetListAction, createTargetListAction } from "@/lib/target-lists/actions";
import { formatInteger, plural } from "@/lib/format";
import type { Option } from "./explorer-filters";
import { MAX_BULK_ADD } from "@/lib/target-lists/vocabulary";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";

const NEW_LIST = "__new__";

type Outcome = { ok: true; listId: string; listName: string; added: number; alreadyOnList: number } | { ok: false; message: string };


/** "Add to target list": the selected codes, or every body matching the filter. */
export function BulkAddToList({ lists, codes, filter, count }: { lists: Option[]; codes: string[]; filter: string | null; count: number }) {
  const router = useRouter();
  const id = useId();
  const [listId, setListId] = useState(lists[0]?.value ?? NEW_LIST);
  const [newName, setNewName] = useState("");
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [pending, startTransition] = useTransition();
  const creating = listId === NEW_LIST || !lists.some((l) => l.value === listId);
  const tooMany = count > MAX_BULK_ADD;

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setOutcome(null);
    startTransition(async () => {
      let targetId = listId;
      let targetName = lists.find((l) => l.value === listId)?.label ?? "";
      if (creating) {
        const created = await createTargetListAction({ name: newName });
        if (!created.ok) {
          setOutcome({ ok: false, message: created.fieldErrors?.name?.join(" ") ?? created.message });
          return;
        }
        targetId = created.data.id;
        targetName = newName.trim();
      }
      const result = await addToTargetListAction(filter !== null ? { listId: targetId, filter } : { listId: targetId, codes });
      if (!result.ok) {
        setOutcome({ ok: false, message: result.message });
      } else {
        setOutcome({ ok: true, listId: targetId, listName: targetName, added: result.data.added, alreadyOnList: result.data.alreadyOnList });
      }
      if (creating) {
        setListId(targetId);
        setNewName("");
        router.refresh();
      }
    });
  }

  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
      <form onSubmit={submit} className="flex flex-wrap items-center gap-2">
        <label htmlFor={`${id}-list`} className="text-slate-700">Add to</label>
        <Select
          id={`${id}-list`}
          size="xs"
          full={false}
          className="max-w-[14rem]"
          value={creating ? NEW_LIST : listId}
          onChange={(e) => setListId(e.target.value)}
        >
          {lists.map((l) => <option key={l.value} value={l.value}>{l.label}</option>)}
          <option value={NEW_LIST}>+ New list…</option>
        </Select>
        {creating && (
          <>
            <label htmlFor={`${id}-name`} className="sr-only">Name of the new list</label>
            <Input
              id={`${id}-name`}
              size="xs"
              full={false}
              className="w-44"
              value={newName}
              onChange={(e) => setNewName(e.target.value)}
              required
              maxLength={120}
              placeholder="New list name"
            />
          </>
        )}
        <Button type="submit" size="sm" disabled={pending || tooMany || (creating && !newName.trim())} pending={pending}>
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
