"use client";

import { useId, useState, useTransition } from "react";
import { bulkStageAction } from "@/lib/target-lists/actions";
import { STAGE_LABELS, type Stage } from "@/lib/target-lists/vocabulary";
import { formatInteger } from "@/lib/format";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { inlineSelectClass } from "./inline-select";
import type { Notice } from "./entry-cells";
import { STAGE_OPTIONS } from "./stage";
import { useWithActiveTeam } from "@/components/ui/active-team";

export type BulkRequest = { entryIds: string[]; versions?: number[] } | { filter: Record<string, string>; expectedCount: number };

/** "Change stage of N selected": one transaction on the server, all of them or none. */
export function BulkStageChange({ listId, count, request, onDone }: { listId: string; count: number; request: () => BulkRequest; onDone: (notice: Notice, conflict: boolean) => void }) {
  const withTeam = useWithActiveTeam();
  const id = useId();
  const [stage, setStage] = useState<Stage | "">("");
  const [reason, setReason] = useState("");
  const [pending, start] = useTransition();
  const apply = () =>
    start(async () => {
      if (!stage) return;
      const result = await withTeam(bulkStageAction)({ listId, stage, ...(stage === "lost" ? { lostReason: reason.trim() } : {}), ...request() });
      if (result.ok) {
        onDone({ tone: "success", text: `Moved ${formatInteger(result.data.updated)} ${result.data.updated === 1 ? "body" : "bodies"} to ${STAGE_LABELS[stage]}.` }, false);
        setStage("");
        setReason("");
      } else {
        onDone({ tone: "error", text: result.message }, result.code === "conflict" || result.code === "not-found");
      }
    });
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        apply();
      }}
    >
      <div>
        <label htmlFor={`${id}-stage`} className="block text-xs font-medium text-brand-900">Change stage to</label>
        <select id={`${id}-stage`} required className={`${inlineSelectClass} mt-0.5`} value={stage} onChange={(e) => setStage(e.target.value as Stage | "")}>
          <option value="">Choose a stage…</option>
          {STAGE_OPTIONS.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      </div>
      {stage === "lost" && (
        <div>
          <label htmlFor={`${id}-reason`} className="block text-xs font-medium text-brand-900">Why were they lost?</label>
          <Input id={`${id}-reason`} required maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} size="compact" full={false} className="mt-0.5 block w-56" />
        </div>
      )}
      <Button type="submit" size="sm" disabled={pending || !stage || (stage === "lost" && !reason.trim())} pending={pending}>
        Change stage of {formatInteger(count)}
      </Button>
    </form>
  );
}
