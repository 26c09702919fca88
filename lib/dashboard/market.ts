// The market charts of the dashboard: each is one SQL aggregate (one round trip), filtered by
// nation and NHS England region. Reference data only, so nothing here is team-scoped.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { join, raw, sql, type Sql } from "@/lib/db/sql";
import { currentResponsibility } from "@/lib/commissioning/state";
import { todayIso } from "@/lib/format";
import {
  COMMISSIONER_KIND_LABELS,
  KIND_LABELS,
  NATIONS,
  ORGANISATION_KINDS,
  type CommissionerKind,
  type Nation,
  type OrganisationKind,
} from "@/lib/organisations/vocabulary";
import { BOUNDARY_MOVED_APR_2026_SQL } from "@/lib/organisations/per-head";
import type { DashboardFilters } from "./params";
import { queryRows, type Queryable } from "@/lib/db/query";

/**
 * The bodies that hold a population in each nation: ICBs, health boards, local health boards and
 * Northern Ireland's five area HSC trusts (the NI Ambulance Service is an HSC trust without an area).
 */
export const AREA_BODY_CONDITION = sql`o.status = 'open' AND o.kind IN ('icb', 'health-board', 'local-health-board', 'hsc-trust')
  AND NOT (o.kind = 'hsc-trust' AND coalesce(o.subtype, '') ILIKE '%ambulance%')`;

export function placeConditions(filters: Pick<DashboardFilters, "nation" | "region">): Sql[] {
  const conditions: Sql[] = [];
  if (filters.nation) conditions.push(sql`o.nation = ${filters.nation}`);
  if (filters.region) conditions.push(sql`o.region_id = (SELECT id FROM organisation WHERE code = ${filters.region} AND kind = 'nhse-region')`);
  return conditions;
}

/** "NHS Cheshire and Merseyside Integrated Care Board" -> "Cheshire and Merseyside" (for axis labels; the table has full names). */
export function shortBodyName(name: string): string {
  return name
    .replace(/^NHS /, "")
    .replace(/ Integrated Care Board$| ICB$/, "")
    .replace(/ University Health Board$/, " UHB")
    .replace(/ Teaching Health Board$/, " THB")
    .replace(/ Health and Social Care Trust$/, " HSC Trust");
}

// ---------- population and allocation by ICB / health board / LHB ----------

export type AreaBodyRow = {
  code: string;
  name: string;
  shortName: string;
  kind: OrganisationKind;
  nation: Nation;
  regionCode: string | null;
  regionName: string | null;
  /** Resident population (ONS, NRS or NISRA estimate) */
  population: number | null;
  populationYear: string | null;
  /** Patients registered at its GP practices (England only) and the month of the count, "YYYY-MM" */
  registeredPatients: number | null;
  registeredPatientsMonth: string | null;
  /** Core allocation, £ thousands, of the latest year in the data (2025/26); England only */
  allocationGbpThousands: number | null;
  allocationYear: string | null;
  /** £ per resident, where both figures exist (computed in SQL) */
  allocationPerHeadGbp: number | null;
  /** £ per registered patient, where both exist and the allocation's area is the count's (no boundary moved in April 2026) */
  allocationPerPatientGbp: number | null;
};

/** Open ICBs, health boards, local health boards and area HSC trusts with population, allocation and allocation per head. */
export async function populationAndAllocation(db: Queryable, filters: Pick<DashboardFilters, "nation" | "region"> = {}): Promise<AreaBodyRow[]> {
  const found = await queryRows<{
    code: string; name: string; kind: OrganisationKind; nation: Nation; region_code: string | null; region_name: string | null;
    population: number | null; population_year: string | null; registered_patients: number | null; registered_patients_month: string | null;
    allocation: number | null; allocation_year: string | null; per_head: number | null; per_patient: number | null;
  }>(db, sql`
    SELECT o.code, o.name, o.kind, o.nation, r.code AS region_code, r.name AS region_name,
           o.population, o.population_year, o.registered_patients, o.registered_patients_month,
           o.latest_allocation_gbp_thousands::float8 AS allocation, o.latest_allocation_year AS allocation_year,
           CASE WHEN o.population > 0 AND o.latest_allocation_gbp_thousands IS NOT NULL
                THEN round(o.latest_allocation_gbp_thousands * 1000 / o.population, 2)::float8 END AS per_head,
           CASE WHEN o.registered_patients > 0 AND o.latest_allocation_gbp_thousands IS NOT NULL AND NOT ${raw(BOUNDARY_MOVED_APR_2026_SQL)}
                THEN round(o.latest_allocation_gbp_thousands * 1000 / o.registered_patients, 2)::float8 END AS per_patient
    FROM organisation o LEFT JOIN organisation r ON r.id = o.region_id
    WHERE ${join([AREA_BODY_CONDITION, ...placeConditions(filters)], " AND ")}
    ORDER BY o.population DESC NULLS LAST, o.name`);
  return found.map((r) => ({
    code: r.code,
    name: r.name,
    shortName: shortBodyName(r.name),
    kind: r.kind,
    nation: r.nation,
    regionCode: r.region_code,
    regionName: r.region_name,
    population: r.population,
    populationYear: r.population_year,
    registeredPatients: r.registered_patients,
    registeredPatientsMonth: r.registered_patients_month,
    allocationGbpThousands: r.allocation,
    allocationYear: r.allocation_year,
    allocationPerHeadGbp: r.per_head,
    allocationPerPatientGbp: r.per_patient,
  }));
}

