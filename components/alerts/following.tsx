"use client";

import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { followAction, unfollowAction } from "@/lib/alerts/actions";
import { Button } from "@/components/ui/button";
import { Checkbox, Input, Label, Select } from "@/components/ui/input";
import { useWithActiveTeam } from "@/components/ui/active-team";

export type FollowRow = { id: string; target: "organisation" | "view" | "list"; name: string; detail: string; href: string };

export function UnfollowButton({ id, name }: { id: string; name: string }) {
  const withTeam = useWithActiveTeam();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <span className="flex items-center gap-2">
      {error && <span role="alert" className="text-xs text-rose-700">{error}</span>}
      <Button
        variant="secondary"
        size="xs"
        pending={pending}
        disabled={pending}
        aria-label={`Unfollow ${name}`}
        onClick={() =>
          startTransition(async () => {
            const result = await withTeam(unfollowAction)({ id });
            if (!result.ok) return setError(result.message);
            router.refresh();
          })
        }
      >
        Unfollow
      </Button>
    </span>
  );
}

/** Admins add a body (by code), a list or a view to the team's watchlist. */
export function AddToWatchlist({ options }: { options: { value: string; label: string }[] }) {
  const withTeam = useWithActiveTeam();
  const router = useRouter();
  const ids = { code: useId(), other: useId() };
  const [code, setCode] = useState("");
  const [descendants, setDescendants] = useState(true);
  const [other, setOther] = useState("");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  function add(input: Record<string, unknown>, done: () => void) {
    startTransition(async () => {
      let result = await withTeam(followAction)({ ...input, scope: "team" });
      // A body with nothing below it cannot be followed with descendants: follow it alone
      if (!result.ok && result.fieldErrors?.descendants) result = await withTeam(followAction)({ ...input, descendants: false, scope: "team" });
      if (!result.ok) return setMessage({ ok: false, text: result.message });
      setMessage({ ok: true, text: "Added to the watchlist." });
      done();
      router.refresh();
    });
  }

  return (
    <div className="mt-5 space-y-4 border-t border-slate-100 pt-4">
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          if (code.trim()) add({ target: "organisation", code: code.trim(), descendants }, () => setCode(""));
        }}
      >
        <div className="space-y-1">
          <Label htmlFor={ids.code}>Body code</Label>
          <Input id={ids.code} value={code} onChange={(e) => setCode(e.currentTarget.value)} placeholder="e.g. QHL" size="sm" full={false} className="w-32" />
        </div>
        <label className="flex items-center gap-2 pb-1.5 text-sm">
          <Checkbox checked={descendants} onChange={(e) => setDescendants(e.currentTarget.checked)} />
          Include everything below
        </label>
        <Button type="submit" size="sm" disabled={pending || !code.trim()} pending={pending}>Add body</Button>
      </form>
      {options.length > 0 && (
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            const [target, id] = other.split(":");
            if (target && id) add({ target, id }, () => setOther(""));
          }}
        >
          <div className="min-w-0 flex-1 space-y-1">
            <Label htmlFor={ids.other}>A list or view of the team</Label>
            <Select id={ids.other} value={other} onChange={(e) => setOther(e.currentTarget.value)} size="sm">
              <option value="">Choose…</option>
              {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
            </Select>
          </div>
          <Button type="submit" size="sm" disabled={pending || !other} pending={pending}>Add</Button>
        </form>
      )}
      {message && <p role={message.ok ? "status" : "alert"} className={`text-sm ${message.ok ? "text-emerald-800" : "text-rose-700"}`}>{message.text}</p>}
    </div>
  );
}
