// What the dashboard's filters offer, in one round trip: the NHS England regions, the ICBs that
// have PCNs, and the caller's team's active lists (team-scoped in the WHERE clause).
import type { AuthContext } from "@/lib/auth/context";
import { sql } from "@/lib/db/sql";
import { queryRows, type Queryable } from "@/lib/db/query";

export type DashboardOptions = {
  regions: { code: string; name: string }[];
  /** ICBs with open PCNs below them; a closed ICB appears when open PCNs still sit under it */
  icbs: { code: string; name: string; regionCode: string | null; status: "open" | "closed" }[];
  /** The team's active (not archived) lists, newest first, with their entry counts */
  lists: { id: string; name: string; entries: number }[];
  /** All the team's lists, archived ones included */
  allLists: number;
};

export async function dashboardOptions(db: Queryable, ctx: Pick<AuthContext, "team">): Promise<DashboardOptions> {
  const [row] = await queryRows<{
    regions: { code: string; name: string }[] | null;
    icbs: { code: string; name: string; region_code: string | null; status: "open" | "closed" }[] | null;
    lists: { id: string; name: string; entries: number }[] | null;
    all_lists: number;
  }>(db, sql`
    SELECT
      (SELECT json_agg(json_build_object('code', r.code, 'name', r.name) ORDER BY r.name)
         FROM organisation r WHERE r.kind = 'nhse-region' AND r.status = 'open') AS regions,
      (SELECT json_agg(json_build_object('code', i.code, 'name', i.name, 'region_code', reg.code, 'status', i.status) ORDER BY i.status DESC, i.name)
         FROM organisation i LEFT JOIN organisation reg ON reg.id = i.region_id
         WHERE i.kind = 'icb' AND EXISTS (
           SELECT 1 FROM organisation s JOIN organisation p ON p.parent_id = s.id
           WHERE s.parent_id = i.id AND p.kind = 'pcn' AND p.status = 'open')) AS icbs,
      (SELECT json_agg(json_build_object('id', l.id, 'name', l.name,
                 'entries', (SELECT count(*)::int FROM target_list_entry e WHERE e.list_id = l.id)) ORDER BY l.created_at DESC, l.id)
         FROM target_list l WHERE l.team_id = ${ctx.team.id} AND l.archived_at IS NULL) AS lists,
      (SELECT count(*)::int FROM target_list l WHERE l.team_id = ${ctx.team.id}) AS all_lists`);
  return {
    regions: row?.regions ?? [],
    icbs: (row?.icbs ?? []).map((i) => ({ code: i.code, name: i.name, regionCode: i.region_code, status: i.status })),
    lists: row?.lists ?? [],
    allLists: row?.all_lists ?? 0,
  };
}
