// SQL fragments about a body `o` that more than one query selects: the ICB or board it sits in,
// and, for a closed body, the bodies that took over from it.
import { raw, sql } from "@/lib/db/sql";

// The ICB or board a body sits in: the body itself or its nearest ancestor of a commissioning kind
const COMMISSIONER = `CASE WHEN o.kind IN ('icb','health-board','local-health-board','sppg') THEN o.%s
  WHEN p1.kind IN ('icb','health-board','local-health-board','sppg') THEN p1.%s
  WHEN p2.kind IN ('icb','health-board','local-health-board','sppg') THEN p2.%s
  WHEN p3.kind IN ('icb','health-board','local-health-board','sppg') THEN p3.%s END`;

/** The code or name of the ICB or board a body (`o`, with ancestors `p1`..`p3` joined) sits in. */
export function rawCommissioner(column: "code" | "name") {
  return raw(COMMISSIONER.replaceAll("%s", column));
}

/** The ancestors rawCommissioner looks in, joined to `o`. */
export const ANCESTOR_JOINS = raw(`LEFT JOIN organisation p1 ON p1.id = o.parent_id
    LEFT JOIN organisation p2 ON p2.id = p1.parent_id
    LEFT JOIN organisation p3 ON p3.id = p2.parent_id`);

/** The commissioner_code and commissioner_name columns (needs ANCESTOR_JOINS). */
export const COMMISSIONER_COLUMNS = sql`${rawCommissioner("code")} AS commissioner_code, ${rawCommissioner("name")} AS commissioner_name`;

/** A closed body's successors as a JSON array of {code, name} by name; null for an open body. */
export const SUCCESSORS_JSON = raw(`CASE WHEN o.status = 'closed' THEN (
      SELECT json_agg(json_build_object('code', so.code, 'name', so.name) ORDER BY so.name)
      FROM succession s JOIN organisation so ON so.id = s.successor_id WHERE s.predecessor_id = o.id
    ) END`);
