import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { AuthContext } from "@/lib/auth/context";
import { cursorBatches, type ExportSource } from "@/lib/db/pool";
import { exportResponse, type ExportColumn, type ExportFormat } from "@/lib/export";
import { sql } from "@/lib/db/sql";
import { ANCESTOR_JOINS, COMMISSIONER_COLUMNS } from "@/lib/organisations/sql";
import { getTargetList } from "./index";

type ListExportRow = {
  code: string;
  name: string;
  kind: string;
  nation: string;
  status: string;
  commissioner_code: string | null;
  commissioner_name: string | null;
  population: number | null;
  population_year: string | null;
  registered_patients: number | null;
  registered_patients_month: string | null;
  stage: string;
  lost_reason: string | null;
  owner: string | null;
  priority: string | null;
  next_step: string | null;
  next_step_date: string | null;
  tags: string[];
  estimated_value_gbp: string | null;
  added_by: string;
  added_at: string;
  last_note_at: string | null;
  last_note_author: string | null;
};

/** The columns of a list's export, CSV and Excel alike. */
export const LIST_EXPORT_COLUMNS: ExportColumn<ListExportRow>[] = [
  { header: "code", type: "text", value: (r) => r.code },
  { header: "name", type: "text", value: (r) => r.name },
  { header: "kind", type: "text", value: (r) => r.kind },
  { header: "nation", type: "text", value: (r) => r.nation },
  { header: "status", type: "text", value: (r) => r.status },
  { header: "icb_or_board_code", type: "text", value: (r) => r.commissioner_code },
  { header: "icb_or_board_name", type: "text", value: (r) => r.commissioner_name },
  { header: "population", type: "integer", value: (r) => r.population },
  { header: "population_year", type: "text", value: (r) => r.population_year },
  { header: "registered_patients", type: "integer", value: (r) => r.registered_patients },
  { header: "registered_patients_month", type: "text", value: (r) => r.registered_patients_month },
  { header: "stage", type: "text", value: (r) => r.stage },
  { header: "lost_reason", type: "text", value: (r) => r.lost_reason },
  { header: "owner", type: "text", value: (r) => r.owner },
  { header: "priority", type: "text", value: (r) => r.priority },
  { header: "next_step", type: "text", value: (r) => r.next_step },
  { header: "next_step_date", type: "date", value: (r) => r.next_step_date },
  { header: "tags", type: "text", value: (r) => r.tags.join(";") },
  { header: "estimated_value_gbp", type: "money", value: (r) => r.estimated_value_gbp },
  { header: "added_by", type: "text", value: (r) => r.added_by },
  { header: "added_at", type: "timestamp", value: (r) => r.added_at },
  { header: "last_note_at", type: "timestamp", value: (r) => r.last_note_at },
  { header: "last_note_author", type: "text", value: (r) => r.last_note_author },
];

/** Every entry of a team's list as a download, streamed through a server-side cursor; another team's list is a 404. */
export async function exportList(db: PrismaClient, source: ExportSource, ctx: AuthContext, listId: string, format: ExportFormat, options: { bom?: boolean } = {}): Promise<Response> {
  const list = await getTargetList(db, ctx, listId);
  const query = sql`SELECT o.code, o.name, o.kind, o.nation, o.status,
      ${COMMISSIONER_COLUMNS},
      o.population, o.population_year, o.registered_patients, o.registered_patients_month, e.stage, e.lost_reason, ow.name AS owner, e.priority, e.next_step,
      to_char(e.next_step_date, 'YYYY-MM-DD') AS next_step_date, e.tags, e.estimated_value_gbp::text AS estimated_value_gbp,
      ab.name AS added_by, to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS added_at,
      to_char(ln.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS last_note_at, ln.author AS last_note_author
    FROM target_list_entry e
    JOIN target_list l ON l.id = e.list_id
    JOIN organisation o ON o.id = e.organisation_id
    ${ANCESTOR_JOINS}
    LEFT JOIN user_account ow ON ow.id = e.owner_id
    JOIN user_account ab ON ab.id = e.added_by_id
    LEFT JOIN LATERAL (
      SELECT n.created_at, u.name AS author FROM note n JOIN user_account u ON u.id = n.author_id
      WHERE n.team_id = l.team_id AND n.organisation_code = o.code AND n.deleted_at IS NULL
      ORDER BY n.created_at DESC LIMIT 1
    ) ln ON true
    WHERE e.list_id = ${list.id} AND l.team_id = ${ctx.team.id}
    ORDER BY o.name, e.id`;
  return exportResponse(format, list.name, LIST_EXPORT_COLUMNS, await cursorBatches<ListExportRow>(source, query.build()), options);
}
