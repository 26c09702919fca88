"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useOptimistic, useRef, useTransition, type ReactNode } from "react";
import { useRouter, useSearchParams } from "next/navigation";
import { nextQuery, toQueryString, type Navigate } from "./query-string";

type TableUrlState = {
  /** The current query string (without "?"), as the browser shows it */
  query: string;
  /** Changes the URL (router.replace). Filter changes go back to page 1 and leave the saved view. */
  navigate: Navigate;
  /** True while the server renders the new page of results */
  pending: boolean;
  /** The address of this page with another query */
  href: (query: string) => string;
};

const Context = createContext<TableUrlState | null>(null);

/**
 * A server table's state lives in the address of the page that shows it: the explorer, a profile's
 * table of the bodies below it, a list's entries (basePath).
 */
export function TableUrlStateProvider({ children, basePath = "/explorer" }: { children: ReactNode; basePath?: string }) {
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
    (mutate, options) => {
      const next = nextQuery(requested.current ?? window.location.search, mutate, options);
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

export function useTableUrlState(): TableUrlState {
  const value = useContext(Context);
  if (!value) throw new Error("useTableUrlState needs a TableUrlStateProvider");
  return value;
}
