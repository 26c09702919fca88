// When a who-commissions-what arrangement holds, judged on today's date: a row that starts after
// today is planned and never shown as current; a row whose end has passed is history.
import { sql, type Sql } from "@/lib/db/sql";
import type { Prisma } from "@/lib/generated/prisma/client";

export const RESPONSIBILITY_STATES = ["current", "planned", "ended"] as const;
export type ResponsibilityState = (typeof RESPONSIBILITY_STATES)[number];

type Dated = { effectiveFrom: string | null; effectiveTo: string | null };

export function responsibilityState({ effectiveFrom, effectiveTo }: Dated, today: string): ResponsibilityState {
  if (effectiveFrom !== null && effectiveFrom > today) return "planned";
  if (effectiveTo !== null && effectiveTo < today) return "ended";
  return "current";
}

/** Current first, then planned, then ended; the order within each state is kept. */
export function byState<T extends { state: ResponsibilityState }>(lines: T[]): T[] {
  return RESPONSIBILITY_STATES.flatMap((state) => lines.filter((line) => line.state === state));
}

/** The same rule in SQL, for a responsibility aliased `cr`: it holds today. */
export const currentResponsibility = (today: string): Sql =>
  sql`(cr.effective_from IS NULL OR cr.effective_from <= ${today}::date) AND (cr.effective_to IS NULL OR cr.effective_to >= ${today}::date)`;

/** The same rule as a Prisma filter on CommissioningResponsibility. */
export function currentResponsibilityWhere(today: string): Prisma.CommissioningResponsibilityWhereInput {
  const day = new Date(`${today}T00:00:00Z`);
  return { AND: [{ OR: [{ effectiveFrom: null }, { effectiveFrom: { lte: day } }] }, { OR: [{ effectiveTo: null }, { effectiveTo: { gte: day } }] }] };
}
