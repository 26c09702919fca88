// What an import changed, as change-log entries: the reference tables are read before and after
// the import's statements (in its transaction), and the two readings compared. Closures, mergers and
// splits are not here: they are history in the data (history.ts), recorded once whichever import
// first sees them.
import { queryRows } from "@/lib/db/query";
import { join, raw, sql } from "@/lib/db/sql";
import type { Prisma } from "@/lib/generated/prisma/client";
import { formatInteger } from "@/lib/format";
import type { ChangeFields, ChangeType } from "@/lib/changes/vocabulary";
import { KIND_LABELS, NATION_LABELS, type Nation, type OrganisationKind } from "@/lib/organisations/vocabulary";
import type { IsoDate } from "./records";

type Tx = Prisma.TransactionClient;

/** One entry of the change log as the importer writes it. */
export type NewChange = ChangeFields & {
  effectiveDate: IsoDate;
  /** Set on history derived from the data: the entry's identity across imports */
  historyKey: string | null;
};

/**
 * Organisation columns whose change is a "figures" entry, with the words its summary uses. A new
 * figure column (registered patients, say) is one line here.
 */
export const FIGURE_COLUMNS: Record<string, string> = {
  population: "population",
  population_year: "population year",
  registered_patients: "registered patients",
  registered_patients_month: "registered patients month",
};

type OrganisationState = {
  code: string;
  name: string;
  kind: OrganisationKind;
  nation: Nation;
  parent_code: string | null;
  open_date: IsoDate | null;
  source: string;
  figures: Record<string, unknown>;
};
type AllocationState = { code: string; key: string; amount: string; source: string };
type ResponsibilityState = { row_key: string; category: string; commissioner_code: string | null; fields: Record<string, unknown> };

export type ReferenceSnapshot = {
  organisations: Map<string, OrganisationState>;
  allocations: AllocationState[];
  responsibilities: Map<string, ResponsibilityState>;
};

/** The state of the reference tables that the change log compares. */
export async function readSnapshot(tx: Tx): Promise<ReferenceSnapshot> {
  const figures = join(Object.keys(FIGURE_COLUMNS).map((column) => raw(`'${column}', o.${column}`)), ", ");
  const [organisations, allocations, responsibilities] = await Promise.all([
    queryRows<OrganisationState>(tx, sql`SELECT o.code, o.name, o.kind, o.nation, p.code AS parent_code, o.open_date::text AS open_date, o.source,
      jsonb_build_object(${figures}) AS figures
      FROM organisation o LEFT JOIN organisation p ON p.id = o.parent_id`),
    queryRows<AllocationState>(tx, sql`SELECT o.code, a.financial_year || ' ' || a.line AS key, a.amount_gbp_thousands::text AS amount, a.source
      FROM allocation a JOIN organisation o ON o.id = a.organisation_id ORDER BY o.code, a.financial_year, a.line`),
    // Every column of the row but its ids, so a column added to the table is compared too
    queryRows<ResponsibilityState>(tx, sql`SELECT r.row_key, c.name AS category, co.code AS commissioner_code,
      to_jsonb(r) - 'id' - 'service_category_id' - 'commissioner_org_id' AS fields
      FROM commissioning_responsibility r JOIN service_category c ON c.id = r.service_category_id LEFT JOIN organisation co ON co.id = r.commissioner_org_id`),
  ]);
  return {
    organisations: new Map(organisations.map((o) => [o.code, o])),
    allocations,
    responsibilities: new Map(responsibilities.map((r) => [r.row_key, r])),
  };
}

/** The entries between two readings; none for the first load into an empty database, which is where the log starts, not a change. */
export function diffSnapshots(before: ReferenceSnapshot, after: ReferenceSnapshot, importDate: IsoDate): NewChange[] {
  if (before.organisations.size === 0) return [];
  return [...organisationChanges(before, after, importDate), ...allocationChanges(before, after, importDate), ...responsibilityChanges(before, after, importDate)];
}

const kindLabel = (kind: string) => KIND_LABELS[kind as OrganisationKind]?.singular ?? kind;
const same = (a: unknown, b: unknown) => stableJson(a) === stableJson(b);

