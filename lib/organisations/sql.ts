// SQL fragments about a body `o` that more than one query selects: the ICB or board it sits in,
// and, for a closed body, the bodies that took over from it.
import { join, raw, sql } from "@/lib/db/sql";
import { AREA_COMMISSIONER_KINDS, kindIn } from "./vocabulary";

/** The code or name of the ICB or board a body (`o`, with ancestors `p1`..`p3` joined) sits in: the body itself or its nearest ancestor of that kind. */
export function rawCommissioner(column: "code" | "name") {
  const nearestFirst = ["o", "p1", "p2", "p3"].map((body) => sql`WHEN ${kindIn(`${body}.kind`, AREA_COMMISSIONER_KINDS)} THEN ${raw(`${body}.${column}`)}`);
  return sql`CASE ${join(nearestFirst, " ")} END`;
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
