"use client";

import { useState, useTransition } from "react";
import { revokeSessionAction, signOutEverywhereAction } from "@/lib/auth/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useWithActiveTeam } from "@/components/ui/active-team";

// Date and time: a session signed in and last seen today differ only by the hour
const when = (iso: string) => new Date(iso).toLocaleString("en-GB", { timeZone: "Europe/London", dateStyle: "medium", timeStyle: "short" });

export type SessionRow = { id: string; browser: string; ip: string | null; signedInAt: string; lastSeenAt: string; current: boolean };

/** The user's active sessions: revoke one, or sign out everywhere else, or everywhere. */
export function Sessions({ sessions, idleHours, maxDays }: { sessions: SessionRow[]; idleHours: number; maxDays: number }) {
  const withTeam = useWithActiveTeam();
  const [busy, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const others = sessions.filter((session) => !session.current).length;

  const run = (work: () => Promise<{ ok: boolean; message?: string }>, done: string) =>
    start(async () => {
      const outcome = await work();
      setMessage(outcome.ok ? { ok: true, text: done } : { ok: false, text: outcome.message ?? "That did not work." });
    });

  const signOutEverywhere = (keep: "this" | "none") =>
    start(async () => {
      const outcome = await withTeam(signOutEverywhereAction)({ keep });
      // A full load, as for signing out, so no page of the signed-in app stays in the router cache
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      if (outcome.ok && keep === "none") window.location.assign("/sign-in");
      else setMessage(outcome.ok ? { ok: true, text: `Signed out of ${outcome.data.ended} other session${outcome.data.ended === 1 ? "" : "s"}.` } : { ok: false, text: outcome.message });
    });

  return (
    <div className="space-y-4">
      <table className="w-full text-sm">
        <caption className="sr-only">Your active sessions</caption>
        <thead>
          <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
            <th scope="col" className="py-2">Browser</th><th scope="col">IP address</th><th scope="col">Signed in (UK time)</th><th scope="col">Last seen</th><th scope="col"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {sessions.map((session) => (
            <tr key={session.id}>
              <td className="py-2">{session.browser} {session.current && <Badge tone="brand">This session</Badge>}</td>
              <td className="font-mono text-xs">{session.ip ?? "Unknown"}</td>
              <td>{when(session.signedInAt)}</td>
              <td>{when(session.lastSeenAt)}</td>
              <td className="text-right">
                {!session.current && (
                  <Button variant="danger" size="xs" disabled={busy} onClick={() => run(() => withTeam(revokeSessionAction)({ sessionId: session.id }), `Signed out the session of ${session.browser}.`)}>
                    Revoke<span className="sr-only"> the session of {session.browser} from {session.ip ?? "an unknown address"}</span>
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-xs text-slate-500">Last seen is updated every few minutes. A session ends after {idleHours} hours without use, and {maxDays} days after sign-in in any case.</p>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" size="sm" disabled={busy || others === 0} onClick={() => signOutEverywhere("this")}>Sign out everywhere else</Button>
        <Button variant="danger" size="sm" disabled={busy} onClick={() => signOutEverywhere("none")}>Sign out everywhere, here too</Button>
      </div>
      {message && <p role={message.ok ? "status" : "alert"} className={`text-sm ${message.ok ? "text-emerald-800" : "text-rose-700"}`}>{message.text}</p>}
    </div>
  );
}