/** JSON with object keys sorted, so two readings of the same row compare equal. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

function organisationChanges(before: ReferenceSnapshot, after: ReferenceSnapshot, importDate: IsoDate): NewChange[] {
  const changes: NewChange[] = [];
  const nameOf = (code: string | null) => (code ? (after.organisations.get(code)?.name ?? before.organisations.get(code)?.name ?? code) : "no parent");
  for (const now of after.organisations.values()) {
    const entry = (type: ChangeType, summary: string, was: unknown, is: unknown, codes = [now.code], effectiveDate = importDate): NewChange => ({
      effectiveDate, type, codes, nations: [now.nation], kinds: [now.kind], summary, before: was, after: is, source: now.source, sourceUrl: null, historyKey: null,
    });
    const then = before.organisations.get(now.code);
    if (!then) {
      changes.push(entry("opened", `${now.name} (${kindLabel(now.kind)}) opened${now.parent_code ? ` under ${nameOf(now.parent_code)}` : ""}`, null, { name: now.name, parent: now.parent_code }, [now.code], now.open_date ?? importDate));
      continue;
    }
    if (then.name !== now.name) changes.push(entry("renamed", `${then.name} was renamed ${now.name}`, { name: then.name }, { name: now.name }));
    if (then.parent_code !== now.parent_code) {
      const codes = [now.code, then.parent_code, now.parent_code].filter((c): c is string => c !== null);
      changes.push(entry("moved", `${now.name} moved from ${nameOf(then.parent_code)} to ${nameOf(now.parent_code)}`, { parent: then.parent_code }, { parent: now.parent_code }, codes));
    }
    const changed = Object.keys(FIGURE_COLUMNS).filter((column) => !same(then.figures[column], now.figures[column]));
    if (changed.length > 0) {
      const pick = (state: OrganisationState) => Object.fromEntries(changed.map((column) => [column, state.figures[column] ?? null]));
      const words = changed.map((column) => `${FIGURE_COLUMNS[column]} ${figure(then.figures[column])} → ${figure(now.figures[column])}`).join("; ");
      changes.push(entry("figures", `${now.name}: ${words}`, pick(then), pick(now)));
    }
  }
  return changes;
}

const figure = (value: unknown) => (value === null || value === undefined ? "none" : typeof value === "number" ? formatInteger(value) : String(value));

/** One entry per body whose allocation lines were added, changed or removed. */
function allocationChanges(before: ReferenceSnapshot, after: ReferenceSnapshot, importDate: IsoDate): NewChange[] {
  const byCode = (rows: AllocationState[]) => {
    const map = new Map<string, Map<string, AllocationState>>();
    for (const row of rows) map.set(row.code, (map.get(row.code) ?? new Map()).set(row.key, row));
    return map;
  };
  const was = byCode(before.allocations);
  const now = byCode(after.allocations);
  const changes: NewChange[] = [];
  for (const code of new Set([...was.keys(), ...now.keys()])) {
    const then = was.get(code) ?? new Map<string, AllocationState>();
    const is = now.get(code) ?? new Map<string, AllocationState>();
    const lines = [...new Set([...then.keys(), ...is.keys()])].filter((line) => then.get(line)?.amount !== is.get(line)?.amount).sort();
    if (lines.length === 0) continue;
    const body = after.organisations.get(code) ?? before.organisations.get(code);
    const amounts = (rows: Map<string, AllocationState>) => Object.fromEntries(lines.map((line) => [line, rows.get(line)?.amount ?? null]));
    const shown = lines.slice(0, 3).map((line) => `${line} ${thousands(then.get(line)?.amount)} → ${thousands(is.get(line)?.amount)}`);
    const more = lines.length > 3 ? `, and ${lines.length - 3} more lines` : "";
    changes.push({
      effectiveDate: importDate,
      type: "figures",
      codes: [code],
      nations: body ? [body.nation] : [],
      kinds: body ? [body.kind] : [],
      summary: `${body?.name ?? code}: allocations ${shown.join("; ")}${more}`,
      before: { allocations: amounts(then) },
      after: { allocations: amounts(is) },
      source: [...new Set(lines.map((line) => (is.get(line) ?? then.get(line))!.source))].join("; "),
      sourceUrl: null,
      historyKey: null,
    });
  }
  return changes;
}

const thousands = (amount: string | undefined) => (amount === undefined ? "none" : `£${formatInteger(Number(amount))}k`);

/**
 * One entry per who-commissions-what row added, changed or removed. A row's key holds its
 * arrangement, so a new arrangement for a service in a nation reads as the old row gone and a new
 * one come: such a pair is one change.
 */
function responsibilityChanges(before: ReferenceSnapshot, after: ReferenceSnapshot, importDate: IsoDate): NewChange[] {
  const pairs: [ResponsibilityState | undefined, ResponsibilityState | undefined][] = [];
  const gone: ResponsibilityState[] = [];
  for (const [key, then] of before.responsibilities) if (!after.responsibilities.has(key)) gone.push(then);
  const service = (row: ResponsibilityState) => `${row.category}|${row.fields.nation}`;
  for (const [key, now] of after.responsibilities) {
    const then = before.responsibilities.get(key);
    if (then) {
      if (!same(then, now)) pairs.push([then, now]);
      continue;
    }
    const replaced = gone.findIndex((row) => service(row) === service(now));
    pairs.push([replaced >= 0 ? gone.splice(replaced, 1)[0] : undefined, now]);
  }
  pairs.push(...gone.map((then): [ResponsibilityState, undefined] => [then, undefined]));
  return pairs.map(([then, now]): NewChange => {
    const row = (now ?? then)!;
    const field = (name: string) => row.fields[name] as string | null;
    const summary = !then ? `New row: ${describe(now!)}` : !now ? `Row withdrawn: ${describe(then)}` : `${describe(now)} (was: ${describe(then)})`;
    return {
      effectiveDate: (now?.fields.effective_from as string | null) ?? importDate,
      type: "commissioning",
      codes: [...new Set([then?.commissioner_code, now?.commissioner_code].filter((c): c is string => Boolean(c)))],
      nations: [field("nation")].filter((n): n is string => Boolean(n)),
      kinds: [...new Set([then?.fields.organisation_kind, now?.fields.organisation_kind].filter((k): k is string => typeof k === "string"))],
      summary,
      before: then ? { category: then.category, ...then.fields } : null,
      after: now ? { category: now.category, ...now.fields } : null,
      source: field("source_title") ?? "who_commissions_what.csv",
      sourceUrl: field("source_url"),
      historyKey: null,
    };
  });
}

function describe(row: ResponsibilityState): string {
  const f = row.fields as Record<string, string | null>;
  const who = f.commissioner_name ?? f.commissioner_kind;
  const from = f.effective_from ? ` from ${f.effective_from}` : "";
  return `${row.category} (${NATION_LABELS[f.nation as Nation] ?? f.nation}): ${who}, ${f.arrangement}${from}`;
}
