// The synthetic dataset: the real reference data plus COPIES copies of every body below the
// national bodies and NHS England regions, each copy a whole hierarchy of its own (ICB -> sub-ICB
// -> PCN -> practice, trusts, councils, Scottish, Welsh and Northern Irish bodies), hung under the
// real regions. Names come from real names of the same kind (shuffled per copy) with a place-like
// suffix, so trigram search sees realistic words and realistic match counts; codes are the real
// code with a "Z<copy>-" prefix, so they stay unique. Then teams, target lists and notes, and the
// procurement sample copied onto those bodies (./procurement.ts).
// Everything is generated in SQL (INSERT ... SELECT over generate_series and the real rows).
import pg from "pg";
import { procurementSteps, type ProcurementSettings } from "./procurement";

/** Bump when the generated data changes shape, so an old atlas_bench is rebuilt. */
export const GENERATION_VERSION = 3;

export type GenerationSettings = {
  copies: number;
  teams: number;
  users: number;
  lists: number;
  entriesPerList: number;
  notes: number;
} & ProcurementSettings;

export const DEFAULT_SETTINGS: GenerationSettings = {
  copies: 80,
  teams: 10,
  users: 50,
  lists: 50,
  entriesPerList: 2000,
  notes: 200_000,
  // Notices and releases together; spend lines are the real ones times spendTimes
  procurementRows: 2_000_000,
  spendTimes: 100,
};

/** Tables written in bulk: their secondary indexes are dropped first and rebuilt after. */
// procurement_search is written by procurement_process's statement triggers, in the same INSERT ... SELECT
const BULK_TABLES = ["organisation", "procurement_process", "procurement_search", "procurement_release", "spend_line"];
const MATCH_NAME_TRIGGER = "organisation_match_name_sync";

export type GenerationMarker = {
  version: number;
  settings: GenerationSettings;
  generatedAt: string;
  seconds: { import: number; generate: number };
  counts: Record<string, number>;
};

const META_TABLE = "bench_meta";

export async function readMarker(client: pg.Client): Promise<GenerationMarker | null> {
  const table = await client.query("SELECT to_regclass($1) AS t", [META_TABLE]);
  if (!table.rows[0].t) return null;
  const found = await client.query<{ value: GenerationMarker }>(`SELECT value FROM ${META_TABLE} WHERE key = 'generation'`);
  return found.rows[0]?.value ?? null;
}

