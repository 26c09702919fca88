import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db/client";
import { requirePageAuth } from "@/lib/auth/guards";
import { auditTable, type AuditEventRecord } from "@/lib/audit";
import { toSearchParams } from "@/lib/paging";
import type { TablePage } from "@/lib/tables/page";
import { readFeedPage } from "@/lib/tables/server";
import { Card, PageHeader } from "@/components/ui/card";
import { FilterError } from "@/components/data-table/filter-error";

export const metadata: Metadata = { title: "Audit log" };

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "Europe/London" });

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requirePageAuth("manage");
  const read = await readFeedPage(auditTable, getDb(), { teamId: ctx.team.id }, toSearchParams(await searchParams));
  return (
    <>
      <PageHeader title="Audit log">Sign-ins, invitations, role changes, tokens and every change to lists, notes and views in {ctx.team.name}.</PageHeader>
      {read.ok ? <AuditEvents page={read.page} /> : <FilterError message={read.error} resetHref="/settings/audit" resetLabel="Show the latest events" />}
    </>
  );
}

function AuditEvents({ page }: { page: TablePage<AuditEventRecord> }) {
  const { rows: events, nextBefore } = page;
  return (
    <Card>
      {events.length === 0 ? (
        <p className="text-sm text-slate-600">Nothing recorded yet.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">Audit events, newest first</caption>
            <thead><tr className="text-left text-xs uppercase tracking-wide text-slate-500"><th scope="col" className="py-2 pr-3">When</th><th scope="col" className="pr-3">Who</th><th scope="col" className="pr-3">What</th><th scope="col" className="pr-3">IP</th><th scope="col">Change</th></tr></thead>
            <tbody className="divide-y divide-slate-100 align-top">
              {events.map((event) => (
                <tr key={String(event.id)}>
                  <td className="whitespace-nowrap py-2 pr-3 tabular-nums">{dateTime.format(event.createdAt)}</td>
                  <td className="pr-3">{event.user ? `${event.user.name}` : "—"}</td>
                  <td className="pr-3"><code className="text-xs">{event.action}</code>{event.target && <div className="text-xs text-slate-500">{event.target}</div>}</td>
                  <td className="pr-3 font-mono text-xs">{event.ip ?? "—"}</td>
                  <td className="max-w-md break-words font-mono text-xs text-slate-600">
                    {event.before !== null && <div>before: {JSON.stringify(event.before)}</div>}
                    {event.after !== null && <div>after: {JSON.stringify(event.after)}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextBefore && <Link href={`/settings/audit?before=${nextBefore}`} className="mt-4 inline-block text-sm text-brand-700 underline">Older events</Link>}
    </Card>
  );
}
