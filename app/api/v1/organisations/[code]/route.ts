import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { commissionedBy } from "@/lib/commissioning";
import { notFound } from "@/lib/errors";
import { json } from "@/lib/http";
import { descendantCounts, findOrganisationByCode, parentChain, registeredPatientsFigure } from "@/lib/organisations/read";
import { findCurrentBuyer } from "@/lib/organisations/succession";

export const GET = withApiAuth<{ code: string }>(endpoints.getOrganisation, async ({ params }) => {
  const db = getDb();
  const organisation = await findOrganisationByCode(db, params.code);
  if (!organisation) throw notFound("That organisation");
  const [chain, below, buyer, commissions] = await Promise.all([
    parentChain(db, organisation.code),
    descendantCounts(db, organisation.code),
    findCurrentBuyer(db, organisation.code),
    commissionedBy(db, organisation),
  ]);
  return json({
    code: organisation.code,
    code_system: organisation.codeSystem,
    ons_code: organisation.onsCode,
    name: organisation.name,
    other_names: organisation.otherNames,
    kind: organisation.kind,
    subtype: organisation.subtype,
    nation: organisation.nation,
    status: organisation.status,
    open_date: organisation.openDate?.toISOString().slice(0, 10) ?? null,
    close_date: organisation.closeDate?.toISOString().slice(0, 10) ?? null,
    parent: organisation.parent,
    parent_chain: chain,
    region: organisation.region,
    predecessors: organisation.predecessors.map((p) => ({ ...p.predecessor, effective_date: p.effectiveDate.toISOString().slice(0, 10), reason: p.reason })),
    successors: organisation.successors.map((s) => ({ ...s.successor, effective_date: s.effectiveDate.toISOString().slice(0, 10), reason: s.reason, note: s.note })),
    current_bodies: buyer?.current ?? [],
    current_commissioners: buyer?.currentCommissioners ?? [],
    population: organisation.population === null ? null : { value: organisation.population, year: organisation.populationYear, source: organisation.populationSource },
    registered_patients: registeredPatientsFigure(organisation.registeredPatients, organisation.registeredPatientsMonth, organisation.registeredPatientsSource),
    allocations: organisation.allocations.map((a) => ({ financial_year: a.financialYear, line: a.line, amount_gbp_thousands: Number(a.amountGbpThousands), structure: a.structure, source: a.source })),
    children_counts: Object.fromEntries(below.map((b) => [b.kind, { open: b.open, closed: b.closed }])),
    commissions,
    postcode: organisation.postcode,
    address: organisation.address,
    website: organisation.website,
    source: organisation.source,
    source_as_of: organisation.sourceAsOf.toISOString().slice(0, 10),
  });
});
