"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { changeRoleAction, removeMemberAction } from "@/lib/auth/actions";
import type { memberToJson } from "@/lib/auth/members";
import { ROLES, ROLE_LABELS, ROLE_DESCRIPTIONS } from "@/lib/auth/roles";
import { formatDate } from "@/lib/format";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import { useReauthentication } from "@/components/auth/reauthentication";
import { useWithActiveTeam } from "@/components/ui/active-team";

/** As the API gives it (GET /api/v1/members). */
type Member = ReturnType<typeof memberToJson>;

export function TeamMembers({ members, currentUserId, canManageOwners }: { members: Member[]; currentUserId: string; canManageOwners: boolean }) {
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  // Changing roles and removing members need the password entered in the last 10 minutes
  const reauth = useReauthentication();
  const remove = ({ user }: Member) => {
    if (!window.confirm(`Remove ${user.name} from the team? Their sessions and API tokens for this team stop at once; their lists, entries and notes stay, shown as by a former member.`)) return;
    start(async () => {
      const result = await reauth.guard(removeMemberAction)({ userId: user.id });
      setMessage(result.ok ? { ok: true, text: `${user.name} was removed from the team.` } : { ok: false, text: result.message });
    });
  };
  return (
    <>
      {reauth.dialog}
      {message && <p role={message.ok ? "status" : "alert"} className={`mb-3 rounded-md px-3 py-2 text-sm ${message.ok ? "bg-emerald-50 text-emerald-800" : "bg-rose-50 text-rose-800"}`}>{message.text}</p>}
      <table className="w-full text-sm">
        <caption className="sr-only">Team members, their roles, when they joined and when they were last seen</caption>
        <thead>
          <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
            <th scope="col" className="py-2">Member</th><th scope="col">Role</th><th scope="col">Joined</th>
            <th scope="col" title="Their latest request by a session (noted every 5 minutes) or an API token, in this team">Last seen</th>
            <th scope="col"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {members.map((member) => {
            const { user } = member;
            const locked = member.role === "owner" && !canManageOwners;
            const isMe = user.id === currentUserId;
            return (
              <tr key={user.id}>
                <td className="py-2">
                  <div className="font-medium">{user.name}{isMe && <span className="text-slate-500"> (you)</span>}</div>
                  <div className="text-xs text-slate-500">{user.email}</div>
                </td>
                <td>
                  <label className="sr-only" htmlFor={`role-${user.id}`}>Role of {user.name}</label>
                  <Select
                    size="xs"
                    full={false}
                    id={`role-${user.id}`}
                    defaultValue={member.role}
                    disabled={pending || locked}
                    onChange={(event) => {
                      const role = event.target.value;
                      start(async () => {
                        const result = await reauth.guard(changeRoleAction)({ userId: user.id, role });
                        setMessage(result.ok ? { ok: true, text: `${user.name} is now ${ROLE_LABELS[role as keyof typeof ROLE_LABELS].toLowerCase()}.` } : { ok: false, text: result.message });
                        if (!result.ok) event.target.value = member.role;
                      });
                    }}
                  >
                    {ROLES.filter((r) => canManageOwners || r !== "owner" || member.role === "owner").map((role) => (
                      <option key={role} value={role} title={ROLE_DESCRIPTIONS[role]}>{ROLE_LABELS[role]}</option>
                    ))}
                  </Select>
                </td>
                <td>{formatDate(member.joined_at)}</td>
                <td>{member.last_seen_at ? formatDate(member.last_seen_at) : "Never"}</td>
                <td className="text-right">
                  {isMe ? <span className="sr-only">Leave the team from Settings</span> : <Button variant="danger" size="xs" disabled={pending || locked} onClick={() => remove(member)}>Remove<span className="sr-only"> {user.name}</span></Button>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

/** Any member can leave; the team's only owner is refused, with the reason, until there is another. */
export function LeaveTeam({ userId, teamName }: { userId: string; teamName: string }) {
  const withTeam = useWithActiveTeam();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="mt-4 border-t border-slate-100 pt-3">
      {error && <p role="alert" className="mb-2 text-sm text-rose-700">{error}</p>}
      <Button
        variant="danger"
        size="xs"
        disabled={pending}
        onClick={() => {
          if (!window.confirm(`Leave ${teamName}? You lose access to its lists, notes and contacts at once; what you wrote stays, shown as by a former member.`)) return;
          start(async () => {
            const result = await withTeam(removeMemberAction)({ userId });
            // This browser's session for the team has ended: the next page asks to sign in
            if (result.ok) router.push("/");
            else setError(result.message);
          });
        }}
      >
        Leave {teamName}
      </Button>
    </div>
  );
}
