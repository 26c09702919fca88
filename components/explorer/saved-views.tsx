"use client";

import { useId, useState, useTransition } from "react";
import Link from "next/link";
import { createViewAction } from "@/lib/views/actions";
import { useDismissableDetails, useExplorer } from "./explorer-state";
import { explorerHref, toQueryString, viewQuery } from "./query";

export type SavedView = { id: string; name: string; query: string; createdBy: string };

export function viewHref(view: { name: string; query: string }) {
  const params = new URLSearchParams(view.query);
  params.set("view", view.name);
  return explorerHref(toQueryString(params));
}

const menuButton =
  "inline-flex cursor-pointer list-none items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50 [&::-webkit-details-marker]:hidden";

/** The team's saved views: each is a link to the explorer with its query. */
export function SavedViewsMenu({ views, current }: { views: SavedView[]; current: string | null }) {
  const ref = useDismissableDetails();
  return (
    <details ref={ref} className="relative">
      <summary className={menuButton}>
        Saved views <span className="rounded-full bg-slate-100 px-1.5 text-xs text-slate-600">{views.length}</span>
        <span aria-hidden className="text-xs text-slate-500">▾</span>
      </summary>
      <div className="fixed inset-x-4 z-30 mt-1 rounded-md border border-slate-200 bg-white py-1 shadow-lg sm:absolute sm:inset-x-auto sm:right-0 sm:w-72">
        {views.length === 0 ? (
          <p className="px-3 py-2 text-sm text-slate-600">No saved views yet. Set filters, then “Save view” to share them with your team.</p>
        ) : (
          <ul className="max-h-80 overflow-y-auto">
            {views.map((view) => (
              <li key={view.id}>
                <Link
                  href={viewHref(view)}
                  aria-current={view.name === current ? "page" : undefined}
                  onClick={() => ref.current?.removeAttribute("open")}
                  className={`block px-3 py-1.5 text-sm hover:bg-slate-50 ${view.name === current ? "bg-brand-50" : ""}`}
                >
                  <span className="block font-medium text-brand-700">{view.name}</span>
                  <span className="block text-xs text-slate-500">by {view.createdBy}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </div>
    </details>
  );
}

/** Saves the current filters, sort, page size and columns as a view the whole team sees. */
export function SaveViewButton() {
  const { query, navigate } = useExplorer();
  const ref = useDismissableDetails();
  const id = useId();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    startTransition(async () => {
      const result = await createViewAction({ name, query: viewQuery(query) });
      if (!result.ok) {
        setError(result.fieldErrors?.name?.join(" ") ?? result.message);
        return;
      }
      const savedName = name.trim();
      setSaved(savedName);
      setName("");
      ref.current?.removeAttribute("open");
      // The URL now names the view (the export uses it); the server re-renders the views list
      navigate((p) => p.set("view", savedName), { resetPage: false });
    });
  }

  return (
    <div className="flex items-center gap-2">
      <details ref={ref} className="relative">
        <summary className={menuButton}>Save view</summary>
        <form onSubmit={submit} className="fixed inset-x-4 z-30 mt-1 space-y-2 rounded-md border border-slate-200 bg-white p-3 shadow-lg sm:absolute sm:inset-x-auto sm:right-0 sm:w-72">
          <label htmlFor={id} className="block text-sm font-medium text-slate-800">View name</label>
          <input
            id={id}
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={120}
            placeholder="e.g. North West ICBs by population"
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-help`}
            className="block w-full rounded-md border border-slate-300 px-2.5 py-1.5 text-sm shadow-sm placeholder:text-slate-400 focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30 aria-[invalid=true]:border-rose-500"
          />
          <p id={`${id}-help`} className={`text-xs ${error ? "text-rose-700" : "text-slate-500"}`} role={error ? "alert" : undefined}>
            {error ?? "Filters, search, sort, page size and columns; shared with your team."}
          </p>
          <button type="submit" disabled={pending || !name.trim()} className="inline-flex items-center gap-2 rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-brand-700 disabled:opacity-60">
            {pending && <span aria-hidden className="h-3 w-3 animate-spin rounded-full border-2 border-current border-t-transparent" />}
            Save view
          </button>
        </form>
      </details>
      <span aria-live="polite" className="sr-only">{saved ? `Saved the view ${saved}` : ""}</span>
    </div>
  );
}
