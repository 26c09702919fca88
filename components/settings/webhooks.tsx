"use client";

// Settings -> Webhooks: the team's webhooks, made and changed through the REST API the page shares
// with integrations (/api/v1/webhooks), so the rules (admins only, strict bodies, versions) are the API's.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { EVENT_KIND_TEXT, EVENT_KINDS, type EventKind } from "@/lib/alerts/vocabulary";
import type { DeliveryJson, WebhookJson } from "@/lib/alerts/webhooks";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Checkbox, Input, Label } from "@/components/ui/input";

type ApiError = { error?: { message?: string; fields?: Record<string, string[]> } };

async function callApi(url: string, method: string, body?: unknown): Promise<{ ok: true; data: unknown } | { ok: false; message: string }> {
  const response = await fetch(url, { method, credentials: "same-origin", headers: body === undefined ? {} : { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 204) return { ok: true, data: null };
  const data = (await response.json().catch(() => ({}))) as ApiError;
  if (response.ok) return { ok: true, data };
  const fields = Object.entries(data.error?.fields ?? {}).map(([field, messages]) => `${field}: ${messages.join(", ")}`);
  return { ok: false, message: [data.error?.message ?? `The server answered ${response.status}.`, ...fields].join(" ") };
}

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "Europe/London" });
const when = (iso: string | null) => (iso ? dateTime.format(new Date(iso)) : "—");

function EventChoices({ name, chosen }: { name: string; chosen: readonly string[] }) {
  return (
    <fieldset className="space-y-1">
      <legend className="text-sm font-medium text-slate-700">Events</legend>
      {EVENT_KINDS.map((kind) => (
        <Checkbox key={kind} name={name} value={kind} defaultChecked={chosen.includes(kind)} label={`${EVENT_KIND_TEXT[kind].label} (${kind})`} />
      ))}
    </fieldset>
  );
}

const eventsOf = (form: FormData, name: string) => form.getAll(name).map(String) as EventKind[];

export function Webhooks({ webhooks }: { webhooks: WebhookJson[] }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const [copied, setCopied] = useState(false);

  const create = (form: FormData) =>
    start(async () => {
      const description = String(form.get("description") ?? "").trim();
      const result = await callApi("/api/v1/webhooks", "POST", { url: String(form.get("url") ?? ""), events: eventsOf(form, "events"), ...(description ? { description } : {}) });
      if (!result.ok) return setError(result.message);
      setError(null);
      setCopied(false);
      const data = result.data as { url: string; secret: string };
      setCreated({ url: data.url, secret: data.secret });
      router.refresh();
    });

  return (
    <div className="space-y-6">
      <form action={create} className="grid gap-4 md:grid-cols-2">
        <div className="space-y-3">
          <div>
            <Label htmlFor="webhook-url">URL</Label>
            <Input id="webhook-url" name="url" type="url" required placeholder="https://hooks.slack.com/… or your CRM's endpoint" />
          </div>
          <div>
            <Label htmlFor="webhook-description">Description (optional)</Label>
            <Input id="webhook-description" name="description" maxLength={500} placeholder="e.g. Slack #bids" />
          </div>
          <Button type="submit" pending={pending} disabled={pending}>Add webhook</Button>
        </div>
        <EventChoices name="events" chosen={["notice.published"]} />
      </form>
      {error && <p role="alert" className="text-sm text-rose-700">{error}</p>}
      {created && (
        <div role="status" className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm">
          <p className="font-medium text-amber-900">Copy the signing secret of {created.url} now: it will not be shown again. Your receiver checks each POST&apos;s X-Atlas-Signature with it.</p>
          <div className="mt-2 flex items-center gap-2">
            <code className="block flex-1 break-all rounded bg-white px-2 py-1 font-mono text-xs" data-testid="new-webhook-secret">{created.secret}</code>
            <Button
              size="xs"
              variant="secondary"
              onClick={() => void navigator.clipboard.writeText(created.secret).then(() => setCopied(true), () => setCopied(false))}
            >
              {copied ? "Copied" : "Copy"}
            </Button>
          </div>
        </div>
      )}
      {webhooks.length === 0 ? <p className="text-sm text-slate-600">No webhooks yet.</p> : <ul className="divide-y divide-slate-100">{webhooks.map((webhook) => <WebhookRow key={webhook.id} webhook={webhook} />)}</ul>}
    </div>
  );
}

