// Matching a column of account names and codes from a CRM to the bodies of today. Names are
// compared as match keys (match_key() in PostgreSQL, migration match_names): "NHS Cheshire and
// Merseyside ICB", "Cheshire & Merseyside Integrated Care Board" and "cheshire and merseyside" are
// one key. Every batch of names is one statement: codes by equality, names by the nearest keys of
// a trigram GiST index (exact keys come first, at distance 0), then today's bodies in three more.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { queryRows } from "@/lib/db/query";
import { sql } from "@/lib/db/sql";
import type { OrganisationRef } from "@/lib/organisations/read";
import { todaysBodies } from "@/lib/organisations/succession";
import { kindIn, type OrganisationKind } from "@/lib/organisations/vocabulary";
import { BUYER_KINDS, MATCH_BATCH, type MatchMethod } from "./vocabulary";

export type MatchedBody = Pick<OrganisationRef, "code" | "name" | "kind" | "status">;
export type Alternative = Pick<OrganisationRef, "code" | "name" | "kind"> & { confidence: number };

export type MatchResult = {
  input: string;
  matched: MatchedBody | null;
  today: Pick<OrganisationRef, "code" | "name" | "kind">[];
  method: MatchMethod | null;
  confidence: number;
  /** Waits for the analyst: confidence under REVIEW_BELOW, or a runner-up too close that leads elsewhere */
  ambiguous: boolean;
  alternatives: Alternative[];
};

/**
 * How confidence is computed, 0 to 1:
 * - the body's code (ODS or ONS), or its name today once normalised: 1;
 * - one of its other names (former, statutory or Welsh): 0.97;
 * - otherwise the closeness of the two normalised names × 0.95, so a near name never ranks with an
 *   exact one. Closeness is the best of pg_trgm's trigram similarity (shared trigrams over all
 *   trigrams: words missing or in another order), 1 - edit distance / length (fuzzystrmatch's
 *   levenshtein: letters mistyped or swapped) and, for a name cut short ("Royal Free" for "Royal
 *   Free London"), pg_trgm's word_similarity of the input within the name × 0.9;
 * - minus 0.1 when the input says one kind of body ("... ICB", "... CCG", "... Trust") and the name
 *   another.
 * Names whose trigram similarity is under MIN_SIMILARITY are not candidates at all.
 */
export const CONFIDENCE = { code: 1, name: 1, otherName: 0.97, fuzzyFactor: 0.95, partialFactor: 0.9, designatorMismatch: 0.1 } as const;
export const MIN_SIMILARITY = 0.3;
/** A match under this confidence waits for the analyst */
export const REVIEW_BELOW = 0.8;
/** A runner-up this close to the best, leading to other bodies today, makes the match ambiguous */
export const TOO_CLOSE = 0.05;
const MAX_ALTERNATIVES = 3;
/** A trigram found in more names than this says too little to find candidates by */
const RARE_TRIGRAM = 100;
/** Names per fuzzy input scored with similarity() */
const FUZZY_CANDIDATES = 12;

type Candidate = {
  i: number;
  id: number;
  code: string;
  name: string;
  kind: OrganisationKind;
  status: "open" | "closed";
  how: "code" | "name" | "other-name";
  similarity: number;
  designator_mismatch: boolean;
  buyer: boolean;
};

/**
 * Every candidate of a batch in one statement. Codes (ODS or ONS) and exact keys by equality.
 * Inputs with neither go to trigram similarity, set-based rather than one index probe per row:
 * the names sharing the most of the input's distinctive trigrams (those found in at most
 * RARE_TRIGRAM names; "sur" of every "surgery" tells nothing) are scored by closeness (below).
 */
function candidatesQuery(names: string[]) {
  return sql`
    WITH input AS (
      SELECT x.i::int AS i, upper(btrim(x.raw)) AS code, match_key(x.raw) AS key, match_designator(x.raw) AS designator
      FROM unnest(${names}::text[]) WITH ORDINALITY AS x(raw, i)
    ), exact AS (
      SELECT input.i, o.id AS organisation_id, 'code' AS how, 1::real AS similarity, '' AS designator FROM input JOIN organisation o ON o.code = input.code
      UNION ALL
      SELECT input.i, o.id, 'code', 1::real, '' FROM input JOIN organisation o ON o.ons_code = input.code
      UNION ALL
      SELECT input.i, n.organisation_id, CASE WHEN n.is_current THEN 'name' ELSE 'other-name' END, 1::real, n.designator
      FROM input JOIN organisation_match_name n ON n.key = input.key
    ), fuzzy_input AS (
      SELECT i, key FROM input WHERE key <> '' AND i NOT IN (SELECT i FROM exact)
    ), input_trigram AS (
      SELECT DISTINCT i, t FROM fuzzy_input, unnest(show_trgm(key)) AS t
    ), shared AS (
      -- Ties on shared trigrams are common among long names: broken by closeness in length, then by
      -- id, so the same names are scored whatever plan PostgreSQL picks (an arbitrary order once left
      -- the right body out under load)
      SELECT it.i, nt.organisation_id, nt.key,
        row_number() OVER (PARTITION BY it.i ORDER BY count(*) DESC, abs(length(nt.key) - length(fi.key)), nt.organisation_id, nt.key) AS place
      FROM input_trigram it
      JOIN fuzzy_input fi ON fi.i = it.i
      JOIN organisation_match_trigram_frequency f ON f.trigram = it.t AND f.names <= ${RARE_TRIGRAM}
      JOIN organisation_match_trigram nt ON nt.trigram = it.t
      GROUP BY it.i, fi.key, nt.organisation_id, nt.key
    ), fuzzy AS (
      SELECT shared.i, shared.organisation_id, n.is_current, n.designator,
        greatest(
          similarity(n.key, fuzzy_input.key),
          1 - levenshtein(left(n.key, 255), left(fuzzy_input.key, 255))::real / greatest(length(n.key), length(fuzzy_input.key)),
          word_similarity(fuzzy_input.key, n.key) * ${CONFIDENCE.partialFactor}
        ) AS similarity
      FROM shared JOIN fuzzy_input USING (i) JOIN organisation_match_name n ON n.organisation_id = shared.organisation_id AND n.key = shared.key
      WHERE shared.place <= ${FUZZY_CANDIDATES} AND similarity(n.key, fuzzy_input.key) >= ${MIN_SIMILARITY}
    ), hits AS (
      SELECT * FROM exact
      UNION ALL
      SELECT i, organisation_id, CASE WHEN is_current THEN 'name' ELSE 'other-name' END, similarity, designator FROM fuzzy
    )
    SELECT hits.i, o.id, o.code, o.name, o.kind, o.status, hits.how, hits.similarity::float8 AS similarity,
      input.designator <> '' AND hits.designator <> '' AND input.designator <> hits.designator AS designator_mismatch,
      ${kindIn("o.kind", BUYER_KINDS)} AS buyer
    FROM hits JOIN organisation o ON o.id = hits.organisation_id JOIN input ON input.i = hits.i`;
}

