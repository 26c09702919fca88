import type { Metadata } from "next";
import { getDb } from "@/lib/db/client";
import { requirePageAuth } from "@/lib/auth/guards";
import { mfaStatus } from "@/lib/auth/mfa";
import { Card, PageHeader } from "@/components/ui/card";
import { MfaSettings } from "@/components/settings/mfa-settings";

export const metadata: Metadata = { title: "Security" };

export default async function SecurityPage() {
  const ctx = await requirePageAuth();
  const status = await mfaStatus(getDb(), ctx.user.id);
  return (
    <>
      <PageHeader title="Security" />
      {ctx.mustEnrolMfa && (
        <p role="alert" className="mb-6 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {ctx.team.name} requires two-factor sign-in. Set it up below to use the team&apos;s pages and API.
        </p>
      )}
      <div className="max-w-xl">
        <Card title="Two-factor sign-in" description="A code from an app on your phone, asked for at every sign-in after your password.">
          <MfaSettings enabledAt={status.enabledAt?.toISOString() ?? null} recoveryCodesLeft={status.recoveryCodesLeft} />
        </Card>
      </div>
    </>
  );
}
