// Which bodies' notices and spend count as a body's own: the body, every body below it (an ICB's
// sub-ICB locations, trusts, PCNs and practices) and every body they succeeded, however many steps
// back (a CCG under its sub-ICB location, a 2022-2026 ICB under its 2026 successor). One walk, used
// by the contracts filter, the spend filter, the profile and the API alike.
//
// A CCG and the sub-ICB location that carried it on share one code (11X is NHS Somerset CCG until
// 30 June 2022, then a sub-ICB location of Somerset ICB), so a notice or payment dated before its
// body opened was made by the body's predecessor: publishedRelation() says so.
import { alias, raw, sql, type Sql } from "@/lib/db/sql";
import type { BuyerRelation } from "@/lib/procurement/vocabulary";

/**
 * A recursive CTE named `buyer_scope` (`id`, `code`, `relation`, `open_date`) for the body with `code`:
 * relation "self" for the body, "below" for bodies under it, "predecessor" for bodies it (or a body
 * under it) succeeded, and for bodies under those. Use inside `WITH RECURSIVE`.
 * A body reached both ways keeps its nearest relation (self, then below, then predecessor).
 */
export function buyerScopeCte(code: string | Sql): Sql {
  return sql`buyer_scope_walk AS (
      SELECT o.id, o.code, 'self'::text AS relation, 0 AS depth FROM organisation o WHERE o.code = ${code}
      UNION
      SELECT n.id, n.code, CASE WHEN w.relation = 'predecessor' OR n.step = 'predecessor' THEN 'predecessor' ELSE 'below' END, w.depth + 1
      FROM buyer_scope_walk w
      CROSS JOIN LATERAL (
        SELECT c.id, c.code, 'below' AS step FROM organisation c WHERE c.parent_id = w.id
        UNION ALL
        SELECT p.id, p.code, 'predecessor' FROM succession s JOIN organisation p ON p.id = s.predecessor_id WHERE s.successor_id = w.id
      ) n
      WHERE w.depth < 12
    ), buyer_scope AS (
      SELECT DISTINCT ON (w.id) w.id, w.code, w.relation, o.open_date FROM buyer_scope_walk w JOIN organisation o ON o.id = w.id
      ORDER BY w.id, CASE relation WHEN 'self' THEN 0 WHEN 'below' THEN 1 ELSE 2 END
    )`;
}

/**
 * The relation to show for a notice or payment of a body in `buyer_scope` (alias `scope`), dated
 * `date` (a column): "predecessor" when the body was reached through a succession, or when the
 * date falls before the body opened (the CCG-era lines of a sub-ICB location that kept its code).
 */
export function publishedRelation(scope: string, date: Sql): Sql {
  const s = alias(scope);
  return sql`CASE WHEN ${s}.relation = 'predecessor' OR (${s}.open_date IS NOT NULL AND ${date} < ${s}.open_date) THEN 'predecessor' ELSE ${s}.relation END`;
}

export type ScopedBody = { id: number; code: string; relation: BuyerRelation };

const SCOPED_TABLES = { procurement_process: "buyer_code", spend_line: "payer_code" } as const;

/**
 * The rows of `table` (alias `alias`) whose buyer or payer is in buyer_scope (alias `scope`), read
 * through that code's index body by body before anything else. PostgreSQL cannot estimate the
 * recursive scope: joined plainly, it scanned the whole table, or walked a date index, for a few
 * hundred rows (9 s for QSL's notices at 2 million notices; see docs/benchmarks.md).
 */
export function scopedRows(table: keyof typeof SCOPED_TABLES, rowAlias: string): Sql {
  const [t, a, code] = [raw(table), alias(rowAlias), raw(SCOPED_TABLES[table])];
  return sql`buyer_scope scope CROSS JOIN LATERAL (SELECT * FROM ${t} ${a} WHERE ${a}.${code} = scope.code OFFSET 0) ${a}`;
}