// ---------- bodies by kind and nation ----------

export type KindNationRow = { nation: Nation; kind: OrganisationKind; label: string; open: number };

/** Open bodies per nation and kind (how the system is structured), in the vocabulary's order. */
export async function bodiesByKindAndNation(db: Queryable, filters: Pick<DashboardFilters, "nation" | "region"> = {}): Promise<KindNationRow[]> {
  const found = await queryRows<{ nation: Nation; kind: OrganisationKind; open: number }>(db, sql`
    SELECT o.nation, o.kind, count(*)::int AS open
    FROM organisation o
    WHERE ${join([sql`o.status = 'open'`, ...placeConditions(filters)], " AND ")}
    GROUP BY o.nation, o.kind`);
  return found
    .map((r) => ({ ...r, label: KIND_LABELS[r.kind].plural }))
    .sort((a, b) => NATIONS.indexOf(a.nation) - NATIONS.indexOf(b.nation) || ORGANISATION_KINDS.indexOf(a.kind) - ORGANISATION_KINDS.indexOf(b.kind));
}

// ---------- the size of PCNs ----------

/** PCNs with this many member practices or more share the last bar. */
export const PCN_PRACTICES_CAP = 15;
/** Registered-patient bands: 10,000 wide from 0, the last one open ("100k or more"). */
export const PCN_PATIENT_BAND = 10_000;
export const PCN_PATIENT_BANDS = 10;

export type HistogramBin = { bucket: number; label: string; pcns: number; from: number; to: number | null };

export type PcnDistribution = {
  /** Open PCNs in the chosen ICB, region or nation */
  pcns: number;
  /** How many of them have a registered-patient figure (NHS England's GP practice file) */
  withPatients: number;
  /** The month of those counts, "YYYY-MM" (the latest, should a refresh leave some behind) */
  patientsMonth: string | null;
  withPractices: number;
  /** Member practices of all of them (ODS, October 2025) */
  practices: number;
  medianPractices: number | null;
  medianPatients: number | null;
  /** Member practices per PCN: one bar per count, the last "15 or more" */
  practiceBins: HistogramBin[];
  /** Registered patients per PCN, in 10,000-patient bands; empty when no PCN has the figure */
  patientBins: HistogramBin[];
};

/**
 * How big the open PCNs are within an ICB, a region or a nation: registered patients (the sum of
 * their member practices' lists) where the data has them, and member practices (ODS, October 2025). Both histograms are bucketed in PostgreSQL
 * with width_bucket; a PCN's parent is a sub-ICB location, whose parent is the ICB.
 */
export async function pcnSizeDistribution(db: Queryable, filters: DashboardFilters = {}): Promise<PcnDistribution> {
  const conditions = [sql`o.kind = 'pcn'`, sql`o.status = 'open'`, ...placeConditions(filters)];
  if (filters.icb) {
    conditions.push(sql`o.parent_id IN (SELECT s.id FROM organisation s JOIN organisation i ON i.id = s.parent_id WHERE i.code = ${filters.icb} AND i.kind = 'icb')`);
  }
  const cap = PCN_PRACTICES_CAP;
  const [row] = await queryRows<{
    pcns: number; with_patients: number; patients_month: string | null; with_practices: number; practices: number | null; median_practices: number | null; median_patients: number | null;
    practice_bins: { bucket: number; pcns: number }[] | null; patient_bins: { bucket: number; pcns: number }[] | null;
  }>(db, sql`
    WITH pcn AS (
      SELECT o.registered_patients AS patients, o.registered_patients_month AS patients_month,
             CASE WHEN jsonb_typeof(o.details->'memberPracticesOct2025') = 'number' THEN (o.details->>'memberPracticesOct2025')::int END AS practices
      FROM organisation o
      WHERE ${join(conditions, " AND ")}
    )
    SELECT count(*)::int AS pcns,
           count(patients)::int AS with_patients,
           max(patients_month) AS patients_month,
           count(practices)::int AS with_practices,
           sum(practices)::int AS practices,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY practices)::float8 AS median_practices,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY patients)::float8 AS median_patients,
           (SELECT json_agg(json_build_object('bucket', b, 'pcns', n) ORDER BY b) FROM (
              SELECT width_bucket(practices, 1, ${cap}, ${cap - 1}) AS b, count(*)::int AS n FROM pcn WHERE practices IS NOT NULL GROUP BY 1) x) AS practice_bins,
           (SELECT json_agg(json_build_object('bucket', b, 'pcns', n) ORDER BY b) FROM (
              SELECT width_bucket(patients, 0, ${PCN_PATIENT_BAND * PCN_PATIENT_BANDS}, ${PCN_PATIENT_BANDS}) AS b, count(*)::int AS n FROM pcn WHERE patients IS NOT NULL GROUP BY 1) y) AS patient_bins
    FROM pcn`);
  const practiceCounts = new Map((row?.practice_bins ?? []).map((b) => [b.bucket, b.pcns]));
  const patientCounts = new Map((row?.patient_bins ?? []).map((b) => [b.bucket, b.pcns]));
  // width_bucket puts values below the range in bucket 0 (a PCN with no member practice)
  const practiceBins: HistogramBin[] = [...(practiceCounts.has(0) ? [0] : []), ...Array.from({ length: cap }, (_, i) => i + 1)].map((bucket) => ({
    bucket,
    label: bucket === cap ? `${cap}+` : String(bucket),
    pcns: practiceCounts.get(bucket) ?? 0,
    from: bucket,
    to: bucket === cap ? null : bucket,
  }));
  const k = (n: number) => `${n / 1000}k`;
  const patientBins: HistogramBin[] = (row?.with_patients ?? 0) === 0
    ? []
    : Array.from({ length: PCN_PATIENT_BANDS + 1 }, (_, i) => i + 1).map((bucket) => {
        const from = (bucket - 1) * PCN_PATIENT_BAND;
        const open = bucket > PCN_PATIENT_BANDS;
        return { bucket, label: open ? `${k(from)}+` : `${k(from)}–${k(from + PCN_PATIENT_BAND)}`, pcns: patientCounts.get(bucket) ?? 0, from, to: open ? null : from + PCN_PATIENT_BAND - 1 };
      });
  return {
    pcns: row?.pcns ?? 0,
    withPatients: row?.with_patients ?? 0,
    patientsMonth: row?.patients_month ?? null,
    withPractices: row?.with_practices ?? 0,
    practices: row?.practices ?? 0,
    medianPractices: row?.median_practices ?? null,
    medianPatients: row?.median_patients ?? null,
    practiceBins,
    patientBins,
  };
}

