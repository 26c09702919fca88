// The two time windows procurement filters share: a contract that ends within N months of today,
// and a tender still open for bids. The profile, the explorer's filters and the dashboard use
// these same conditions, so a count on one agrees with the list it links to.
import { alias, sql, type Sql } from "@/lib/db/sql";

/** The longest window the filters accept: ten years. */
export const MAX_WINDOW_MONTHS = 120;

/**
 * The process `p` (an alias) has a contract ending from `today` (ISO date, counted) up to and
 * including the same day `months` months later: 1 Dec 2026 with 18 months runs to 1 Jun 2028.
 */
export function contractEndsWithin(p: string, months: number, today: string): Sql {
  const end = sql`${alias(p)}.contract_end`;
  return sql`(${end} >= ${today}::date AND ${end} <= (${today}::date + make_interval(months => ${months}::int))::date)`;
}

/** The process `p` is open for bids at `now`: status open and its deadline not passed, or not given. */
export function openForBids(p: string, now: Date): Sql {
  const a = alias(p);
  // tender_deadline holds UTC without a zone, as Prisma writes it
  return sql`(${a}.status = 'open' AND (${a}.tender_deadline IS NULL OR ${a}.tender_deadline >= ${now.toISOString()}::timestamp))`;
}
