"use client";
// The cells of a list's entries table that need more than their row: the stage and owner selects
// that save in place, and the dates read against today.
import { createContext, useContext, useId, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { updateEntryAction } from "@/lib/target-lists/actions";
import type { ListEntryJson } from "@/lib/target-lists/entries";
import { CLOSED_STAGES, STAGE_LABELS, type Stage } from "@/lib/target-lists/vocabulary";
import { formatDate } from "@/lib/format";
import { Blank } from "@/components/data-table/blank";
import { InlineSelect } from "./inline-select";
import { STAGE_OPTIONS, StageBadge } from "./stage";
import { useWithActiveTeam } from "@/components/ui/active-team";

export type Member = { id: string; name: string };
export type Notice = { tone: "success" | "error"; text: string };
type Row = ListEntryJson;

/**
 * What the cells need besides their row. It reaches them through context, not through the column
 * definitions: those stay the same object for the table's life, so a re-render after a save never
 * remounts a cell (which would drop the keyboard focus from the select just used).
 */
export type CellEnv = { listId: string; canEdit: boolean; members: Member[]; today: string; report: (notice: Notice) => void };
export const CellContext = createContext<CellEnv | null>(null);
function useCellEnv(): CellEnv {
  const env = useContext(CellContext);
  if (!env) throw new Error("Entries table cells need the EntriesTable around them");
  return env;
}

const dayMonth = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

/** The stage: a select that saves at once for analysts ("Lost" first asks why), a badge for viewers. */
export function StageCell({ row }: { row: Row }) {
  const withTeam = useWithActiveTeam();
  const { listId, canEdit, report } = useCellEnv();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [askingReason, setAskingReason] = useState(false);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);
  // Remounts the select (back to the saved stage, keeping focus) when "Lost" is abandoned
  const [resetKey, setResetKey] = useState(0);
  const selectRef = useRef<HTMLSelectElement>(null);
  const reasonId = useId();
  const name = row.organisation.name;
  const lostNote = row.stage === "lost" && row.lost_reason ? (
    <p id={`${reasonId}-current`} className="mt-0.5 max-w-[9rem] truncate text-[11px] leading-4 text-slate-600" title={row.lost_reason}>
      Lost: {row.lost_reason}
    </p>
  ) : null;

  if (!canEdit) {
    return (
      <div>
        <StageBadge stage={row.stage} />
        {lostNote}
      </div>
    );
  }

  const save = (stage: Stage, lostReason?: string) =>
    new Promise<boolean>((resolve) =>
      start(async () => {
        const result = await withTeam(updateEntryAction)({ listId, entryId: row.id, version: row.version, stage, ...(lostReason ? { lostReason } : {}) });
        if (result.ok) {
          report({ tone: "success", text: `${name} moved to ${STAGE_LABELS[stage]}.` });
          resolve(true);
        } else {
          report({ tone: "error", text: result.message });
          // A stale version: show the current values the message names
          if (result.code === "conflict") router.refresh();
          resolve(false);
        }
      }),
    );

  const cancelLost = () => {
    setAskingReason(false);
    setReason("");
    setReasonError(null);
    setResetKey((k) => k + 1);
  };

  return (
    <InlineSelect
      key={resetKey}
      selectRef={selectRef}
      autoFocus={resetKey > 0}
      label={`Stage of ${name}`}
      value={row.stage}
      options={STAGE_OPTIONS}
      pending={pending}
      describedBy={lostNote ? `${reasonId}-current` : undefined}
      onCommit={(next) => {
        if (next === "lost") {
          setAskingReason(true);
          return;
        }
        setAskingReason(false);
        return save(next as Stage);
      }}
    >
      {askingReason ? (
        <form
          className="mt-1 w-52 space-y-1 rounded-md border border-rose-200 bg-rose-50 p-2"
          onSubmit={(event) => {
            event.preventDefault();
            if (!reason.trim()) {
              setReasonError("Say why it was lost.");
              return;
            }
            void save("lost", reason.trim()).then((ok) => {
              if (ok) {
                // The form goes away: focus goes back to the stage it set
                setAskingReason(false);
                selectRef.current?.focus();
              } else cancelLost();
            });
          }}
          onKeyDown={(event) => {
            if (event.key === "Escape") {
              event.preventDefault();
              cancelLost();
            }
          }}
        >
          <label htmlFor={reasonId} className="block text-xs font-medium text-rose-900">
            Why was it lost?<span className="sr-only"> ({name})</span>
          </label>
          <input
            id={reasonId}
            autoFocus
            maxLength={500}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              setReasonError(null);
            }}
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={reasonError ? `${reasonId}-error` : undefined}
            className="block w-full rounded border border-rose-300 bg-white px-2 py-1 text-xs focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30"
            placeholder="e.g. went with the incumbent"
          />
          {reasonError && <p id={`${reasonId}-error`} className="text-xs text-rose-800">{reasonError}</p>}
          <div className="flex gap-2">
            <button type="submit" disabled={pending} className="rounded bg-rose-700 px-2 py-0.5 text-xs font-medium text-white hover:bg-rose-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-rose-700 disabled:opacity-60">
              {pending ? "Saving…" : "Mark lost"}
            </button>
            <button type="button" onClick={cancelLost} className="rounded px-2 py-0.5 text-xs font-medium text-rose-900 underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-rose-700">
              Cancel
            </button>
          </div>
        </form>
      ) : (
        lostNote
      )}
    </InlineSelect>
  );
}

