// Allocation per head, always with its denominator: per resident (the body's population estimate) or
// per registered patient (NHS England's GP practice file). Pure, so the browser's components use it.
import { formatMonth } from "@/lib/format";

/**
 * The allocations in the data were made to the 42 ICBs, on their areas before April 2026. Where an
 * ICB's boundary moved then, the importer left its population empty and kept the old one in its
 * details (populationBeforeApr2026); an April 2026 registered count covers the new area, so it is no
 * denominator for that allocation either.
 */
export function boundaryMovedApr2026(details: unknown): boolean {
  return typeof details === "object" && details !== null && "populationBeforeApr2026" in details;
}

/** The same test in SQL, on a body `o` (used where the per-head figure is computed in PostgreSQL). */
export const BOUNDARY_MOVED_APR_2026_SQL = "(o.details ? 'populationBeforeApr2026')";

export type PerHead = { gbp: number; label: string };

type Denominators = {
  population: number | null;
  populationYear: string | null;
  registeredPatients: number | null;
  registeredPatientsMonth: string | null;
  details: unknown;
};

export const perResidentLabel = (year: string | null) => `per resident${year ? ` (${year} estimate)` : ""}`;
export const perPatientLabel = (month: string | null) => `per registered patient${month ? ` (${formatMonth(month)})` : ""}`;

/** An allocation in £ thousands per resident and per registered patient, where the data has a denominator that fits it. */
export function allocationPerHead(allocationGbpThousands: number | null, body: Denominators): { perResident: PerHead | null; perPatient: PerHead | null } {
  if (allocationGbpThousands === null) return { perResident: null, perPatient: null };
  const pounds = allocationGbpThousands * 1000;
  return {
    perResident: body.population ? { gbp: pounds / body.population, label: perResidentLabel(body.populationYear) } : null,
    perPatient:
      body.registeredPatients && !boundaryMovedApr2026(body.details)
        ? { gbp: pounds / body.registeredPatients, label: perPatientLabel(body.registeredPatientsMonth) }
        : null,
  };
}
