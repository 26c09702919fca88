"use client";
// "Add the buyer to a target list" in one click per notice: the list is chosen once above the
// table (a new one can be started there), then each row's button adds that notice's matched body.
import Link from "next/link";
import { createContext, useContext, useId, useState, useTransition, type ReactNode } from "react";
import { addToTargetListAction } from "@/lib/target-lists/actions";
import { Button } from "@/components/ui/button";
import { ListPicker, useListTarget, type ListOption, type ListTarget } from "@/components/target-lists/list-picker";
import { useWithActiveTeam } from "@/components/ui/active-team";

type Outcome = { ok: boolean; text: string; listId?: string; listName?: string };
const Context = createContext<{ target: ListTarget; add: (code: string, name: string) => void; pending: string | null } | null>(null);

/** The team's list to add buyers to, and the last outcome; `canWrite` false leaves the rows without buttons. */
export function BuyerListProvider({ lists, canWrite, children }: { lists: ListOption[]; canWrite: boolean; children: ReactNode }) {
  const withTeam = useWithActiveTeam();
  const id = useId();
  const target = useListTarget(lists);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const [, start] = useTransition();
  const add = (code: string, name: string) => {
    setPending(code);
    start(async () => {
      const chosen = await target.resolve();
      if (!chosen.ok) {
        setPending(null);
        return setOutcome({ ok: false, text: chosen.message });
      }
      const result = await withTeam(addToTargetListAction)({ listId: chosen.listId, codes: [code] });
      if (!result.ok) setOutcome({ ok: false, text: result.message });
      else setOutcome({ ok: true, listId: chosen.listId, listName: chosen.listName, text: result.data.added === 1 ? `Added ${name} to the list.` : `${name} is already on this list: nothing changed.` });
      if (target.creating) target.created(chosen.listId);
      setPending(null);
    });
  };
  if (!canWrite) return <>{children}</>;
  return (
    <Context.Provider value={{ target, add, pending }}>
      <div role="group" aria-label="Add buyers to a target list" className="flex flex-wrap items-center gap-2 text-sm">
        <ListPicker id={id} label="Add buyers to" target={target} lists={lists} size="sm" labelClassName="text-sm text-slate-700" />
        <div aria-live="polite" className="text-xs">
          {outcome && (
            <p role={outcome.ok ? "status" : "alert"} className={outcome.ok ? "text-emerald-800" : "text-rose-700"}>
              {outcome.text} {outcome.listId && <Link className="underline" href={`/lists/${outcome.listId}`}>Open {outcome.listName || "the list"}</Link>}
            </p>
          )}
        </div>
      </div>
      {children}
    </Context.Provider>
  );
}

/** One notice's button: adds its matched buyer to the chosen list; disabled, with the reason, when no body matched. */
export function AddBuyerButton({ buyer, buyerName }: { buyer: { code: string; name: string } | null; buyerName: string }) {
  const context = useContext(Context);
  const reasonId = useId();
  if (!context) return null;
  if (!buyer) {
    return (
      <span className="inline-flex flex-col items-start gap-0.5">
        <Button type="button" size="sm" variant="secondary" disabled aria-describedby={reasonId}>Add buyer<span className="sr-only"> {buyerName} to the list</span></Button>
        <span id={reasonId} className="text-[11px] leading-4 text-slate-600">Buyer not matched to a body</span>
      </span>
    );
  }
  const busy = context.pending === buyer.code;
  return (
    <Button type="button" size="sm" variant="secondary" disabled={!context.target.ready || context.pending !== null} pending={busy} onClick={() => context.add(buyer.code, buyer.name)}>
      {busy ? "Adding…" : "Add buyer"}<span className="sr-only"> {buyer.name} to the list</span>
    </Button>
  );
}
