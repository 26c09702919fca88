import type { Metadata } from "next";
import { getDb } from "@/lib/db/client";
import { requirePageAuth } from "@/lib/auth/guards";
import { preferencesFor } from "@/lib/alerts/preferences";
import { emailConfigured } from "@/lib/email/transport";
import { Card, PageHeader } from "@/components/ui/card";
import { NotificationPreferences } from "@/components/alerts/preferences";

export const metadata: Metadata = { title: "Notification settings" };

export default async function NotificationSettingsPage() {
  const ctx = await requirePageAuth();
  const preferences = await preferencesFor(getDb(), ctx.user.id);
  return (
    <>
      <PageHeader title="Notifications">How you hear about what you and your teams follow, per kind of event. These settings are yours, in every team you belong to.</PageHeader>
      <Card title="Channels" description={`Email goes to ${ctx.user.email}. Every email has a one-click unsubscribe link.`}>
        {!emailConfigured() && (
          <p role="note" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-200">
            Email is not set up on this installation: nothing is sent until an operator sets <code>SMTP_URL</code>. Your choices are kept and apply once it is.
          </p>
        )}
        <NotificationPreferences preferences={preferences} />
      </Card>
    </>
  );
}
