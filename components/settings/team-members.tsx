"use client";

import { useState, useTransition } from "react";
import { changeRoleAction } from "@/lib/auth/actions";
import { ROLES, ROLE_LABELS, ROLE_DESCRIPTIONS } from "@/lib/auth/roles";
import { Select } from "@/components/ui/input";

type Member = { id: string; name: string; email: string; role: string };

export function TeamMembers({ members, currentUserId, canManageOwners }: { members: Member[]; currentUserId: string; canManageOwners: boolean }) {
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <>
      {message && <p role={message.ok ? "status" : "alert"} className={`mb-3 rounded-md px-3 py-2 text-sm ${message.ok ? "bg-emerald-50 text-emerald-800" : "bg-rose-50 text-rose-800"}`}>{message.text}</p>}
      <table className="w-full text-sm">
        <caption className="sr-only">Team members and their roles</caption>
        <thead><tr className="text-left text-xs uppercase tracking-wide text-slate-500"><th scope="col" className="py-2">Member</th><th scope="col">Role</th></tr></thead>
        <tbody className="divide-y divide-slate-100">
          {members.map((member) => {
            const locked = member.role === "owner" && !canManageOwners;
            return (
              <tr key={member.id}>
                <td className="py-2">
                  <div className="font-medium">{member.name}{member.id === currentUserId && <span className="text-slate-500"> (you)</span>}</div>
                  <div className="text-xs text-slate-500">{member.email}</div>
                </td>
                <td>
                  <label className="sr-only" htmlFor={`role-${member.id}`}>Role of {member.name}</label>
                  <Select
                    size="xs"
                    full={false}
                    id={`role-${member.id}`}
                    defaultValue={member.role}
                    disabled={pending || locked}
                    onChange={(event) => {
                      const role = event.target.value;
                      start(async () => {
                        const result = await changeRoleAction({ userId: member.id, role });
                        setMessage(result.ok ? { ok: true, text: `${member.name} is now ${ROLE_LABELS[role as keyof typeof ROLE_LABELS].toLowerCase()}.` } : { ok: false, text: result.message });
                        if (!result.ok) event.target.value = member.role;
                      });
                    }}
                  >
                    {ROLES.filter((r) => canManageOwners || r !== "owner" || member.role === "owner").map((role) => (
                      <option key={role} value={role} title={ROLE_DESCRIPTIONS[role]}>{ROLE_LABELS[role]}</option>
                    ))}
                  </Select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
