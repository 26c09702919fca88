import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { commissionLines } from "@/lib/commissioning";
import { notFound } from "@/lib/errors";
import { json } from "@/lib/http";
import { findOrganisationProfile } from "@/lib/organisations/profile";
import { registeredPatientsFigure } from "@/lib/organisations/read";

export const GET = withApiAuth<{ code: string }>(endpoints.getOrganisation, async ({ params }) => {
  const organisation = await findOrganisationProfile(getDb(), params.code);
  if (!organisation) throw notFound("That organisation");
  return json({
    code: organisation.code,
    code_system: organisation.code_system,
    ons_code: organisation.ons_code,
    name: organisation.name,
    other_names: organisation.other_names,
    kind: organisation.kind,
    subtype: organisation.subtype,
    nation: organisation.nation,
    status: organisation.status,
    open_date: organisation.open_date,
    close_date: organisation.close_date,
    parent: organisation.parent,
    parent_chain: organisation.parent_chain,
    region: organisation.region,
    predecessors: organisation.predecessors,
    successors: organisation.successors,
    current_bodies: organisation.current_bodies,
    current_commissioners: organisation.current_commissioners,
    population: organisation.population === null ? null : { value: organisation.population, year: organisation.population_year, source: organisation.population_source },
    registered_patients: registeredPatientsFigure(organisation.registered_patients, organisation.registered_patients_month, organisation.registered_patients_source),
    allocations: organisation.allocations,
    children_counts: Object.fromEntries(organisation.children_counts.map((b) => [b.kind, { open: b.open, closed: b.closed }])),
    commissions: commissionLines(organisation.commissions),
    postcode: organisation.postcode,
    address: organisation.address,
    website: organisation.website,
    source: organisation.source,
    source_as_of: organisation.source_as_of,
  });
});
