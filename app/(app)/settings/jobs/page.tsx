import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { requirePageAuth } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { isOperator } from "@/lib/procurement/buyers";
import { teamDeliveryProblems } from "@/lib/alerts/webhooks";
import { JOB_STATES, jobProblems, queueCounts } from "@/lib/jobs/status";
import { Card, PageHeader } from "@/components/ui/card";

export const metadata: Metadata = { title: "Jobs" };

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "Europe/London" });

/** The error pg-boss kept for a job (its output), in a line. */
function errorText(output: unknown): string {
  if (output && typeof output === "object" && "message" in output) return String((output as { message: unknown }).message);
  return output === null || output === undefined ? "—" : JSON.stringify(output).slice(0, 300);
}

export default async function JobsPage() {
  const ctx = await requirePageAuth();
  const db = getDb();
  const operator = await isOperator(db, ctx.user.id);
  const admin = can(ctx, "manage");
  // The queues are the installation's, shared by every team: operators see them; a team's admins see their own deliveries
  if (!operator && !admin) notFound();
  const [counts, problems, deliveries] = await Promise.all([operator ? queueCounts(db) : null, operator ? jobProblems(db) : null, admin ? teamDeliveryProblems(db, ctx) : null]);
  return (
    <>
      <PageHeader eyebrow={operator ? "Operators" : undefined} title="Jobs">
        Detection, digests, email and webhooks run as jobs on a queue in PostgreSQL (pg-boss).{" "}
        {operator
          ? "You operate this installation, so you see every queue, for every team."
          : `The queues are shared by every team of this installation, so only its operators see them; here are ${ctx.team.name}'s webhook deliveries that failed or are being retried.`}
      </PageHeader>
      <div className="space-y-6">
        {counts && (
          <Card title="Queues" description="Jobs by state; finished jobs move to the archive after a while.">
            <div className="overflow-x-auto">
              <table className="w-full text-sm">
                <caption className="sr-only">Jobs per queue and state</caption>
                <thead><tr className="text-left text-xs uppercase tracking-wide text-slate-500"><th scope="col" className="py-2 pr-3">Queue</th>{JOB_STATES.map((state) => <th key={state} scope="col" className="pr-3 text-right">{state}</th>)}<th scope="col" className="text-right">archived</th></tr></thead>
                <tbody className="divide-y divide-slate-100">
                  {counts.map((queue) => (
                    <tr key={queue.queue}>
                      <td className="py-2 pr-3 font-mono text-xs">{queue.queue}</td>
                      {JOB_STATES.map((state) => <td key={state} className={`pr-3 text-right tabular-nums ${state === "failed" && queue.counts.failed > 0 ? "font-semibold text-rose-700" : ""}`}>{queue.counts[state]}</td>)}
                      <td className="text-right tabular-nums">{queue.archived}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Card>
        )}
        {problems && (
          <Card title="Failed and retrying jobs" description="The latest 50, newest first, with the error each gave.">
            {problems.length === 0 ? (
              <p className="text-sm text-slate-600">None.</p>
            ) : (
              <div className="overflow-x-auto">
                <table className="w-full text-sm">
                  <caption className="sr-only">Failed and retrying jobs</caption>
                  <thead><tr className="text-left text-xs uppercase tracking-wide text-slate-500"><th scope="col" className="py-2 pr-3">Queue</th><th scope="col" className="pr-3">State</th><th scope="col" className="pr-3">Created</th><th scope="col" className="pr-3">Retries</th><th scope="col" className="pr-3">Next run</th><th scope="col">Error</th></tr></thead>
                  <tbody className="divide-y divide-slate-100 align-top">
                    {problems.map((job) => (
                      <tr key={`${job.queue}:${job.id}`}>
                        <td className="py-2 pr-3 font-mono text-xs">{job.queue}</td>
                        <td className="pr-3">{job.state}</td>
                        <td className="whitespace-nowrap pr-3 tabular-nums">{dateTime.format(job.createdAt)}</td>
                        <td className="pr-3 tabular-nums">{job.retryCount} of {job.retryLimit}</td>
                        <td className="whitespace-nowrap pr-3 tabular-nums">{job.state === "retry" ? dateTime.format(job.startAfter) : "—"}</td>
                        <td className="max-w-md break-words font-mono text-xs text-rose-700">{errorText(job.output)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Card>
        )}
        {deliveries && (
          <Card title={`${ctx.team.name}'s webhook deliveries that failed or are being retried`} description="A delivery is retried with backoff for 24 hours, then marked failed; redeliver it from its webhook's log.">
            {deliveries.length === 0 ? (
              <p className="text-sm text-slate-600">None.</p>
            ) : (
              <div className="overflow-x-auto">
                <table className="w-full text-sm">
                  <caption className="sr-only">Webhook deliveries with problems</caption>
                  <thead><tr className="text-left text-xs uppercase tracking-wide text-slate-500"><th scope="col" className="py-2 pr-3">Webhook</th><th scope="col" className="pr-3">Event</th><th scope="col" className="pr-3">Status</th><th scope="col" className="pr-3">Attempts</th><th scope="col" className="pr-3">Last answer</th><th scope="col">Next attempt</th></tr></thead>
                  <tbody className="divide-y divide-slate-100 align-top">
                    {deliveries.map((delivery) => (
                      <tr key={String(delivery.id)}>
                        <td className="max-w-xs break-all py-2 pr-3 font-mono text-xs"><Link href={`/settings/webhooks?webhook=${delivery.webhook.id}`} className="text-brand-700 underline">{delivery.webhook.url}</Link></td>
                        <td className="pr-3 font-mono text-xs">{delivery.eventKind}</td>
                        <td className="pr-3">{delivery.status === "pending" ? "retrying" : delivery.status}</td>
                        <td className="pr-3 tabular-nums">{delivery.attempts}</td>
                        <td className="max-w-xs break-words pr-3 text-xs">{delivery.lastStatus !== null ? `HTTP ${delivery.lastStatus} ` : ""}{delivery.lastError ?? ""}</td>
                        <td className="whitespace-nowrap tabular-nums">{delivery.nextAttemptAt ? dateTime.format(delivery.nextAttemptAt) : "—"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Card>
        )}
      </div>
    </>
  );
}