export async function writeMarker(client: pg.Client, marker: GenerationMarker): Promise<void> {
  await client.query(`CREATE TABLE IF NOT EXISTS ${META_TABLE} (key text PRIMARY KEY, value jsonb NOT NULL)`);
  await client.query(`INSERT INTO ${META_TABLE} (key, value) VALUES ('generation', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [JSON.stringify(marker)]);
}

const SUFFIXES = ["North", "South", "East", "West", "Central", "Upper", "Lower", "Park", "Vale", "Bridge", "Green", "Hill", "Road", "Street", "Lane", "Grove", "Abbey", "Castle", "Market", "Priory", "Mill", "Cross", "Heath", "Moor"];
const NOT_COPIED = ["national-body", "nhse-region"];
const NOT_COPIED_SQL = `ARRAY[${NOT_COPIED.map((k) => `'${k}'`).join(",")}]::text[]`;

type Step = { label: string; sql: string; params?: unknown[] };

function organisationSteps(s: GenerationSettings, stride: number): Step[] {
  const suffixes = `(ARRAY[${SUFFIXES.map((w) => `'${w}'`).join(",")}])`;
  const n = SUFFIXES.length;
  const notCopied = NOT_COPIED_SQL;
  return [
    {
      label: "organisations",
      // Ids are the real id + copy * stride, so parents map without a lookup; FKs are checked at the end of the statement
      sql: `
WITH stride AS (SELECT $2::int AS v),
src AS (
  SELECT o.*, (row_number() OVER (PARTITION BY o.kind ORDER BY o.id) - 1)::int AS rn, (count(*) OVER (PARTITION BY o.kind))::int AS n,
         p.kind AS parent_kind
  FROM organisation o LEFT JOIN organisation p ON p.id = o.parent_id
  WHERE o.kind <> ALL(${notCopied})
),
copy AS (SELECT generate_series(1, $1::int) AS k)
INSERT INTO organisation (id, code, code_system, ons_code, name, other_names, kind, subtype, nation, parent_id, region_id, status,
  open_date, close_date, postcode, address, website, population, population_year, population_source,
  registered_patients, registered_patients_month, registered_patients_source, source, source_as_of, details,
  search_text, latest_allocation_gbp_thousands, latest_allocation_year, created_at, updated_at)
SELECT s.id + c.k * stride.v, v.code, s.code_system, NULL, v.name, d.other_names, s.kind, s.subtype, s.nation,
  CASE WHEN s.parent_id IS NULL OR s.parent_kind = ANY(${notCopied}) THEN s.parent_id ELSE s.parent_id + c.k * stride.v END,
  s.region_id, s.status, s.open_date, s.close_date, s.postcode, NULL, NULL,
  CASE
    WHEN s.population IS NOT NULL THEN round(s.population * (0.75 + 0.5 * random()))::int
    -- The real data has no GP list sizes; synthetic ones make the population sort meaningful
    WHEN s.kind = 'gp-practice' THEN (1500 + random() * 18000)::int
    WHEN s.kind = 'pcn' THEN (30000 + random() * 70000)::int
  END,
  coalesce(s.population_year, CASE WHEN s.kind IN ('gp-practice', 'pcn') THEN '2025' END),
  coalesce(s.population_source, CASE WHEN s.kind IN ('gp-practice', 'pcn') THEN 'synthetic' END),
  round(s.registered_patients * (0.75 + 0.5 * random()))::int, s.registered_patients_month,
  CASE WHEN s.registered_patients IS NOT NULL THEN 'synthetic (npm run bench)' END,
  'synthetic (npm run bench)', s.source_as_of, '{}'::jsonb,
  lower(concat_ws(' ', v.name, v.code, array_to_string(d.other_names, ' '))),
  round(s.latest_allocation_gbp_thousands * (0.75 + 0.5 * random())::numeric, 3), s.latest_allocation_year, now(), now()
FROM src s
CROSS JOIN copy c
CROSS JOIN stride
JOIN src d ON d.kind = s.kind AND d.rn = (s.rn + c.k * 7919) % s.n
CROSS JOIN LATERAL (SELECT
  'Z' || c.k || '-' || s.code AS code,
  d.name || ' ' || ${suffixes}[c.k % ${n} + 1] || CASE WHEN c.k >= ${n} THEN ' ' || ${suffixes}[(c.k / ${n}) % ${n} + 1] ELSE '' END AS name
) v`,
      params: [s.copies, stride],
    },
    {
      label: "successions",
      sql: `
WITH stride AS (SELECT $2::int AS v)
INSERT INTO succession (predecessor_id, successor_id, effective_date, reason, note, source)
SELECT s.predecessor_id + c.k * stride.v,
  CASE WHEN so.kind = ANY(${notCopied}) THEN s.successor_id ELSE s.successor_id + c.k * stride.v END,
  s.effective_date, s.reason, s.note, s.source
FROM succession s
JOIN organisation po ON po.id = s.predecessor_id AND po.kind <> ALL(${notCopied})
JOIN organisation so ON so.id = s.successor_id
CROSS JOIN generate_series(1, $1::int) AS c(k) CROSS JOIN stride`,
      params: [s.copies, stride],
    },
    { label: "id sequence", sql: `SELECT setval(pg_get_serial_sequence('organisation', 'id'), (SELECT max(id) FROM organisation))` },
  ];
}

function teamSteps(s: GenerationSettings): Step[] {
  return [
    {
      label: "users",
      sql: `INSERT INTO user_account (id, email, name, password_hash, updated_at)
        SELECT 'bench-user-' || g, 'bench-' || g || '@example.com', 'Bench user ' || g, 'not-a-hash', now() FROM generate_series(1, $1::int) g`,
      params: [s.users],
    },
    { label: "teams", sql: `INSERT INTO team (id, name) SELECT 'bench-team-' || g, 'Bench team ' || g FROM generate_series(1, $1::int) g`, params: [s.teams] },
    {
      label: "memberships",
      sql: `INSERT INTO membership (user_id, team_id, role)
        SELECT 'bench-user-' || g, 'bench-team-' || ((g - 1) % $2::int + 1), (ARRAY['owner','admin','analyst','viewer'])[(g - 1) / $2::int % 4 + 1]
        FROM generate_series(1, $1::int) g`,
      params: [s.users, s.teams],
    },
    {
      label: "target lists",
      sql: `INSERT INTO target_list (id, team_id, name, description, created_by_id, updated_at)
        SELECT 'bench-list-' || g, 'bench-team-' || ((g - 1) % $2::int + 1), 'Bench list ' || g, 'Synthetic list for npm run bench',
               'bench-user-' || ((g - 1) % $3::int + 1), now()
        FROM generate_series(1, $1::int) g`,
      params: [s.lists, s.teams, s.users],
    },
    {
      label: "numbering bodies for sampling",
      // Arrays would be simpler, but subscripting a 650k-element array per row is quadratic
      sql: `CREATE TEMP TABLE bench_pick ON COMMIT DROP AS
        SELECT (row_number() OVER (ORDER BY id))::int AS rn, (count(*) OVER ())::int AS n, id, code,
               (row_number() OVER (PARTITION BY status = 'open' ORDER BY id))::int AS open_rn, status = 'open' AS open
        FROM organisation;
        CREATE INDEX ON bench_pick (rn); CREATE INDEX ON bench_pick (open_rn) WHERE open; ANALYZE bench_pick`,
    },
    {
      label: "target list entries",
      // Entry j of list l is the open body at position (l * 977 + j * step) of all open bodies: spread over every kind, no duplicates in a list
      sql: `WITH n AS (SELECT count(*)::int AS v FROM bench_pick WHERE open)
        INSERT INTO target_list_entry (id, list_id, organisation_id, stage, lost_reason, priority, added_by_id, updated_at)
        SELECT 'bench-entry-' || l || '-' || j, 'bench-list-' || l, p.id, stage.v, CASE WHEN stage.v = 'lost' THEN 'Went with the incumbent' END,
               (ARRAY['high','medium','low'])[j % 3 + 1], 'bench-user-' || ((l - 1) % $3::int + 1), now()
        FROM n CROSS JOIN generate_series(1, $1::int) l CROSS JOIN generate_series(0, $2::int - 1) j
        JOIN bench_pick p ON p.open AND p.open_rn = 1 + (l * 977 + j * (n.v / $2::int)) % n.v
        CROSS JOIN LATERAL (SELECT (ARRAY['identified','researching','engaged','proposal','won','lost'])[(l + j) % 6 + 1] AS v) stage`,
      params: [s.lists, s.entriesPerList, s.users],
    },
    {
      label: "notes",
      sql: `WITH n AS (SELECT count(*)::int AS v FROM bench_pick)
        INSERT INTO note (id, team_id, organisation_code, body, author_id, updated_at, deleted_at)
        SELECT 'bench-note-' || g, 'bench-team-' || (g % $2::int + 1), p.code,
               'Met the commissioning lead on ' || to_char(date '2026-01-01' + (g % 300), 'DD Mon') || '; follow up on the ' ||
               (ARRAY['community services','diagnostics','digital','estates','workforce','mental health'])[g % 6 + 1] || ' tender (note ' || g || ').',
               'bench-user-' || (g % $3::int + 1), now(), CASE WHEN g % 50 = 0 THEN now() END
        FROM n CROSS JOIN generate_series(1, $1::int) g
        JOIN bench_pick p ON p.rn = 1 + (g::bigint * 7919) % n.v`,
      params: [s.notes, s.teams, s.users],
    },
  ];
}

/**
 * Generates the synthetic rows into a freshly imported database. The bulk tables' secondary
 * indexes are dropped during the inserts and recreated from their own definitions (faster than
 * maintaining trigram and full-text GIN indexes row by row), then everything is analysed.
 */
export async function generate(client: pg.Client, settings: GenerationSettings, log: (line: string) => void): Promise<Record<string, number>> {
  const timed = async (label: string, work: () => Promise<unknown>) => {
    const started = performance.now();
    const result = await work();
    const rows = (result as pg.QueryResult | undefined)?.rowCount;
    log(`[bench]   ${label}: ${rows != null && (result as pg.QueryResult).command === "INSERT" ? `${rows.toLocaleString("en-GB")} rows, ` : ""}${((performance.now() - started) / 1000).toFixed(1)} s`);
  };
  await client.query("SET maintenance_work_mem = '512MB'");
  await client.query("SET work_mem = '64MB'");
  const indexes = await client.query<{ name: string; definition: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition
     FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
     WHERE x.indrelid = ANY($1::regclass[]) AND NOT x.indisprimary
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)`,
    [BULK_TABLES],
  );
  // Synthetic ids are real id + copy * stride: a round number above every real id
  const maxId = (await client.query<{ m: number }>("SELECT coalesce(max(id), 0)::int AS m FROM organisation")).rows[0]!.m;
  const stride = Math.ceil((maxId + 1) / 1000) * 1000;
  await client.query("BEGIN");
  try {
    for (const index of indexes.rows) await client.query(`DROP INDEX "${index.name}"`);
    // The match names of spreadsheet matching, kept per row by a trigger, would be some 20 million
    // trigram rows for the copies and take longer than everything else: the bench does not measure
    // matching, so synthetic bodies go without them
    await client.query(`ALTER TABLE organisation DISABLE TRIGGER ${MATCH_NAME_TRIGGER}`);
    for (const step of organisationSteps(settings, stride)) await timed(step.label, () => client.query(step.sql, step.params));
    const procurement = await procurementSteps(client, settings, settings.copies, NOT_COPIED_SQL);
    for (const step of procurement.steps) await timed(step.label, () => client.query(step.sql, step.params));
    await timed(`recreating ${indexes.rows.length} indexes of ${BULK_TABLES.join(", ")}`, async () => {
      for (const index of indexes.rows) await client.query(index.definition);
    });
    for (const step of teamSteps(settings)) await timed(step.label, () => client.query(step.sql, step.params));
    await client.query(`ALTER TABLE organisation ENABLE TRIGGER ${MATCH_NAME_TRIGGER}`);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
  await timed("vacuum analyze", () => client.query("VACUUM ANALYZE"));
  const counts: Record<string, number> = {};
  for (const table of ["organisation", "succession", "team", "user_account", "target_list", "target_list_entry", "note", "procurement_process", "procurement_search", "procurement_release", "spend_line"]) {
    counts[table] = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
  }
  return counts;
}
