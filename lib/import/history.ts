// History already in the data, as change-log entries dated when it happened: every succession (a
// merger or a split, by its effective date), every closure without a successor, and the CCGs whose
// commissioning passed to the ICBs on 1 July 2022. Each entry has a history key, so whichever import
// first sees it records it, later ones find it (and refresh its words), and an entry the data no
// longer supports is withdrawn.
import { execute, queryRows } from "@/lib/db/query";
import { raw, sql } from "@/lib/db/sql";
import type { Prisma } from "@/lib/generated/prisma/client";
import { plural } from "@/lib/format";
import type { IsoDate } from "./records";
import { stableJson, type NewChange } from "./diff";

type Tx = Prisma.TransactionClient;
type Body = { code: string; name: string; kind: string; nation: string };
type SuccessionRow = { predecessor: Body; successor: Body; effective_date: IsoDate; reason: string; note: string | null; source: string };

/** The history entries the data supports now. */
export async function deriveHistory(tx: Tx): Promise<NewChange[]> {
  const body = (alias: string) => raw(`jsonb_build_object('code', ${alias}.code, 'name', ${alias}.name, 'kind', ${alias}.kind, 'nation', ${alias}.nation)`);
  const [successions, closures, formerCcgs] = await Promise.all([
    queryRows<SuccessionRow>(tx, sql`SELECT ${body("p")} AS predecessor, ${body("n")} AS successor, s.effective_date::text AS effective_date, s.reason, s.note, s.source
      FROM succession s JOIN organisation p ON p.id = s.predecessor_id JOIN organisation n ON n.id = s.successor_id ORDER BY p.code, n.code`),
    queryRows<Body & { closed_on: IsoDate; source: string }>(tx, sql`SELECT o.code, o.name, o.kind, o.nation, coalesce(o.close_date, o.source_as_of)::text AS closed_on, o.source
      FROM organisation o WHERE o.status = 'closed' AND NOT EXISTS (SELECT 1 FROM succession s WHERE s.predecessor_id = o.id) ORDER BY o.code`),
    // Sub-ICB location codes are those of the CCGs they replaced; their ICB of 2022-2025 is in the record
    queryRows<{ icb: Body; opened: IsoDate; source: string; locations: (Body & { other_names: string[] })[] }>(tx, sql`SELECT ${body("i")} AS icb, i.open_date::text AS opened, min(l.source) AS source,
        jsonb_agg(jsonb_build_object('code', l.code, 'name', l.name, 'kind', l.kind, 'nation', l.nation, 'other_names', to_jsonb(l.other_names)) ORDER BY l.code) AS locations
      FROM organisation l JOIN organisation i ON i.code = l.details->>'icbCodeOct2025'
      WHERE l.kind = 'sub-icb-location' AND l.details->>'formerCcgCode' IS NOT NULL AND i.open_date IS NOT NULL
      GROUP BY i.id ORDER BY i.code`),
  ]);
  const closed = closures.map((c): NewChange => entry("closed", `closed:${c.code}`, c.closed_on, [c], `${c.name} closed; the data records no successor`, c.source));
  const ccgs = formerCcgs.map(({ icb, opened, source, locations }): NewChange => {
    const named = locations.map((l) => {
      const ccgName = l.other_names.find((name) => /\bCCG\b|Clinical Commissioning Group/i.test(name));
      return ccgName ? `${l.code} (${ccgName})` : l.code;
    });
    const one = locations.length === 1;
    const summary = `${plural(locations.length, "clinical commissioning group (CCG)", "clinical commissioning groups (CCGs)")} became ${one ? "a sub-ICB location" : "sub-ICB locations"} of ${icb.name}, which took over ${one ? "its" : "their"} commissioning: ${named.join(", ")}`;
    return entry("commissioning", `ccg-to-icb:${icb.code}`, opened, [icb, ...locations], summary, source);
  });
  return [...successionEntries(successions), ...closed, ...ccgs];
}

/**
 * A predecessor with several successors on one date is a split; predecessors whose one successor is
 * the same body on the same date merged into it (a replacement too: the successor took over).
 */
