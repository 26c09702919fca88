"use client";

import { useState, useTransition } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { markReadAction } from "@/lib/alerts/actions";
import { EVENT_KIND_TEXT, type EventKind } from "@/lib/alerts/vocabulary";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useWithActiveTeam } from "@/components/ui/active-team";

export type InboxItem = {
  id: string;
  kind: EventKind;
  title: string;
  summary: string | null;
  link: string;
  organisation: { code: string; name: string } | null;
  source: string;
  source_url: string | null;
  created_at: string;
  read_at: string | null;
};

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" });

/** The inbox: each notification links to its thing and is marked read when opened; "Mark all read" for the rest. */
export function Inbox({ items, unread, olderHref }: { items: InboxItem[]; unread: number; olderHref: string | null }) {
  const withTeam = useWithActiveTeam();
  const router = useRouter();
  const [readIds, setReadIds] = useState<Set<string>>(() => new Set(items.filter((i) => i.read_at).map((i) => i.id)));
  const [status, setStatus] = useState("");
  const [pending, startTransition] = useTransition();

  function mark(input: { ids: string[] } | { all: true }, then?: () => void) {
    startTransition(async () => {
      const result = await withTeam(markReadAction)(input);
      if (!result.ok) return setStatus(result.message);
      setReadIds((before) => new Set([...before, ...("ids" in input ? input.ids : items.map((i) => i.id))]));
      setStatus("all" in input ? "Everything is marked read." : `Marked read. ${result.data.unread} unread.`);
      if (then) then();
      else router.refresh();
    });
  }

  return (
    <section aria-label="Your notifications">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <p role="status" className="text-sm text-slate-600">{status}</p>
        <Button variant="secondary" size="sm" disabled={pending || unread === 0} pending={pending} onClick={() => mark({ all: true })}>Mark all read</Button>
      </div>
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
        {items.map((item) => {
          const isRead = readIds.has(item.id);
          return (
            <li key={item.id} className={`flex gap-3 px-4 py-3 ${isRead ? "" : "bg-brand-50/60"}`}>
              <span aria-hidden className={`mt-1.5 h-2 w-2 shrink-0 rounded-full ${isRead ? "bg-transparent" : "bg-brand-600"}`} />
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-center gap-2">
                  <Badge tone={isRead ? "neutral" : "brand"}>{EVENT_KIND_TEXT[item.kind]?.label ?? item.kind}</Badge>
                  {!isRead && <span className="sr-only">Unread:</span>}
                  <Link
                    href={item.link}
                    className={`rounded text-sm text-brand-800 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600 ${isRead ? "" : "font-semibold"}`}
                    onClick={(event) => {
                      // Mark it read, then open it; a new-tab click opens at once and leaves it unread
                      if (isRead || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
                      event.preventDefault();
                      mark({ ids: [item.id] }, () => router.push(item.link));
                    }}
                  >
                    {item.title}
                  </Link>
                </div>
                {item.summary && <p className="mt-1 text-sm text-slate-700">{item.summary}</p>}
                <p className="mt-1 text-xs text-slate-500">
                  {item.organisation && (
                    <>
                      <Link href={`/organisations/${encodeURIComponent(item.organisation.code)}`} className="text-brand-700 underline underline-offset-2">{item.organisation.name}</Link>
                      {" · "}
                    </>
                  )}
                  {item.source_url ? <a href={item.source_url} rel="noreferrer noopener" target="_blank" className="underline underline-offset-2">{item.source}</a> : item.source}
                  {" · "}
                  <time dateTime={item.created_at}>{when.format(new Date(item.created_at))}</time>
                </p>
              </div>
              {!isRead && (
                <Button variant="link" size="inline" className="self-start text-xs" disabled={pending} onClick={() => mark({ ids: [item.id] })} aria-label={`Mark read: ${item.title}`}>
                  Mark read
                </Button>
              )}
            </li>
          );
        })}
      </ul>
      {olderHref && <Link href={olderHref} className="mt-4 inline-block text-sm text-brand-700 underline">Older notifications</Link>}
    </section>
  );
}
