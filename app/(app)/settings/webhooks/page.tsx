import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db/client";
import { requirePageAuth } from "@/lib/auth/guards";
import { deliveriesQuerySchema, deliveryToJson, listDeliveries, listWebhooks, webhookToJson } from "@/lib/alerts/webhooks";
import { Card, PageHeader } from "@/components/ui/card";
import { DeliveryLog, Webhooks } from "@/components/settings/webhooks";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requirePageAuth("manage");
  const db = getDb();
  const query = await searchParams;
  const webhooks = (await listWebhooks(db, ctx)).map(webhookToJson);
  // The log of the webhook named in ?webhook= (only the team's own: listWebhooks is the team's)
  const selected = webhooks.find((w) => w.id === query.webhook);
  const paging = deliveriesQuerySchema.safeParse({ limit: 25, before: typeof query.before === "string" ? query.before : undefined });
  const log = selected && paging.success ? await listDeliveries(db, ctx, selected.id, paging.data) : null;
  return (
    <>
      <PageHeader title="Webhooks">
        Signed JSON POSTs to your URLs when something happens in {ctx.team.name}: for Slack, Teams or your CRM. Each POST carries X-Atlas-Signature (HMAC-SHA256 with the
        webhook&apos;s secret); failed deliveries are retried with backoff for 24 hours. The README shows the payload and how to verify it.{" "}
        <Link href="/settings/jobs" className="text-brand-700 underline">Failed deliveries</Link>
      </PageHeader>
      <div className="space-y-6">
        <Card title="Your team's webhooks" description="Only admins and owners see and change them. The secret is shown once, when a webhook is added.">
          <Webhooks webhooks={webhooks} />
        </Card>
        {selected && (
          <Card title="Delivery log" description={selected.url}>
            <DeliveryLog webhookId={selected.id} deliveries={log ? log.rows.map(deliveryToJson) : []} />
            {log?.nextBefore && <Link href={`/settings/webhooks?webhook=${selected.id}&before=${log.nextBefore}`} className="mt-4 inline-block text-sm text-brand-700 underline">Older deliveries</Link>}
          </Card>
        )}
      </div>
    </>
  );
}
