import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db/client";
import { requirePageAuth } from "@/lib/auth/guards";
import { apiTokenToJson, listTeamApiTokens } from "@/lib/auth/api-tokens";
import { listTeamMembers, memberToJson } from "@/lib/auth/members";
import { listPendingInvitations } from "@/lib/auth/invitations";
import { can } from "@/lib/auth/roles";
import { mfaStatus } from "@/lib/auth/mfa";
import { Card, PageHeader } from "@/components/ui/card";
import { TeamMembers } from "@/components/settings/team-members";
import { InviteForm, PendingInvitations } from "@/components/settings/invitations";
import { RequireMfaToggle } from "@/components/settings/mfa-settings";
import { TokenTable } from "@/components/settings/api-tokens";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage() {
  const ctx = await requirePageAuth("manage");
  const db = getDb();
  const [members, invitations, tokens, team, ownMfa] = await Promise.all([
    listTeamMembers(db, ctx.team.id),
    listPendingInvitations(db, ctx),
    listTeamApiTokens(db, ctx),
    db.team.findUniqueOrThrow({ where: { id: ctx.team.id }, select: { requireMfa: true } }),
    mfaStatus(db, ctx.user.id),
  ]);
  return (
    <>
      <PageHeader title={ctx.team.name}>
        Members and invitations. <Link href="/settings/audit" className="text-brand-700 underline">Audit log</Link>
      </PageHeader>
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Card title={`${members.length} ${members.length === 1 ? "member" : "members"}`}>
            <TeamMembers
              members={members.map(memberToJson)}
              currentUserId={ctx.user.id}
              canManageOwners={can(ctx, "own")}
            />
          </Card>
          <div className="mt-6">
            <Card title="The team's API tokens" description="Every member's tokens for this team, with their last use and expiry. Revoking one stops it at once.">
              <TokenTable tokens={tokens.map(apiTokenToJson)} caption="The team's API tokens" empty="No one in the team has an API token." showOwner />
            </Card>
          </div>
        </div>
        <div className="space-y-6">
          <Card title="Invite someone" description="They get a link that works once, for 7 days.">
            <InviteForm canInviteOwners={can(ctx, "own")} />
          </Card>
          {can(ctx, "own") && (
            <Card title="Two-factor sign-in" description="Owners decide whether every member must use a second factor.">
              <RequireMfaToggle required={team.requireMfa} ownerHasMfa={ownMfa.enabledAt !== null} />
            </Card>
          )}
          <Card title="Pending invitations">
            <PendingInvitations invitations={invitations.map((i) => ({ id: i.id, email: i.email, role: i.role, expiresAt: i.expiresAt.toISOString(), invitedBy: i.invitedBy.name }))} />
          </Card>
        </div>
      </div>
    </>
  );
}
