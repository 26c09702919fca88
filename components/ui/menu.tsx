"use client";

import { useEffect, useRef, type ReactNode, type RefObject } from "react";

/** Closes a <details> popover on Escape and on a click outside it. */
function useDismissableDetails(): RefObject<HTMLDetailsElement | null> {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    function onPointer(event: PointerEvent) {
      const details = ref.current;
      if (details?.open && event.target instanceof Node && !details.contains(event.target)) details.open = false;
    }
    function onKey(event: KeyboardEvent) {
      const details = ref.current;
      if (event.key === "Escape" && details?.open) {
        details.open = false;
        details.querySelector("summary")?.focus();
      }
    }
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, []);
  return ref;
}

const SUMMARY =
  "inline-flex cursor-pointer list-none items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 [&::-webkit-details-marker]:hidden";
// Above the notices that sit beside a menu (an export's progress), so an open menu is never covered
const PANEL = "z-40 mt-1 rounded-md border border-slate-200 bg-white shadow-lg";
const PLACEMENTS = {
  /** Under the button, right-aligned */
  dropdown: "absolute right-0",
  /** Under the button, left-aligned: for a button at the left of the page, where right-aligned would run off it */
  start: "absolute left-0",
  /** Across the screen on phones, under the button from sm up */
  sheet: "fixed inset-x-4 sm:absolute sm:inset-x-auto sm:right-0 sm:w-72",
};

/**
 * A popover menu: a <details> whose <summary> is the button, so it opens and closes without
 * JavaScript and is announced as expanded or collapsed; Escape and a click outside close it.
 */
export function Menu({
  label,
  placement = "dropdown",
  panelClassName,
  children,
}: {
  label: ReactNode;
  placement?: keyof typeof PLACEMENTS;
  /** Width and padding of the panel */
  panelClassName?: string;
  children: ReactNode;
}) {
  const ref = useDismissableDetails();
  return (
    <details ref={ref} className="relative">
      <summary className={SUMMARY}>{label}</summary>
      <div className={`${PLACEMENTS[placement]} ${PANEL} ${panelClassName ?? ""}`}>{children}</div>
    </details>
  );
}

/** Closes the menu an element is in: for an item that is done once chosen (a link, a saved form). */
export function closeMenu(element: Element | null) {
  element?.closest("details")?.removeAttribute("open");
}
