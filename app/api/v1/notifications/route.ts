import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { json } from "@/lib/http";
import { notificationToJson, notificationsTable, unreadCount } from "@/lib/alerts/notifications";
import { queryFeedApi } from "@/lib/tables/server";

export const GET = withApiAuth(endpoints.listNotifications, async ({ request, ctx }) => {
  const db = getDb();
  const [{ rows, nextBefore }, unread] = await Promise.all([queryFeedApi(notificationsTable, db, ctx, new URL(request.url).searchParams), unreadCount(db, ctx)]);
  return json({ data: rows.map(notificationToJson), next_before: nextBefore, unread });
});
