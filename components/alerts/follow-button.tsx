"use client";

import { useState, useTransition } from "react";
import { followAction, unfollowAction } from "@/lib/alerts/actions";
import { Checkbox } from "@/components/ui/input";
import { Menu } from "@/components/ui/menu";
import { Spinner } from "@/components/ui/button";
import { useWithActiveTeam } from "@/components/ui/active-team";

/** The caller's and the team's follow of the target (lib/alerts/follows.ts followsOf) */
export type FollowState = { me: { id: string; descendants: boolean } | null; team: { id: string; descendants: boolean } | null };

export type FollowTargetRef = { target: "organisation"; code: string; hasChildren: boolean } | { target: "view"; id: string } | { target: "list"; id: string };

function targetBody(ref: FollowTargetRef) {
  return ref.target === "organisation" ? { target: ref.target, code: ref.code } : { target: ref.target, id: ref.id };
}

/**
 * Follow, for oneself and (admins) for the whole team, with "include everything below" for a body
 * with bodies below it. A menu of checkboxes: each change is saved at once and announced.
 */
export function FollowButton({ of: ref, state, canManage, align = "end" }: { of: FollowTargetRef; state: FollowState; canManage: boolean; align?: "start" | "end" }) {
  const withTeam = useWithActiveTeam();
  const [me, setMe] = useState(state.me);
  const [team, setTeam] = useState(state.team);
  const [descendants, setDescendants] = useState(state.me?.descendants ?? state.team?.descendants ?? (ref.target === "organisation" && ref.hasChildren));
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const hasChildren = ref.target === "organisation" && ref.hasChildren;

  function save(scope: "me" | "team", on: boolean, withDescendants = descendants) {
    startTransition(async () => {
      const body = { ...targetBody(ref), scope, ...(ref.target === "organisation" ? { descendants: hasChildren && withDescendants } : {}) };
      let now: { id: string; descendants: boolean } | null = null;
      if (on) {
        const result = await withTeam(followAction)(body);
        if (!result.ok) return setMessage(result.message);
        now = result.data;
      } else {
        const result = await withTeam(unfollowAction)({ ...targetBody(ref), scope });
        if (!result.ok) return setMessage(result.message);
      }
      if (scope === "me") setMe(now);
      else setTeam(now);
      setMessage(on ? (scope === "me" ? "Following: you will be notified." : "On the team's watchlist.") : scope === "me" ? "No longer following." : "Off the team's watchlist.");
    });
  }

  function changeDescendants(value: boolean) {
    setDescendants(value);
    // Re-saving an existing follow updates its descendants
    if (me) save("me", true, value);
    if (team && canManage) save("team", true, value);
  }

  const following = me !== null || team !== null;
  return (
    <Menu
      label={
        <span>
          {pending ? <Spinner /> : <span aria-hidden>{following ? "★" : "☆"}</span>} {following ? "Following" : "Follow"}
          <span aria-hidden className="ml-1 text-xs text-slate-500">▾</span>
        </span>
      }
      placement={align === "start" ? "start" : "dropdown"}
      panelClassName="w-72 p-3"
    >
      <fieldset className="space-y-2 text-sm" disabled={pending}>
        <legend className="sr-only">Follow</legend>
        <label className="flex items-start gap-2">
          <Checkbox checked={me !== null} onChange={(e) => save("me", e.currentTarget.checked)} className="mt-0.5" />
          <span>Notify me<span className="block text-xs text-slate-500">In the app and by email, as set in Settings, Notifications</span></span>
        </label>
        {hasChildren && (
          <label className="flex items-start gap-2">
            <Checkbox checked={descendants} onChange={(e) => changeDescendants(e.currentTarget.checked)} className="mt-0.5" />
            <span>Include everything below<span className="block text-xs text-slate-500">Its trusts, PCNs and practices, and the bodies under them</span></span>
          </label>
        )}
        {canManage && (
          <label className="flex items-start gap-2">
            <Checkbox checked={team !== null} onChange={(e) => save("team", e.currentTarget.checked)} className="mt-0.5" />
            <span>For the whole team<span className="block text-xs text-slate-500">The team&apos;s watchlist: every member is notified</span></span>
          </label>
        )}
        {!canManage && team !== null && <p className="text-xs text-slate-600">On the team&apos;s watchlist (kept by admins).</p>}
      </fieldset>
      <p role="status" className="mt-2 min-h-4 text-xs text-slate-600">{message}</p>
    </Menu>
  );
}

/** A small on/off button for one scope of a follow: in a row of a menu (the saved views), where a menu of its own would nest. */
export function FollowToggle({ of: ref, scope, followed, label }: { of: FollowTargetRef; scope: "me" | "team"; followed: boolean; label: string }) {
  const withTeam = useWithActiveTeam();
  const [on, setOn] = useState(followed);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const text = scope === "me" ? (on ? "Following" : "Follow") : on ? "Team ✓" : "Team";
  return (
    <>
      <button
        type="button"
        aria-pressed={on}
        aria-label={`${scope === "me" ? "Follow" : "Follow for the whole team"}: ${label}`}
        title={error ?? (scope === "me" ? "Be notified of new matches" : "The team's watchlist: every member is notified")}
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const body = { ...targetBody(ref), scope };
            const result = on ? await withTeam(unfollowAction)(body) : await withTeam(followAction)(body);
            if (!result.ok) return setError(result.message);
            setError(null);
            setOn(!on);
          })
        }
        className={`shrink-0 rounded border px-1.5 py-0.5 text-xs font-medium focus-visible:outline-2 focus-visible:outline-brand-600 disabled:opacity-60 ${on ? "border-brand-600 bg-brand-50 text-brand-800" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"}`}
      >
        {pending ? <Spinner /> : text}
      </button>
      {error && <span role="alert" className="sr-only">{error}</span>}
    </>
  );
}
