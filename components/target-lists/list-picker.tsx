"use client";
// Choosing the list to add bodies to, with "+ New list…" in place: the explorer's bulk add and a
// profile's "Add to list" both pick through this, so a team with no list yet can start one there.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { createTargetListAction } from "@/lib/target-lists/actions";
import { Input, Select, type ControlSize } from "@/components/ui/input";
import { useWithActiveTeam } from "@/components/ui/active-team";

export type ListOption = { value: string; label: string };

const NEW_LIST = "__new__";

export type ListTarget = ReturnType<typeof useListTarget>;

/** The chosen list, or the name of a new one; `resolve` creates the new list first when needed. */
export function useListTarget(lists: ListOption[]) {
  const withTeam = useWithActiveTeam();
  const router = useRouter();
  const [listId, setListId] = useState(lists[0]?.value ?? NEW_LIST);
  const [newName, setNewName] = useState("");
  const creating = listId === NEW_LIST || !lists.some((l) => l.value === listId);
  return {
    listId,
    setListId,
    newName,
    setNewName,
    creating,
    /** Ready to submit: a list chosen, or a name for the new one */
    ready: !creating || newName.trim() !== "",
    /** The list to add to: creates the new one (one step for the user), or an error message */
    async resolve(): Promise<{ ok: true; listId: string; listName: string } | { ok: false; message: string }> {
      if (!creating) return { ok: true, listId, listName: lists.find((l) => l.value === listId)?.label ?? "" };
      const created = await withTeam(createTargetListAction)({ name: newName });
      if (!created.ok) return { ok: false, message: created.fieldErrors?.name?.join(" ") ?? created.message };
      return { ok: true, listId: created.data.id, listName: newName.trim() };
    },
    /** After adding to a new list: it is now one of the team's lists, chosen */
    created(id: string) {
      setListId(id);
      setNewName("");
      router.refresh();
    },
  };
}

/** The select of the team's lists with "+ New list…", and the new list's name when that is chosen. */
export function ListPicker({ id, label, target, lists, size = "xs", labelClassName }: { id: string; label: string; target: ListTarget; lists: ListOption[]; size?: ControlSize; labelClassName?: string }) {
  return (
    <>
      <label htmlFor={`${id}-list`} className={labelClassName ?? "text-slate-700"}>{label}</label>
      <Select id={`${id}-list`} size={size} full={false} className="max-w-[14rem]" value={target.creating ? NEW_LIST : target.listId} onChange={(e) => target.setListId(e.target.value)}>
        {lists.map((l) => <option key={l.value} value={l.value}>{l.label}</option>)}
        <option value={NEW_LIST}>+ New list…</option>
      </Select>
      {target.creating && (
        <>
          <label htmlFor={`${id}-name`} className="sr-only">Name of the new list</label>
          <Input id={`${id}-name`} size={size} full={false} className="w-44" value={target.newName} onChange={(e) => target.setNewName(e.target.value)} required maxLength={120} placeholder="New list name" />
        </>
      )}
    </>
  );
}
