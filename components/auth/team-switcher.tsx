"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { switchTeamAction } from "@/lib/auth/actions";
import { useWithActiveTeam } from "@/components/ui/active-team";

export function TeamSwitcher({ teams, activeTeamId }: { teams: { id: string; name: string; role: string }[]; activeTeamId: string }) {
  const withTeam = useWithActiveTeam();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  if (teams.length <= 1) return <span className="font-medium">{teams[0]?.name}</span>;
  return (
    <label className="flex items-center gap-2">
      <span className="sr-only">Active team</span>
      <select
        value={activeTeamId}
        disabled={pending}
        onChange={(event) => {
          const teamId = event.target.value;
          startTransition(async () => {
            await withTeam(switchTeamAction)({ teamId });
            router.refresh();
          });
        }}
        className="rounded-md border border-brand-100/40 bg-brand-900 px-2 py-1 text-sm text-white"
      >
        {teams.map((team) => (
          <option key={team.id} value={team.id}>{team.name} ({team.role})</option>
        ))}
      </select>
    </label>
  );
}
