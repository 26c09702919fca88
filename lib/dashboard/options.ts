// What the dashboard's filters offer, in one round trip: the NHS England regions, the ICBs that
// have PCNs (found once per import, in the dashboard_icb_option materialised view), and the
// caller's team's active lists (team-scoped in the WHERE clause).
import type { AuthContext } from "@/lib/auth/context";
import { sql } from "@/lib/db/sql";
import { execute, queryRows, type Queryable } from "@/lib/db/query";

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
      (SELECT json_agg(json_build_object('code', i.code, 'name', i.name, 'region_code', i.region_code, 'status', i.status) ORDER BY i.status DESC, i.name)
         FROM dashboard_icb_option i) AS icbs,
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

/** Finds the ICBs with PCNs again, after an import changed the bodies (run before the market figures, which go through them). */
export async function refreshIcbOptions(db: Queryable): Promise<void> {
  await execute(db, sql`REFRESH MATERIALIZED VIEW CONCURRENTLY dashboard_icb_option`);
}
