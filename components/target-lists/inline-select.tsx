"use client";

import { useId, useRef, useState, type ReactNode, type Ref } from "react";
import { controlClass } from "@/components/ui/input";

/** A select sized for a dense table: room for its arrow, a darker border on hover, dimmed while it saves */
export const inlineSelectClass = controlClass({ size: "compact", className: "min-w-[7.5rem] pr-7 hover:border-slate-400 aria-busy:cursor-wait aria-busy:opacity-60" });

/** Keys that move through a closed <select>'s options: the browser fires "change" for each one. */
const BROWSING_KEYS = new Set(["ArrowUp", "ArrowDown", "Home", "End", "PageUp", "PageDown"]);

/**
 * A <select> in a table cell that saves on its own. Picked with the mouse (or from the open list),
 * a value is saved at once; browsed with the arrow keys on the closed control, it is saved on
 * Enter or when focus leaves, so passing through the options does not save each of them. Escape
 * goes back to the saved value. A refused save shows the saved value again.
 */
export function InlineSelect({
  label,
  value,
  options,
  onCommit,
  pending,
  describedBy,
  selectRef,
  autoFocus,
  children,
}: {
  /** The accessible name, e.g. "Stage of NHS Leeds" */
  label: string;
  /** The saved value */
  value: string;
  options: { value: string; label: string }[];
  /** Saves a new value; the cell shows it at once and goes back to `value` if this returns false */
  onCommit: (value: string) => void | Promise<boolean | void>;
  pending: boolean;
  describedBy?: string;
  selectRef?: Ref<HTMLSelectElement>;
  autoFocus?: boolean;
  children?: ReactNode;
}) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  // The value sent to be saved, until the page shows it: a blur after a mouse pick must not send it again
  const [sent, setSent] = useState<string | null>(null);
  if (seen !== value) {
    // The saved value changed (the page re-rendered after a save): show it
    setSeen(value);
    setDraft(value);
    setSent(null);
  }
  // The ref decides in the event handlers; the state shows the hint
  const browsingRef = useRef(false);
  const [browsing, setBrowsing] = useState(false);
  const dirty = draft !== value && draft !== sent;

  const setBrowsingTo = (on: boolean) => {
    browsingRef.current = on;
    setBrowsing(on);
  };
  const commit = async (next: string) => {
    setBrowsingTo(false);
    if (next === value || next === sent) return;
    setSent(next);
    const ok = await onCommit(next);
    if (ok === false) {
      setDraft(value);
      setSent(null);
    }
  };

  return (
    <div className="min-w-0">
      <label htmlFor={id} className="sr-only">{label}</label>
      <select
        id={id}
        ref={selectRef}
        autoFocus={autoFocus}
        className={`${inlineSelectClass} ${dirty ? "border-brand-600 ring-2 ring-brand-600/20" : ""}`}
        value={draft}
        // Not disabled while saving: that would drop the keyboard focus. Changes wait until it is saved.
        aria-busy={pending || undefined}
        aria-describedby={[dirty && browsing ? `${id}-hint` : null, describedBy].filter(Boolean).join(" ") || undefined}
        onKeyDown={(event) => {
          if (BROWSING_KEYS.has(event.key) && !event.altKey) setBrowsingTo(true);
          else if (event.key === "Enter" && dirty && !pending) {
            event.preventDefault();
            void commit(draft);
          } else if (event.key === "Escape" && dirty) {
            event.preventDefault();
            setBrowsingTo(false);
            setDraft(value);
          }
        }}
        onChange={(event) => {
          if (pending) return;
          const next = event.target.value;
          setDraft(next);
          if (!browsingRef.current) void commit(next);
        }}
        onBlur={() => {
          if (dirty && !pending) void commit(draft);
        }}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
      {dirty && browsing && !pending && (
        <p id={`${id}-hint`} className="mt-0.5 text-[11px] leading-4 text-slate-600">Enter to save, Esc to undo</p>
      )}
      {children}
    </div>
  );
}
