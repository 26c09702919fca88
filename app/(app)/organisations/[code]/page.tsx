import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { requirePageAuth } from "@/lib/auth/guards";
import { hasRole } from "@/lib/auth/roles";
import { listNotesForOrganisation } from "@/lib/notes";
import { OrganisationNotes } from "@/components/notes/organisation-notes";
import { descendantCounts, findOrganisationByCode, parentChain } from "@/lib/organisations/read";
import { findCurrentBuyer } from "@/lib/organisations/succession";
import { OrganisationSummary } from "@/components/organisations/organisation-summary";

type Props = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await requirePageAuth();
  const { code } = await params;
  const organisation = await findOrganisationByCode(getDb(), decodeURIComponent(code));
  return { title: organisation ? organisation.name : "Organisation not found" };
}

export default async function OrganisationPage({ params }: Props) {
  const ctx = await requirePageAuth();
  const code = decodeURIComponent((await params).code);
  const db = getDb();
  const organisation = await findOrganisationByCode(db, code);
  if (!organisation) notFound();
  const [chain, below, buyer, notes] = await Promise.all([
    parentChain(db, organisation.code),
    descendantCounts(db, organisation.code),
    findCurrentBuyer(db, organisation.code),
    listNotesForOrganisation(db, ctx, organisation.code),
  ]);
  return (
    <>
      <OrganisationSummary organisation={organisation} chain={chain} below={below} buyer={buyer} />
      <OrganisationNotes organisationCode={organisation.code} notes={notes} canWrite={hasRole(ctx.role, "analyst")} />
    </>
  );
}
