import { getDb } from "@/lib/db/client";
import { requirePageAuth } from "@/lib/auth/guards";
import { listMyTeams } from "@/lib/auth/accounts";
import { can, ROLE_LABELS } from "@/lib/auth/roles";
import { Brand } from "@/components/ui/brand";
import { NavLink } from "@/components/ui/nav-link";
import { TeamSwitcher } from "@/components/auth/team-switcher";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { ActiveTeamProvider } from "@/components/ui/active-team";
import { unreadCount } from "@/lib/alerts/notifications";
import { NotificationsLink } from "@/components/alerts/notifications-link";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const ctx = await requirePageAuth();
  // The unread count is one count on the notification_unread partial index
  const [teams, unread] = await Promise.all([listMyTeams(getDb(), ctx.user.id), unreadCount(getDb(), ctx)]);
  return (
    <ActiveTeamProvider teamId={ctx.team.id}>
      <header className="border-b border-brand-900 bg-brand-900 text-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3 sm:px-6">
          <div className="flex flex-wrap items-center gap-x-6 gap-y-2">
            <Brand />
            <nav aria-label="Main" className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-brand-100">
              <NavLink href="/">Dashboard</NavLink>
              <NavLink href="/explorer">Explorer</NavLink>
              <NavLink href="/contracts">Contracts</NavLink>
              <NavLink href="/commissioning">Who commissions what</NavLink>
              <NavLink href="/compare">Compare</NavLink>
              <NavLink href="/lists">Target lists</NavLink>
              <NavLink href="/match">Match accounts</NavLink>
              <NavLink href="/notes">Notes</NavLink>
              <NavLink href="/structure">Structure</NavLink>
              <NavLink href="/changes">What changed</NavLink>
              <NavLink href="/settings" exact>Settings</NavLink>
              <NavLink href="/settings/security">Security</NavLink>
              {can(ctx, "manage") && <NavLink href="/settings/team">Team</NavLink>}
            </nav>
          </div>
          <div className="flex items-center gap-3 text-sm">
            <NotificationsLink unread={unread} />
            <TeamSwitcher teams={teams.map((t) => ({ id: t.team.id, name: t.team.name, role: ROLE_LABELS[t.role as keyof typeof ROLE_LABELS] ?? t.role }))} activeTeamId={ctx.team.id} />
            <span className="hidden text-brand-100 md:inline" title={ctx.user.email}>{ctx.user.name} · {ROLE_LABELS[ctx.role]}</span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-8 sm:px-6">{children}</main>
      <footer className="mx-auto max-w-7xl px-4 pb-10 text-xs text-slate-500 sm:px-6">
        Reference data: NHS England, ODS, ONS, PHS, NRS, NISRA and others under the Open Government Licence v3.0; mySociety local-authority register (CC BY 4.0).
        Sources and caveats are listed in the repository&apos;s data/PROVENANCE.md.
      </footer>
    </ActiveTeamProvider>
  );
}