// ---------- who commissions what ----------

export type CommissionerKindRow = {
  nation: Nation;
  commissionerKind: CommissionerKind;
  label: string;
  /** The organisation kind whose bodies hold the role, when there is one (for the explorer link) */
  organisationKind: OrganisationKind | null;
  /** Open bodies of that kind in that nation (0 when the data does not list them, e.g. Scottish councils) */
  bodies: number;
  /** The one named body, when every row of this kind names the same body */
  organisationCode: string | null;
  /** Distinct service categories */
  categories: number;
  /** Distinct service categories per arrangement (commissions, delegated, ...) */
  byArrangement: Record<string, number>;
};

/** How many of the service categories each kind of commissioner commissions in each nation. */
export async function whoCommissionsWhat(db: PrismaClient, filters: Pick<DashboardFilters, "nation"> = {}, today = todayIso()): Promise<CommissionerKindRow[]> {
  // What each kind commissions today: planned transfers and ended arrangements are not counted
  const nation = filters.nation ? sql`cr.nation = ${filters.nation} AND ${currentResponsibility(today)}` : currentResponsibility(today);
  const found = await queryRows<{
    nation: Nation; commissioner_kind: CommissionerKind; organisation_kind: OrganisationKind | null; organisation_code: string | null;
    bodies: number; categories: number; by_arrangement: Record<string, number> | null;
  }>(db, sql`
    WITH per_arrangement AS (
      SELECT cr.nation, cr.commissioner_kind, cr.arrangement, count(DISTINCT cr.service_category_id)::int AS n
      FROM commissioning_responsibility cr WHERE ${nation}
      GROUP BY 1, 2, 3
    ), per_kind AS (
      SELECT cr.nation, cr.commissioner_kind,
             min(cr.organisation_kind) AS organisation_kind,
             CASE WHEN count(DISTINCT cr.commissioner_org_id) = 1 AND bool_and(cr.commissioner_org_id IS NOT NULL)
                  THEN min(org.code) END AS organisation_code,
             count(DISTINCT cr.service_category_id)::int AS categories
      FROM commissioning_responsibility cr LEFT JOIN organisation org ON org.id = cr.commissioner_org_id
      WHERE ${nation}
      GROUP BY cr.nation, cr.commissioner_kind
    )
    SELECT k.*,
           (SELECT count(*)::int FROM organisation b WHERE b.kind = k.organisation_kind AND b.nation = k.nation AND b.status = 'open') AS bodies,
           (SELECT json_object_agg(pa.arrangement, pa.n) FROM per_arrangement pa
             WHERE pa.nation = k.nation AND pa.commissioner_kind = k.commissioner_kind) AS by_arrangement
    FROM per_kind k`);
  return found
    .map((r) => ({
      nation: r.nation,
      commissionerKind: r.commissioner_kind,
      label: COMMISSIONER_KIND_LABELS[r.commissioner_kind] ?? r.commissioner_kind,
      organisationKind: r.organisation_kind,
      bodies: r.bodies,
      organisationCode: r.organisation_code,
      categories: r.categories,
      byArrangement: r.by_arrangement ?? {},
    }))
    .sort((a, b) => NATIONS.indexOf(a.nation) - NATIONS.indexOf(b.nation) || b.categories - a.categories || a.label.localeCompare(b.label));
}
