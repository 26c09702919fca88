// An organisation's profile as the API gives it, read in one statement: the body, its parent and
// region, its successions, allocations, parent chain, the kinds below it, today's bodies and
// commissioners, and what it commissions (it took fifteen round trips; under load each costs CPU).
import type { CommissionRow } from "@/lib/commissioning";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { queryRows } from "@/lib/db/query";
import { raw, sql } from "@/lib/db/sql";
import { organisationCodeSchema, type OrganisationRef } from "./read";
import { currentBuyerCtes, currentBuyerJson, refJsonObject } from "./succession";
import { ORGANISATION_KINDS, type OrganisationKind } from "./vocabulary";

type Succeeding = OrganisationRef & { effective_date: string; reason: string };

export type OrganisationProfileRow = {
  id: number;
  code: string;
  code_system: string;
  ons_code: string | null;
  name: string;
  other_names: string[];
  kind: OrganisationKind;
  subtype: string | null;
  nation: string;
  status: string;
  open_date: string | null;
  close_date: string | null;
  postcode: string | null;
  address: string | null;
  website: string | null;
  population: number | null;
  population_year: string | null;
  population_source: string | null;
  registered_patients: number | null;
  registered_patients_month: string | null;
  registered_patients_source: string | null;
  source: string;
  source_as_of: string;
  parent: OrganisationRef | null;
  region: OrganisationRef | null;
  parent_chain: OrganisationRef[];
  predecessors: Succeeding[];
  successors: (Succeeding & { note: string | null })[];
  current_bodies: OrganisationRef[];
  current_commissioners: OrganisationRef[];
  allocations: { financial_year: string; line: string; amount_gbp_thousands: number; structure: string; source: string }[];
  children_counts: { kind: OrganisationKind; open: number; closed: number }[];
  commissions: CommissionRow[];
};

/** The profile of the body with this code (any case), or null when there is none. */
export async function findOrganisationProfile(db: PrismaClient, code: string): Promise<OrganisationProfileRow | null> {
  const parsed = organisationCodeSchema.safeParse(code);
  if (!parsed.success) return null;
  const [row] = await queryRows<OrganisationProfileRow>(db, sql`
    WITH RECURSIVE body AS (SELECT * FROM organisation WHERE code = ${parsed.data}),
    chain AS (
      SELECT p.id, p.code, p.name, p.kind, p.nation, p.status, p.parent_id, 1 AS depth FROM body o JOIN organisation p ON p.id = o.parent_id
      UNION ALL
      SELECT p.id, p.code, p.name, p.kind, p.nation, p.status, p.parent_id, c.depth + 1 FROM chain c JOIN organisation p ON p.id = c.parent_id WHERE c.depth < 10
    ),
    below AS (
      SELECT c.id, c.kind, c.status, 1 AS depth FROM body o JOIN organisation c ON c.parent_id = o.id
      UNION ALL
      SELECT c.id, c.kind, c.status, b.depth + 1 FROM below b JOIN organisation c ON c.parent_id = b.id WHERE b.depth < 10
    ),
    ${currentBuyerCtes(raw("body"))}
    SELECT o.id, o.code, o.code_system, o.ons_code, o.name, o.other_names, o.kind, o.subtype, o.nation, o.status,
           to_char(o.open_date, 'YYYY-MM-DD') AS open_date, to_char(o.close_date, 'YYYY-MM-DD') AS close_date,
           o.postcode, o.address, o.website, o.population, o.population_year, o.population_source,
           o.registered_patients, o.registered_patients_month, o.registered_patients_source,
           o.source, to_char(o.source_as_of, 'YYYY-MM-DD') AS source_as_of, ${currentBuyerJson},
           (SELECT ${refJsonObject("p")} FROM organisation p WHERE p.id = o.parent_id) AS parent,
           (SELECT ${refJsonObject("r")} FROM organisation r WHERE r.id = o.region_id) AS region,
           (SELECT coalesce(json_agg(${refJsonObject("c")} ORDER BY c.depth), '[]') FROM chain c) AS parent_chain,
           (SELECT coalesce(json_agg(${refJsonObject("p", sql`, 'effective_date', to_char(s.effective_date, 'YYYY-MM-DD'), 'reason', s.reason`)}), '[]')
            FROM succession s JOIN organisation p ON p.id = s.predecessor_id WHERE s.successor_id = o.id) AS predecessors,
           (SELECT coalesce(json_agg(${refJsonObject("n", sql`, 'effective_date', to_char(s.effective_date, 'YYYY-MM-DD'), 'reason', s.reason, 'note', s.note`)}), '[]')
            FROM succession s JOIN organisation n ON n.id = s.successor_id WHERE s.predecessor_id = o.id) AS successors,
           (SELECT coalesce(json_agg(json_build_object('financial_year', a.financial_year, 'line', a.line, 'amount_gbp_thousands', a.amount_gbp_thousands,
                     'structure', a.structure, 'source', a.source) ORDER BY a.financial_year DESC, a.line), '[]')
            FROM allocation a WHERE a.organisation_id = o.id) AS allocations,
           (SELECT coalesce(json_agg(k), '[]') FROM (
              SELECT kind, count(*) FILTER (WHERE status = 'open') AS open, count(*) FILTER (WHERE status = 'closed') AS closed FROM below GROUP BY kind
            ) k) AS children_counts,
           (SELECT coalesce(json_agg(json_build_object('service_category', json_build_object('slug', sc.slug, 'name', sc.name),
                     'arrangement', cr.arrangement, 'effective_from', to_char(cr.effective_from, 'YYYY-MM-DD'), 'effective_to', to_char(cr.effective_to, 'YYYY-MM-DD'),
                     'commissioner_name', cr.commissioner_name, 'notes', cr.notes, 'evidence', cr.evidence, 'source_title', cr.source_title, 'source_url', cr.source_url)
                     ORDER BY sc.sort_order, cr.arrangement, cr.id), '[]')
            FROM commissioning_responsibility cr JOIN service_category sc ON sc.id = cr.service_category_id
            WHERE (cr.organisation_kind = o.kind AND cr.nation = o.nation) OR cr.commissioner_org_id = o.id) AS commissions
    FROM body o`);
  if (!row) return null;
  row.children_counts.sort((a, b) => ORGANISATION_KINDS.indexOf(a.kind) - ORGANISATION_KINDS.indexOf(b.kind));
  return row;
}
