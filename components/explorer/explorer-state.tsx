"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useOptimistic, useRef, useTransition, type ReactNode, type RefObject } from "react";
import { useRouter, useSearchParams } from "next/navigation";
import { toQueryString } from "./query";

type Navigate = (mutate: (params: URLSearchParams) => void, options?: { resetPage?: boolean }) => void;
type ExplorerState = {
  /** The current query string (without "?"), as the browser shows it */
  query: string;
  /** Changes the URL (router.replace). Filter changes go back to page 1 and leave the saved view. */
  navigate: Navigate;
  /** True while the server renders the new page of results */
  pending: boolean;
  /** The address of this page with another query */
  href: (query: string) => string;
};

const Context = createContext<ExplorerState | null>(null);

/**
 * The table's state lives in the address of the page that shows it: the explorer, or a profile's
 * table of the bodies below it (basePath).
 */
export function ExplorerStateProvider({ children, basePath = "/explorer" }: { children: ReactNode; basePath?: string }) {
  const router = useRouter();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();
  const query = toQueryString(new URLSearchParams(searchParams.toString()));
  // Controls show a change at once; the results follow when the server has rendered them
  const [optimisticQuery, setOptimisticQuery] = useOptimistic(query);
  // The last URL asked for: a second quick change builds on it, not on the address bar
  const requested = useRef<string | null>(null);
  useEffect(() => {
    if (!pending) requested.current = null;
  }, [pending]);

  const href = useCallback((next: string) => (next ? `${basePath}?${next}` : basePath), [basePath]);
  const navigate = useCallback<Navigate>(
    (mutate, { resetPage = true } = {}) => {
      const params = new URLSearchParams(requested.current ?? window.location.search);
      mutate(params);
      if (resetPage) {
        params.delete("page");
        params.delete("view");
      }
      const next = toQueryString(params);
      requested.current = next;
      startTransition(() => {
        setOptimisticQuery(next);
        router.replace(href(next), { scroll: false });
      });
    },
    [router, setOptimisticQuery, href],
  );

  const value = useMemo(() => ({ query: optimisticQuery, navigate, pending, href }), [optimisticQuery, navigate, pending, href]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useExplorer(): ExplorerState {
  const value = useContext(Context);
  if (!value) throw new Error("useExplorer needs an ExplorerStateProvider");
  return value;
}

/** Closes a <details> popover on Escape and on a click outside it. */
export function useDismissableDetails(): RefObject<HTMLDetailsElement | null> {
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
