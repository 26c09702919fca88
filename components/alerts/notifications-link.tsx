import Link from "next/link";
import { focusRingClass } from "@/components/ui/button";

/** The header's link to the inbox, with the unread count (read by the layout on each page). */
export function NotificationsLink({ unread }: { unread: number }) {
  // The name is the visible text (axe: label-content-name-mismatch), with "unread" for screen readers
  return (
    <Link href="/notifications" className={`relative inline-flex items-center gap-1.5 rounded-md px-2 py-1 text-brand-100 hover:bg-brand-800 hover:text-white ${focusRingClass}`}>
      <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4 fill-current">
        <path d="M10 2a5 5 0 0 0-5 5v2.6l-1.4 2.8A1 1 0 0 0 4.5 14h11a1 1 0 0 0 .9-1.6L15 9.6V7a5 5 0 0 0-5-5Zm0 16a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 10 18Z" />
      </svg>
      <span className="sr-only lg:not-sr-only">Notifications</span>
      {unread > 0 && (
        <span className="rounded-full bg-amber-400 px-1.5 text-xs font-semibold tabular-nums text-brand-900">
          {unread > 99 ? "99+" : unread}
          <span className="sr-only"> unread</span>
        </span>
      )}
    </Link>
  );
}