function successionEntries(rows: SuccessionRow[]): NewChange[] {
  const groups = new Map<string, SuccessionRow[]>();
  const add = (key: string, row: SuccessionRow) => groups.set(key, [...(groups.get(key) ?? []), row]);
  const successorsOf = new Map<string, number>();
  for (const row of rows) successorsOf.set(`${row.predecessor.code}|${row.effective_date}`, (successorsOf.get(`${row.predecessor.code}|${row.effective_date}`) ?? 0) + 1);
  for (const row of rows) {
    const split = successorsOf.get(`${row.predecessor.code}|${row.effective_date}`)! > 1;
    add(split ? `split:${row.predecessor.code}:${row.effective_date}` : `merged:${row.successor.code}:${row.effective_date}`, row);
  }
  return [...groups].map(([key, group]) => {
    const first = group[0]!;
    const sources = [...new Set(group.map((r) => r.source))].join("; ");
    const names = (bodies: Body[]) => listNames(bodies.map((b) => b.name));
    if (key.startsWith("split:")) {
      const successors = group.map((r) => r.successor);
      const verb = first.reason === "split" ? "was split between" : "passed its functions to";
      return entry("split", key, first.effective_date, [first.predecessor, ...successors], `${first.predecessor.name} ${verb} ${names(successors)}`, sources, group);
    }
    const predecessors = group.map((r) => r.predecessor);
    const verb = first.reason === "replacement" ? (predecessors.length > 1 ? "were replaced by" : "was replaced by") : "merged into";
    return entry("merged", key, first.effective_date, [...predecessors, first.successor], `${names(predecessors)} ${verb} ${first.successor.name}`, sources, group);
  });
}

function listNames(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

function entry(type: NewChange["type"], historyKey: string, effectiveDate: IsoDate, bodies: Body[], summary: string, source: string, successions?: SuccessionRow[]): NewChange {
  return {
    effectiveDate,
    type,
    codes: [...new Set(bodies.map((b) => b.code))],
    nations: [...new Set(bodies.map((b) => b.nation))],
    kinds: [...new Set(bodies.map((b) => b.kind))],
    summary,
    before: successions ? { predecessors: [...new Set(successions.map((s) => s.predecessor.code))] } : null,
    after: successions
      ? { successors: [...new Set(successions.map((s) => s.successor.code))], reasons: [...new Set(successions.map((s) => s.reason))], notes: [...new Set(successions.flatMap((s) => (s.note ? [s.note] : [])))] }
      : null,
    source,
    sourceUrl: null,
    historyKey,
  };
}

const FIELDS = ["effectiveDate", "type", "codes", "nations", "kinds", "summary", "before", "after", "source", "sourceUrl"] as const;
const fingerprint = (change: NewChange) => stableJson(FIELDS.map((field) => change[field]));

/** Of the history the data supports, what the log lacks, what it words differently, and the keys it holds that the data no longer supports. */
export async function compareHistory(tx: Tx, wanted: NewChange[]) {
  const held = await queryRows<NewChange>(tx, sql`SELECT history_key AS "historyKey", effective_date::text AS "effectiveDate", type, codes, nations, kinds, summary,
    before, after, source, source_url AS "sourceUrl" FROM change_event WHERE history_key IS NOT NULL`);
  const heldByKey = new Map(held.map((change) => [change.historyKey!, fingerprint(change)]));
  const wantedKeys = new Set(wanted.map((change) => change.historyKey!));
  return {
    added: wanted.filter((change) => !heldByKey.has(change.historyKey!)),
    revised: wanted.filter((change) => heldByKey.has(change.historyKey!) && heldByKey.get(change.historyKey!) !== fingerprint(change)),
    withdrawn: [...heldByKey.keys()].filter((key) => !wantedKeys.has(key)),
  };
}

/**
 * Writes new entries under the import that recorded them; a revised history entry keeps the import
 * that first recorded it.
 */
export async function writeChanges(tx: Tx, importId: number | null, changes: { record: NewChange[]; revise: NewChange[]; withdraw: string[] }) {
  const rows = [...changes.record, ...changes.revise].map((c) => ({
    effective_date: c.effectiveDate, import_id: importId, type: c.type, codes: c.codes, nations: c.nations, kinds: c.kinds, summary: c.summary,
    before: c.before, after: c.after, source: c.source, source_url: c.sourceUrl, history_key: c.historyKey,
  }));
  if (rows.length > 0) {
    await execute(tx, sql`INSERT INTO change_event (effective_date, import_id, type, codes, nations, kinds, summary, before, after, source, source_url, history_key)
      SELECT effective_date, import_id, type, codes, nations, kinds, summary, before, after, source, source_url, history_key
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(effective_date date, import_id int, type text, codes text[], nations text[], kinds text[],
        summary text, before jsonb, after jsonb, source text, source_url text, history_key text)
      ON CONFLICT (history_key) DO UPDATE SET effective_date = excluded.effective_date, type = excluded.type, codes = excluded.codes, nations = excluded.nations,
        kinds = excluded.kinds, summary = excluded.summary, before = excluded.before, after = excluded.after, source = excluded.source, source_url = excluded.source_url`);
  }
  if (changes.withdraw.length > 0) await execute(tx, sql`DELETE FROM change_event WHERE history_key = ANY(${changes.withdraw}::text[])`);
}
