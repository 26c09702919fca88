import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db/client";
import { requirePageAuth } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { followLink, followScopeOf, listFollows, type FollowRecord } from "@/lib/alerts/follows";
import { listTargetLists } from "@/lib/target-lists";
import { listViews } from "@/lib/views";
import { KIND_LABELS, type OrganisationKind } from "@/lib/organisations/vocabulary";
import { Card, PageHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { AddToWatchlist, UnfollowButton, type FollowRow } from "@/components/alerts/following";

export const metadata: Metadata = { title: "Following" };

const GROUPS = [
  { target: "organisation", title: "Bodies" },
  { target: "view", title: "Saved views" },
  { target: "list", title: "Target lists" },
] as const;

function toRow(f: FollowRecord): FollowRow {
  const name = f.organisation?.name ?? f.view?.name ?? f.list?.name ?? "";
  const detail = f.organisation
    ? `${f.organisation.code} · ${KIND_LABELS[f.organisation.kind as OrganisationKind]?.singular ?? f.organisation.kind}${f.organisation.status === "closed" ? " · closed" : ""}${f.descendants ? " · with everything below it" : ""}`
    : f.view
      ? `${f.view.page === "contracts" ? "Contracts" : "Explorer"} view`
      : f.list?.archivedAt
        ? "Archived list"
        : "Target list";
  return { id: f.id, target: f.target as FollowRow["target"], name, detail, href: followLink(f) };
}

function Groups({ follows, canRemove, empty }: { follows: FollowRecord[]; canRemove: boolean; empty: React.ReactNode }) {
  if (follows.length === 0) return <>{empty}</>;
  return (
    <div className="space-y-5">
      {GROUPS.map(({ target, title }) => {
        const rows = follows.filter((f) => f.target === target).map(toRow);
        if (rows.length === 0) return null;
        return (
          <div key={target}>
            <h3 className="mb-2 text-sm font-semibold text-slate-700">{title} <span className="font-normal text-slate-500">({rows.length})</span></h3>
            <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
              {rows.map((row) => (
                <li key={row.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
                  <div className="min-w-0">
                    <Link href={row.href} className="font-medium text-brand-700 hover:underline">{row.name}</Link>
                    <p className="text-xs text-slate-500">{row.detail}</p>
                  </div>
                  {canRemove && <UnfollowButton id={row.id} name={row.name} />}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </div>
  );
}

export default async function FollowingPage() {
  const ctx = await requirePageAuth();
  const db = getDb();
  const canManage = can(ctx, "manage");
  const [follows, lists, views] = await Promise.all([listFollows(db, ctx), canManage ? listTargetLists(db, ctx) : [], canManage ? listViews(db, ctx) : []]);
  const mine = follows.filter((f) => followScopeOf(f) === "me");
  const team = follows.filter((f) => followScopeOf(f) === "team");
  return (
    <>
      <PageHeader title="Following">
        The bodies, saved views and target lists you follow in {ctx.team.name}, and the team&apos;s watchlist, which every member is notified of. Follow from a body&apos;s profile, the saved views menu or a list.{" "}
        <Link href="/notifications" className="text-brand-700 underline underline-offset-2">Your notifications</Link>
      </PageHeader>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="You follow" description="Only you are notified.">
          <Groups
            follows={mine}
            canRemove
            empty={
              <EmptyState look="card" title="You follow nothing yet" action={<Link href="/explorer" className="text-sm text-brand-700 underline">Find a body in the explorer</Link>}>
                Open a body, a saved view or a target list and choose Follow.
              </EmptyState>
            }
          />
        </Card>
        <Card title="The team's watchlist" description={canManage ? "Every member of the team is notified. Admins and owners keep it." : "Every member of the team is notified. Admins and owners keep it; ask one to change it."}>
          <Groups follows={team} canRemove={canManage} empty={<EmptyState look="card" title="The watchlist is empty">{canManage ? "Add a body, a view or a list below." : "Nothing is on it yet."}</EmptyState>} />
          {canManage && (
            <AddToWatchlist
              options={[
                ...lists.map((l) => ({ value: `list:${l.id}`, label: `List: ${l.name}` })),
                ...views.map((v) => ({ value: `view:${v.id}`, label: `${v.page === "contracts" ? "Contracts" : "Explorer"} view: ${v.name}` })),
              ]}
            />
          )}
        </Card>
      </div>
    </>
  );
}