function confidenceOf(c: Candidate): number {
  const base =
    c.how === "code" ? CONFIDENCE.code : c.similarity >= 1 ? (c.how === "name" ? CONFIDENCE.name : CONFIDENCE.otherName) : c.similarity * CONFIDENCE.fuzzyFactor;
  return Math.max(0, Math.round((base - (c.designator_mismatch ? CONFIDENCE.designatorMismatch : 0)) * 1000) / 1000);
}

type Ranked = Candidate & { confidence: number };

/** Best first; on equal confidence an open body, a statutory buyer, its name today, then by name. */
function rank(candidates: Candidate[]): Ranked[] {
  const best = new Map<number, Ranked>();
  for (const c of candidates) {
    const scored = { ...c, confidence: confidenceOf(c) };
    const seen = best.get(c.id);
    if (!seen || scored.confidence > seen.confidence || (scored.confidence === seen.confidence && scored.how === "code")) best.set(c.id, scored);
  }
  const key = (c: Ranked) => [-c.confidence, c.status === "open" ? 0 : 1, c.buyer ? 0 : 1, c.how === "other-name" ? 1 : 0] as const;
  return [...best.values()].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    for (let n = 0; n < ka.length; n++) if (ka[n] !== kb[n]) return ka[n]! - kb[n]!;
    return a.name.localeCompare(b.name);
  });
}

function methodOf(best: Ranked): MatchMethod {
  const exact = best.how === "code" || best.similarity >= 1;
  if (!exact) return "fuzzy-name";
  if (best.status === "closed") return "successor";
  return best.how === "code" ? "code" : best.how === "name" ? "name" : "former-name";
}

const sameBodies = (a: { code: string }[] = [], b: { code: string }[] = []) => a.length === b.length && a.every((x) => b.some((y) => y.code === x.code));

async function matchBatch(db: PrismaClient, names: string[]): Promise<MatchResult[]> {
  const rows = await queryRows<Candidate>(db, candidatesQuery(names));
  const byInput = new Map<number, Candidate[]>();
  for (const row of rows) byInput.set(row.i, [...(byInput.get(row.i) ?? []), row]);
  const ranked = names.map((_, n) => rank(byInput.get(n + 1) ?? []));
  // Today's bodies of the best and the runner-up, to tell a real ambiguity from two names of one buyer
  const ids = [...new Set(ranked.flatMap((r) => r.slice(0, 2).map((c) => c.id)))];
  const today = await todaysBodies(db, ids);

  return names.map((input, n) => {
    const [best, ...rest] = ranked[n]!;
    if (!best) return { input, matched: null, today: [], method: null, confidence: 0, ambiguous: input.trim() !== "", alternatives: [] };
    const runnerUp = rest[0];
    const tooClose = runnerUp !== undefined && best.confidence - runnerUp.confidence <= TOO_CLOSE && !sameBodies(today.get(best.id), today.get(runnerUp.id));
    return {
      input,
      matched: { code: best.code, name: best.name, kind: best.kind, status: best.status },
      today: (today.get(best.id) ?? []).map(({ code, name, kind }) => ({ code, name, kind })),
      method: methodOf(best),
      confidence: best.confidence,
      ambiguous: best.confidence < REVIEW_BELOW || tooClose,
      alternatives: rest.slice(0, MAX_ALTERNATIVES).map(({ code, name, kind, confidence }) => ({ code, name, kind, confidence })),
    };
  });
}

/** One result per name, in order; MATCH_BATCH names per statement. */
export async function matchNames(db: PrismaClient, names: string[]): Promise<MatchResult[]> {
  const results: MatchResult[] = [];
  for (let start = 0; start < names.length; start += MATCH_BATCH) results.push(...(await matchBatch(db, names.slice(start, start + MATCH_BATCH))));
  return results;
}
