import { cache, Suspense } from "react";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { requirePageAuth } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { listNotesForOrganisation, listPredecessorNotes, noteToJson } from "@/lib/notes";
import { listContacts } from "@/lib/contacts";
import { OrganisationNotes } from "@/components/notes/organisation-notes";
import { commissioningForPopulation, populationCommissioner } from "@/lib/commissioning";
import { listsHoldingOrganisation } from "@/lib/target-lists/memberships";
import { listTargetLists } from "@/lib/target-lists";
import { PopulationCommissioningCard } from "@/components/commissioning/population-commissioning";
import { TeamLists } from "@/components/target-lists/team-lists";
import { childKindCounts, descendantCounts, findOrganisationByCode, parentChain } from "@/lib/organisations/read";
import { explorerTable } from "@/lib/organisations/explorer";
import { readTablePage } from "@/lib/tables/server";
import { ChildrenSection } from "@/components/organisations/children-section";
import { toSearchParams } from "@/lib/paging";
import { findCurrentBuyer } from "@/lib/organisations/succession";
import { OrganisationSummary } from "@/components/organisations/organisation-summary";
import { listOrganisationHistory } from "@/lib/changes";
import { OrganisationHistory } from "@/components/organisations/organisation-history";
import { ProfileActions } from "@/components/organisations/profile-actions";
import { PredecessorNotes } from "@/components/notes/predecessor-notes";
import { loadProcurementProfile } from "@/lib/procurement/profile";
import { ProcurementSection, ProcurementSkeleton } from "@/components/procurement/procurement-section";
import { followsOf } from "@/lib/alerts/follows";
import { FollowButton } from "@/components/alerts/follow-button";

// generateMetadata and the page both need the body: one query per request
const loadOrganisation = cache((code: string) => findOrganisationByCode(getDb(), code));

/** Streamed after the rest of the profile: its figures walk the body's whole scope. */
async function Procurement({ code, name }: { code: string; name: string }) {
  return <ProcurementSection name={name} profile={await loadProcurementProfile(getDb(), code)} />;
}

type Props = { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await requirePageAuth();
  const { code } = await params;
  const organisation = await loadOrganisation(decodeURIComponent(code));
  return { title: organisation ? organisation.name : "Organisation not found" };
}

export default async function OrganisationPage({ params, searchParams }: Props) {
  const ctx = await requirePageAuth();
  const code = decodeURIComponent((await params).code);
  const db = getDb();
  const organisation = await loadOrganisation(code);
  if (!organisation) notFound();
  const tableParams = toSearchParams(await searchParams, ["parent"]);
  const [chain, below, buyer, notes, predecessorNotes, lists, contacts, teamLists, childKinds, children, history, followState] = await Promise.all([
    parentChain(db, organisation.code),
    descendantCounts(db, organisation.code),
    findCurrentBuyer(db, organisation.code),
    listNotesForOrganisation(db, ctx, organisation.code, { includeDeleted: true }),
    listPredecessorNotes(db, ctx, organisation.id),
    listsHoldingOrganisation(db, ctx, organisation.id),
    listContacts(db, ctx, organisation.code),
    listTargetLists(db, ctx),
    childKindCounts(db, organisation.id),
    // The explorer's table with the parent fixed; bad table parameters show in the table, not as a failed page
    readTablePage(explorerTable, db, { teamId: ctx.team.id }, tableParams, { parent: organisation.code }),
    listOrganisationHistory(db, organisation.code),
    followsOf(db, ctx, { organisationId: organisation.id }),
  ]);
  const commissioner = await populationCommissioner(db, organisation, buyer?.currentCommissioners[0]?.code);
  const population = commissioner ? await commissioningForPopulation(db, commissioner) : null;
  const listOptions = teamLists.map(({ id, name }) => ({ value: id, label: name }));
  const canWrite = can(ctx, "write");
  return (
    <>
      <OrganisationSummary organisation={organisation} chain={chain} below={below} buyer={buyer} actions={
          <div className="flex flex-wrap items-start gap-3">
            <FollowButton of={{ target: "organisation", code: organisation.code, hasChildren: organisation._count.children > 0 }} state={followState} canManage={can(ctx, "manage")} align="start" />
            <ProfileActions code={organisation.code} lists={listOptions} canWrite={canWrite} />
          </div>
        } />
      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          {population && (
            <PopulationCommissioningCard
              data={population}
              subject={organisation.name}
              via={commissioner && commissioner.code !== organisation.code ? { code: commissioner.code, name: commissioner.name } : undefined}
            />
          )}
        </div>
        <TeamLists entries={lists} organisationName={organisation.name} canWrite={canWrite} />
      </div>
      <ChildrenSection
        organisation={organisation}
        kinds={childKinds}
        params={tableParams}
        read={children}
        canWrite={canWrite}
        lists={listOptions}
      />
      <Suspense fallback={<ProcurementSkeleton />}>
        <Procurement code={organisation.code} name={organisation.name} />
      </Suspense>
      <OrganisationHistory code={organisation.code} name={organisation.name} changes={history} />
      <OrganisationNotes
        organisationCode={organisation.code}
        notes={notes.map(noteToJson)}
        contacts={contacts.map(({ id, name, role, email, phone }) => ({ id, name, role, email, phone }))}
        canWrite={canWrite}
      />
      <PredecessorNotes notes={predecessorNotes} />
    </>
  );
}
