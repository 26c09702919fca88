"use client";

// The team the page was rendered for, given once by the signed-in layout; every server action call
// from the UI carries it (useActionForm does this itself; direct calls go through withTeam), so
// authorizedAction can refuse a page left open for team A after a switch to team B in another tab.
import { createContext, useCallback, useContext, type ReactNode } from "react";
import { withActiveTeam } from "@/lib/auth/active-team";

const ActiveTeamContext = createContext<string | null>(null);

export function ActiveTeamProvider({ teamId, children }: { teamId: string; children: ReactNode }) {
  return <ActiveTeamContext value={teamId}>{children}</ActiveTeamContext>;
}

/**
 * `withTeam(action)` is the action with the page's team added to each call's input. Outside the
 * signed-in layout (sign-in, invitations, resets) there is no team, and calls go unchanged.
 */
export function useWithActiveTeam() {
  const teamId = useContext(ActiveTeamContext);
  return useCallback(
    <I, R>(action: (input: I) => Promise<R>) =>
      (input: I): Promise<R> =>
        action(teamId ? withActiveTeam(input, teamId) : input),
    [teamId],
  );
}
