import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db/client";
import { requirePageAuth } from "@/lib/auth/guards";
import { notificationToJson, notificationsTable, unreadCount } from "@/lib/alerts/notifications";
import { toSearchParams } from "@/lib/paging";
import { readFeedPage } from "@/lib/tables/server";
import { PageHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterError } from "@/components/data-table/filter-error";
import { Inbox } from "@/components/alerts/inbox";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requirePageAuth();
  const db = getDb();
  const params = toSearchParams(await searchParams);
  const [read, unread] = await Promise.all([readFeedPage(notificationsTable, db, ctx, params), unreadCount(db, ctx)]);
  const onlyUnread = read.ok && read.filters.unread;
  const tab = (href: string, label: string, current: boolean) => (
    <Link href={href} aria-current={current ? "page" : undefined} className={`rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-brand-600 ${current ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100"}`}>
      {label}
    </Link>
  );
  return (
    <>
      <PageHeader title="Notifications">
        What changed for the bodies, views and lists you and {ctx.team.name} follow. <Link href="/following" className="text-brand-700 underline underline-offset-2">What you follow</Link> ·{" "}
        <Link href="/settings/notifications" className="text-brand-700 underline underline-offset-2">How you are notified</Link>
      </PageHeader>
      <nav aria-label="Filter notifications" className="mb-4 flex gap-2">
        {tab("/notifications?unread=1", `Unread (${unread})`, onlyUnread)}
        {tab("/notifications", "All", !onlyUnread)}
      </nav>
      {!read.ok ? (
        <FilterError message={read.error} resetHref="/notifications" resetLabel="Show the latest notifications" />
      ) : read.page.rows.length === 0 && !read.filters.before ? (
        <EmptyState title={onlyUnread ? "Nothing unread" : "No notifications yet"} action={<Link href="/following" className="text-sm text-brand-700 underline">Follow bodies, views and lists</Link>}>
          {onlyUnread ? "You have read everything. " : "Follow a body, a saved view or a target list and you will hear here when something changes: new tenders and awards, contracts nearing their end, reorganisations, new matches and mentions."}
        </EmptyState>
      ) : (
        <Inbox
          items={read.page.rows.map(notificationToJson)}
          unread={unread}
          olderHref={read.page.nextBefore ? `/notifications?${new URLSearchParams({ ...(onlyUnread ? { unread: "1" } : {}), before: read.page.nextBefore })}` : null}
        />
      )}
    </>
  );
}
