"use client";

import { useId, useState, useTransition } from "react";
import Link from "next/link";
import { createViewAction } from "@/lib/views/actions";
import type { ViewPage } from "@/lib/views";
import { toQueryString } from "@/components/data-table/query-string";
import { useTableUrlState } from "@/components/data-table/table-url-state";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { Menu, closeMenu } from "@/components/ui/menu";
import { viewQuery } from "@/components/explorer/query";
import { useWithActiveTeam } from "@/components/ui/active-team";

import { FollowToggle, type FollowState } from "@/components/alerts/follow-button";

/** `follow`: the caller's and the team's follow of the view, when the page reads them (the Follow buttons show then) */
export type SavedView = { id: string; name: string; query: string; createdBy: string; follow?: FollowState };

/** The page each kind of view opens */
const VIEW_PATHS: Record<ViewPage, string> = { explorer: "/explorer", contracts: "/contracts" };

export function viewHref(page: ViewPage, view: { name: string; query: string }) {
  const params = new URLSearchParams(view.query);
  params.set("view", view.name);
  return `${VIEW_PATHS[page]}?${toQueryString(params)}`;
}

/** The team's saved views of one page (the explorer, the contracts page): each is a link to the page with its query. */
export function SavedViewsMenu({ page, views, current, canManage = false }: { page: ViewPage; views: SavedView[]; current: string | null; canManage?: boolean }) {
  return (
    <Menu
      label={
        <>
          Saved views <span className="rounded-full bg-slate-100 px-1.5 text-xs text-slate-600">{views.length}</span>
          <span aria-hidden className="text-xs text-slate-500">▾</span>
        </>
      }
      placement="sheet"
      panelClassName="py-1"
    >
      {views.length === 0 ? (
        <p className="px-3 py-2 text-sm text-slate-600">No saved views yet. Set filters, then “Save view” to share them with your team.</p>
      ) : (
        <ul className="max-h-80 overflow-y-auto">
          {views.map((view) => (
            <li key={view.id} className={`flex items-center gap-1 pr-2 hover:bg-slate-50 ${view.name === current ? "bg-brand-50" : ""}`}>
              <Link
                href={viewHref(page, view)}
                aria-current={view.name === current ? "page" : undefined}
                onClick={(event) => closeMenu(event.currentTarget)}
                className="block min-w-0 flex-1 px-3 py-1.5 text-sm"
              >
                <span className="block font-medium text-brand-700">{view.name}</span>
                <span className="block text-xs text-slate-500">by {view.createdBy}</span>
              </Link>
              {view.follow && <FollowToggle of={{ target: "view", id: view.id }} scope="me" followed={view.follow.me !== null} label={view.name} />}
              {view.follow && canManage && <FollowToggle of={{ target: "view", id: view.id }} scope="team" followed={view.follow.team !== null} label={view.name} />}
            </li>
          ))}
        </ul>
      )}
    </Menu>
  );
}

/** Saves the current filters, sort, page size and columns as a view of `page` the whole team sees. */
export function SaveViewButton({ page, placeholder }: { page: ViewPage; placeholder: string }) {
  const withTeam = useWithActiveTeam();
  const { query, navigate } = useTableUrlState();
  const id = useId();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setError(null);
    startTransition(async () => {
      const result = await withTeam(createViewAction)({ page, name, query: viewQuery(query) });
      if (!result.ok) {
        setError(result.fieldErrors?.name?.join(" ") ?? result.message);
        return;
      }
      const savedName = name.trim();
      setSaved(savedName);
      setName("");
      closeMenu(form);
      // The URL now names the view (the export uses it); the server re-renders the views list
      navigate((p) => p.set("view", savedName), { resetPage: false });
    });
  }

  return (
    <div className="flex items-center gap-2">
      <Menu label="Save view" placement="sheet" panelClassName="p-3">
        <form onSubmit={submit} className="space-y-2">
          <Label htmlFor={id}>View name</Label>
          <Input
            id={id}
            size="sm"
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={120}
            placeholder={placeholder}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-help`}
          />
          <p id={`${id}-help`} className={`text-xs ${error ? "text-rose-700" : "text-slate-500"}`} role={error ? "alert" : undefined}>
            {error ?? "Filters, search, sort, page size and columns; shared with your team."}
          </p>
          <Button type="submit" size="sm" disabled={pending || !name.trim()} pending={pending}>
            Save view
          </Button>
        </form>
      </Menu>
      <span aria-live="polite" className="sr-only">{saved ? `Saved the view ${saved}` : ""}</span>
    </div>
  );
}

/** A table page's heading, with the saved view it shows (the URL's `view`) beside it. */
export function ViewTitle({ title, viewName }: { title: string; viewName: string | null }) {
  return (
    <h1 className="flex flex-wrap items-center gap-x-3 gap-y-1 text-2xl font-semibold tracking-tight text-slate-900">
      {title}
      {viewName && (
        <span className="rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium tracking-normal text-brand-700 ring-1 ring-inset ring-brand-100">
          <span className="sr-only">Saved view: </span>
          <span aria-hidden>View: </span>
          {viewName}
        </span>
      )}
    </h1>
  );
}