/** The owner: a select of the team's members (or unassigned) for analysts, a name for viewers. */
export function OwnerCell({ row }: { row: Row }) {
  const withTeam = useWithActiveTeam();
  const { listId, canEdit, members, report } = useCellEnv();
  const router = useRouter();
  const [pending, start] = useTransition();
  if (!canEdit) return row.owner ? <span>{row.owner.name}</span> : <span className="text-slate-600">Unassigned</span>;
  const options = [{ value: "", label: "Unassigned" }, ...members.map((m) => ({ value: m.id, label: m.name }))];
  // An owner who has since left the team still shows, so the select never claims "Unassigned"
  if (row.owner && !members.some((m) => m.id === row.owner!.id)) options.push({ value: row.owner.id, label: `${row.owner.name} (left the team)` });
  const name = row.organisation.name;
  return (
    <InlineSelect
      label={`Owner of ${name}`}
      value={row.owner?.id ?? ""}
      options={options}
      pending={pending}
      onCommit={(next) =>
        new Promise<boolean>((resolve) =>
          start(async () => {
            const result = await withTeam(updateEntryAction)({ listId, entryId: row.id, version: row.version, ownerId: next || null });
            if (result.ok) {
              const owner = members.find((m) => m.id === next)?.name;
              report({ tone: "success", text: owner ? `${name} is now owned by ${owner}.` : `${name} is now unassigned.` });
              resolve(true);
            } else {
              report({ tone: "error", text: result.message });
              if (result.code === "conflict") router.refresh();
              resolve(false);
            }
          }),
        )
      }
    />
  );
}

export function NextStepCell({ row }: { row: Row }) {
  const { today } = useCellEnv();
  const { next_step: step, next_step_date: date, stage } = row;
  if (!step && !date) return <Blank label="No next step" />;
  const overdue = Boolean(date && date < today && !CLOSED_STAGES.includes(stage as Stage));
  return (
    <div>
      {step && <span className="line-clamp-2" title={step}>{step}</span>}
      {date && (
        <span className={`block text-[11px] leading-4 ${overdue ? "font-semibold text-rose-700" : "text-slate-600"}`}>
          {overdue && <span className="mr-1 rounded bg-rose-100 px-1 py-px text-[10px] uppercase tracking-wide">Overdue</span>}
          {overdue ? "was due " : "by "}
          <time dateTime={date}>{formatDate(date)}</time>
        </span>
      )}
    </div>
  );
}

export function UpdatedCell({ iso }: { iso: string }) {
  const { today } = useCellEnv();
  const full = formatDate(iso);
  // This year's dates without the year, to keep the column narrow
  return <time dateTime={iso} title={full}>{iso.slice(0, 4) === today.slice(0, 4) ? dayMonth.format(new Date(iso)) : full}</time>;
}