function WebhookRow({ webhook }: { webhook: WebhookJson }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const run = (work: () => Promise<{ ok: true; data: unknown } | { ok: false; message: string }>, done?: (data: unknown) => string | null) =>
    start(async () => {
      const result = await work();
      setMessage(result.ok ? (done?.(result.data) ?? null) : result.message);
      if (result.ok) router.refresh();
    });

  const save = (form: FormData) =>
    run(
      () => callApi(`/api/v1/webhooks/${webhook.id}`, "PATCH", { url: String(form.get("url") ?? ""), events: eventsOf(form, `events-${webhook.id}`), description: String(form.get("description") ?? "").trim() || null, version: webhook.version }),
      () => {
        setEditing(false);
        return "Saved.";
      },
    );

  return (
    <li className="py-3 text-sm">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="break-all font-mono text-xs">{webhook.url}</p>
          {webhook.description && <p className="text-slate-700">{webhook.description}</p>}
          <p className="mt-1 flex flex-wrap gap-1">
            {webhook.active ? <Badge tone="success">Active</Badge> : <Badge>Paused</Badge>}
            {webhook.events.map((kind) => <Badge key={kind}>{kind}</Badge>)}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Link href={`/settings/webhooks?webhook=${webhook.id}`} className="text-brand-700 underline">Delivery log</Link>
          <Button size="xs" variant="secondary" disabled={pending} onClick={() => run(() => callApi(`/api/v1/webhooks/${webhook.id}/test`, "POST"), (data) => { const d = data as DeliveryJson; return d.status === "succeeded" ? `Test delivered (HTTP ${d.last_status}).` : `Test failed: ${d.last_error ?? "no answer"}`; })}>
            Send test
          </Button>
          <Button size="xs" variant="secondary" disabled={pending} onClick={() => run(() => callApi(`/api/v1/webhooks/${webhook.id}`, "PATCH", { active: !webhook.active, version: webhook.version }))}>
            {webhook.active ? "Pause" : "Turn on"}
          </Button>
          <Button size="xs" variant="secondary" onClick={() => setEditing(!editing)}>{editing ? "Cancel edit" : "Edit"}</Button>
          {confirming ? (
            <>
              <Button size="xs" variant="danger" disabled={pending} onClick={() => run(() => callApi(`/api/v1/webhooks/${webhook.id}`, "DELETE"))}>Delete it and its log</Button>
              <Button size="xs" variant="secondary" onClick={() => setConfirming(false)}>Keep</Button>
            </>
          ) : (
            <Button size="xs" variant="danger" onClick={() => setConfirming(true)}>Delete<span className="sr-only"> {webhook.url}</span></Button>
          )}
        </div>
      </div>
      {editing && (
        <form action={save} className="mt-3 grid gap-4 rounded-md border border-slate-200 p-3 md:grid-cols-2">
          <div className="space-y-3">
            <div>
              <Label htmlFor={`url-${webhook.id}`}>URL</Label>
              <Input id={`url-${webhook.id}`} name="url" type="url" required defaultValue={webhook.url} />
            </div>
            <div>
              <Label htmlFor={`description-${webhook.id}`}>Description</Label>
              <Input id={`description-${webhook.id}`} name="description" maxLength={500} defaultValue={webhook.description ?? ""} />
            </div>
            <Button type="submit" size="sm" pending={pending} disabled={pending}>Save</Button>
          </div>
          <EventChoices name={`events-${webhook.id}`} chosen={webhook.events} />
        </form>
      )}
      {message && <p role="status" className="mt-2 text-sm text-slate-700">{message}</p>}
    </li>
  );
}

const STATUS_TONE = { succeeded: "success", failed: "danger", pending: "warning" } as const;

/** A webhook's deliveries, newest first: status, attempts, the receiver's last answer, the next attempt; redeliver the finished ones. */
export function DeliveryLog({ webhookId, deliveries }: { webhookId: string; deliveries: DeliveryJson[] }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  if (deliveries.length === 0) return <p className="text-sm text-slate-600">Nothing sent yet. The test button sends a sample.</p>;
  return (
    <div className="overflow-x-auto">
      {message && <p role="alert" className="mb-2 text-sm text-rose-700">{message}</p>}
      <table className="w-full text-sm">
        <caption className="sr-only">Deliveries, newest first</caption>
        <thead>
          <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
            <th scope="col" className="py-2 pr-3">Created</th><th scope="col" className="pr-3">Event</th><th scope="col" className="pr-3">Status</th><th scope="col" className="pr-3">Attempts</th><th scope="col" className="pr-3">Last answer</th><th scope="col" className="pr-3">Next attempt</th><th scope="col"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {deliveries.map((delivery) => (
            <tr key={delivery.id}>
              <td className="whitespace-nowrap py-2 pr-3 tabular-nums">{when(delivery.created_at)}</td>
              <td className="pr-3"><code className="text-xs">{delivery.event}</code>{delivery.test && <span className="ml-1 text-xs text-slate-500">(test)</span>}</td>
              <td className="pr-3"><Badge tone={STATUS_TONE[delivery.status]}>{delivery.status}</Badge></td>
              <td className="pr-3 tabular-nums">{delivery.attempts}</td>
              <td className="max-w-xs break-words pr-3 text-xs">{delivery.last_status !== null && <span className="font-mono">HTTP {delivery.last_status}</span>}{delivery.last_error && <div className="text-rose-700">{delivery.last_error}</div>}{delivery.last_status === null && !delivery.last_error && "—"}</td>
              <td className="whitespace-nowrap pr-3 tabular-nums">{delivery.status === "pending" ? when(delivery.next_attempt_at) : "—"}</td>
              <td className="text-right">
                {delivery.status !== "pending" && (
                  <Button
                    size="xs"
                    variant="secondary"
                    disabled={pending}
                    onClick={() =>
                      start(async () => {
                        const result = await callApi(`/api/v1/webhooks/${webhookId}/deliveries/${delivery.id}/redeliver`, "POST");
                        setMessage(result.ok ? null : result.message);
                        if (result.ok) router.refresh();
                      })
                    }
                  >
                    Redeliver
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
