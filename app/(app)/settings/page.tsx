import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db/client";
import { requirePageAuth } from "@/lib/auth/guards";
import { apiTokenToJson, listApiTokens } from "@/lib/auth/api-tokens";
import { listActiveSessions, sessionLimits } from "@/lib/auth/sessions";
import { can, ROLE_LABELS } from "@/lib/auth/roles";
import { isOperator } from "@/lib/procurement/buyers";
import { Card, PageHeader } from "@/components/ui/card";
import { ApiTokens } from "@/components/settings/api-tokens";
import { Sessions } from "@/components/settings/sessions";
import { ChangePasswordForm } from "@/components/settings/change-password";
import { LeaveTeam } from "@/components/settings/team-members";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const ctx = await requirePageAuth();
  const db = getDb();
  const [tokens, operator, sessions] = await Promise.all([listApiTokens(db, ctx), isOperator(db, ctx.user.id), listActiveSessions(db, ctx)]);
  const limits = sessionLimits();
  return (
    <>
      <PageHeader title="Settings" />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="You">
          <dl className="space-y-2 text-sm">
            <div><dt className="text-slate-600">Name</dt><dd>{ctx.user.name}</dd></div>
            <div><dt className="text-slate-600">Email</dt><dd>{ctx.user.email}</dd></div>
            <div><dt className="text-slate-600">Active team</dt><dd>{ctx.team.name} · {ROLE_LABELS[ctx.role]}</dd></div>
          </dl>
          <LeaveTeam userId={ctx.user.id} teamName={ctx.team.name} />
          <p className="mt-4 border-t border-slate-100 pt-3 text-sm">
            <Link href="/settings/notifications" className="font-medium text-brand-700 underline underline-offset-2">Notifications</Link>: how you hear about what you follow, in the app and by email.
          </p>
          {/* Linked here rather than in the header, whose row of links wrapped at 1280 px with them */}
          {can(ctx, "manage") && (
            <p className="mt-4 border-t border-slate-100 pt-3 text-sm">
              <Link href="/settings/webhooks" className="font-medium text-brand-700 underline underline-offset-2">Webhooks</Link>: signed JSON posts of the team&apos;s events to Slack, Teams or a CRM.
            </p>
          )}
          {(can(ctx, "manage") || operator) && (
            <p className="mt-4 border-t border-slate-100 pt-3 text-sm">
              <Link href="/settings/jobs" className="font-medium text-brand-700 underline underline-offset-2">Jobs</Link>: {operator ? "the queues, failures and retries of this installation" : "the team's webhook deliveries that failed or are being retried"}.
            </p>
          )}
          {operator && (
            <p className="mt-4 border-t border-slate-100 pt-3 text-sm">
              You operate this installation:{" "}
              <Link href="/admin/buyers" className="font-medium text-brand-700 underline underline-offset-2">match procurement buyers to bodies</Link>, for every team.
            </p>
          )}
        </Card>
        <div className="lg:col-span-2">
          <Card title="Password" description="Changing it signs you out of every other browser and device.">
            <ChangePasswordForm />
          </Card>
        </div>
        <div className="lg:col-span-2">
          <Card title="API tokens" description={`For the REST API (Authorization: Bearer …). A token acts as you, in ${ctx.team.name}, with your role there.`}>
            <ApiTokens tokens={tokens.map(apiTokenToJson)} />
          </Card>
        </div>
        <div className="lg:col-span-3">
          <Card title="Your sessions" description="Where you are signed in, across your teams. Revoke any you do not recognise.">
            <Sessions
              sessions={sessions.map((session) => ({ ...session, signedInAt: session.signedInAt.toISOString(), lastSeenAt: session.lastSeenAt.toISOString() }))}
              idleHours={limits.idleMs / 3_600_000}
              maxDays={limits.maxAgeMs / 86_400_000}
            />
          </Card>
        </div>
      </div>
    </>
  );
}
