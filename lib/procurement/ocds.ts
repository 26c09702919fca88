// OCDS 1.1 releases, pure: validating one at the boundary, repairing double-encoded UTF-8, merging
// a process's releases into its compiled record by the OCDS merge rules, and the fields the atlas
// keeps from it. No database here; lib/procurement/import.ts writes what this returns.
import { createHash } from "node:crypto";
import { z } from "zod";
import { OCID_PREFIXES, PROCUREMENT_SOURCES, type NoticeStatus, type ProcurementSource } from "@/lib/procurement/vocabulary";

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

// ---------- double-encoded UTF-8 ----------

/** The characters cp1252 puts at 0x80-0x9F, which a UTF-8 byte read as cp1252 becomes ("€" for 0x80). */
const CP1252_BYTES = new Map<string, number>(
  [..."€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ"].map((char, index) => [char, 0x80 + index]),
);

/** A byte 0x80-0xBF read as a character: Latin-1's U+0080-U+00BF, or cp1252's character for 0x80-0x9F. */
const CONTINUATION = `[\\u0080-\\u00BF${[...CP1252_BYTES.keys()].join("")}]`;
/** A UTF-8 sequence read byte by byte: a lead byte (0xC2-0xF4 as Latin-1) and as many continuation bytes as it announces. */
const MISREAD_SEQUENCE = new RegExp(`[\\u00C2-\\u00DF]${CONTINUATION}|[\\u00E0-\\u00EF]${CONTINUATION}{2}|[\\u00F0-\\u00F4]${CONTINUATION}{3}`, "gu");
const utf8 = new TextDecoder("utf-8", { fatal: true });

function redecode(sequence: string): string {
  const bytes = Uint8Array.from([...sequence].map((char) => CP1252_BYTES.get(char) ?? char.charCodeAt(0)));
  try {
    return utf8.decode(bytes);
  } catch {
    return sequence; // not a UTF-8 sequence after all (an overlong or surrogate form): kept as written
  }
}

/**
 * Text whose UTF-8 bytes were read as Latin-1/cp1252 and encoded again ("â€™" for "’", "Ã©" for
 * "é", "â€¯" for a narrow no-break space), decoded once more. Only characters that spell a whole
 * UTF-8 sequence byte by byte are re-read, and only when those bytes are valid UTF-8, so correct
 * text ("é", "£", "“quoted”") is left alone beside a repair; twice-mangled text is repaired to a
 * fixed point.
 */
export function repairMojibake(text: string): string {
  let current = text;
  for (let pass = 0; pass < 3; pass++) {
    const next = current.replace(MISREAD_SEQUENCE, redecode);
    if (next === current) return current;
    current = next;
  }
  return current;
}

/**
 * Line breaks whose backslashes were lost on the way to the shipped sample: its copier wrote each
 * release as text in which "\r\n" became the letters "rn" ("tender.rn The purpose", "Scheme:rnGallif",
 * "levels. rnrn The"), in about half the descriptions. A lower-case "rn" run is read as line breaks only
 * where no word can hold it: after a sentence's punctuation or a space, and before a space, a capital, a
 * digit, a bullet or the end ("Southern Norwich", "Wyvern" and "RN" are left alone).
 */
export function repairLostLineBreaks(text: string): string {
  return text.replace(/(?<=[.:;!?)\]]|\s|^)(?:rn)+(?=[\s\dA-Z(•*-]|$)/g, (run) => "\n".repeat(run.length / 2));
}

/** Every string of a JSON value (keys too) repaired. */
export function repairStrings<T>(value: T): T {
  if (typeof value === "string") return repairLostLineBreaks(repairMojibake(value)) as T;
  if (Array.isArray(value)) return value.map(repairStrings) as T;
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [repairMojibake(key), repairStrings(item)])) as T;
  return value;
}

// ---------- validation ----------

const releaseSchema = z
  .object({
    ocid: z.string({ error: (issue) => (issue.input === undefined ? "ocid is missing" : "ocid must be a string") }).min(1, "ocid is empty"),
    // Public Contracts Scotland publishes its releases without an id (OCDS requires one): such a
    // release is keyed by its date instead (see parseRelease); an id that is there must be usable
    id: z
      .union([z.string(), z.number()], { error: "id must be a string" })
      .transform(String)
      .pipe(z.string().min(1, "id is empty"))
      .optional(),
    date: z
      .string({ error: (issue) => (issue.input === undefined ? "date is missing" : "date must be a string") })
      .refine((date) => !Number.isNaN(Date.parse(date)), "date is not a date"),
    tag: z.array(z.string(), { error: (issue) => (issue.input === undefined ? "tag is missing" : "tag must be a list") }).min(1, "tag is empty"),
  })
  .loose();

export type Release = JsonObject & { ocid: string; id: string; date: string; tag: string[] };
/** `keyedByDate`: the publisher gave no release id, so the release is known by its ocid and date. */
export type ParsedRelease = { release: Release; source: ProcurementSource; hash: string; keyedByDate?: boolean };
export type ReleaseParse = { ok: true; value: ParsedRelease } | { ok: false; reason: string };

/** The publisher of an ocid, from its registered prefix. */
export function sourceOfOcid(ocid: string): ProcurementSource | null {
  return PROCUREMENT_SOURCES.find((source) => ocid.startsWith(`${OCID_PREFIXES[source]}-`)) ?? null;
}

/** JSON with its object keys sorted, so the same release always hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

/** One release checked at the boundary (ocid, date and tag required; id where the publisher gives one), its text repaired and hashed. */
export function parseRelease(input: unknown): ReleaseParse {
  if (!input || typeof input !== "object" || Array.isArray(input)) return { ok: false, reason: "not an OCDS release (expected a JSON object)" };
  const parsed = releaseSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues.map((issue) => issue.message).join("; ") };
  // Without an id, the release's date is its key within the ocid (one release per date), marked as
  // such so nobody takes it for the publisher's id
  const id = parsed.data.id ?? `no-release-id@${parsed.data.date}`;
  const release = repairStrings({ ...(input as JsonObject), id }) as Release;
  const source = sourceOfOcid(release.ocid);
  if (!source) return { ok: false, reason: `ocid ${release.ocid} has no known publisher prefix (${Object.values(OCID_PREFIXES).join(", ")})` };
  return { ok: true, value: { release, source, hash: createHash("sha256").update(canonicalJson(release)).digest("hex"), ...(parsed.data.id === undefined ? { keyedByDate: true } : {}) } };
}

/** The releases a JSON document holds: a release package ({releases: [...]}), a list, or one release. */
export function releasesOf(document: unknown): unknown[] {
  if (Array.isArray(document)) return document;
  if (document && typeof document === "object" && Array.isArray((document as { releases?: unknown }).releases)) return (document as { releases: unknown[] }).releases;
  return [document];
}

// ---------- merging (OCDS 1.1 merge rules) ----------

const isObject = (value: unknown): value is JsonObject => !!value && typeof value === "object" && !Array.isArray(value);
const isIdentifiedList = (value: unknown): value is JsonObject[] => Array.isArray(value) && value.length > 0 && value.every((item) => isObject(item) && item.id !== undefined);

function mergeObject(target: JsonObject, source: JsonObject): JsonObject {
  const merged: JsonObject = { ...target };
  for (const [key, value] of Object.entries(source)) {
    if (value === null) delete merged[key]; // null removes a field
    else if (isObject(value)) merged[key] = mergeObject(isObject(merged[key]) ? merged[key] : {}, value);
    else if (isIdentifiedList(value)) merged[key] = mergeById(Array.isArray(merged[key]) ? (merged[key] as Json[]) : [], value);
    else merged[key] = value; // strings, numbers and lists without ids replace
  }
  return merged;
}

/** Objects of a list with ids merge with the earlier object of the same id; new ids are appended. */
function mergeById(target: Json[], source: JsonObject[]): Json[] {
  const merged = target.filter(isObject).map((item) => ({ ...item }));
  for (const item of source) {
    const at = merged.findIndex((existing) => String(existing.id) === String(item.id));
    if (at >= 0) merged[at] = mergeObject(merged[at]!, item);
    else merged.push(mergeObject({}, item));
  }
  return merged;
}

const byDate = (a: Release, b: Release) => Date.parse(a.date) - Date.parse(b.date) || a.id.localeCompare(b.id);

/**
 * The compiled release of one process: its releases in date order, each merged over the last
 * (fields replace, null removes, objects merge, lists of objects with ids merge by id). So the
 * tender is the latest, and every award, contract and party of any release is kept, an
 * awardUpdate merging into its award.
 */
export function compileReleases(releases: Release[]): JsonObject {
  const ordered = [...releases].sort(byDate);
  const compiled = ordered.reduce<JsonObject>((merged, release) => mergeObject(merged, release), {});
  // A compiled release is no one release: it takes the latest date and the tag "compiled", and no id
  delete compiled.id;
  return { ...compiled, tag: ["compiled"], date: ordered.at(-1)!.date };
}

// ---------- the fields the atlas keeps ----------

export type Supplier = { name: string; identifier: string | null };
export type Lot = { id: string; title: string | null; status: string | null; value: number | null };

/** One process as procurement_process holds it (buyer matching is applied afterwards, in the database). */
export type CompiledProcess = {
  ocid: string;
  source: ProcurementSource;
  title: string;
  description: string | null;
  cpvCodes: string[];
  procedure: string | null;
  status: NoticeStatus;
  valueMin: number | null;
  valueMax: number | null;
  currency: string | null;
  publishedAt: string;
  updatedAt: string;
  tenderDeadline: string | null;
  awardDate: string | null;
  contractStart: string | null;
  contractEnd: string | null;
  lots: Lot[];
  suppliers: Supplier[];
  buyerName: string;
  buyerIdentifier: string | null;
  url: string | null;
  compiled: JsonObject;
  releaseCount: number;
};

const obj = (value: Json | undefined): JsonObject => (isObject(value) ? value : {});
const list = (value: Json | undefined): JsonObject[] => (Array.isArray(value) ? value.filter(isObject) : []);
const str = (value: Json | undefined): string | null => (typeof value === "string" && value.trim() !== "" ? value.trim() : typeof value === "number" ? String(value) : null);
const num = (value: Json | undefined): number | null => (typeof value === "number" && Number.isFinite(value) ? value : typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value)) ? Number(value) : null);
const day = (value: Json | undefined): string | null => {
  const text = str(value);
  return text && !Number.isNaN(Date.parse(text)) ? new Date(text).toISOString().slice(0, 10) : null;
};
const instant = (value: Json | undefined): string | null => {
  const text = str(value);
  return text && !Number.isNaN(Date.parse(text)) ? new Date(text).toISOString() : null;
};
const latest = (dates: (string | null)[]) => dates.filter((d): d is string => d !== null).sort().at(-1) ?? null;
const earliest = (dates: (string | null)[]) => dates.filter((d): d is string => d !== null).sort()[0] ?? null;

/** "scheme-id" of an OCDS identifier, or null. */
function identifierOf(identifier: JsonObject): string | null {
  const id = str(identifier.id);
  if (!id) return null;
  const scheme = str(identifier.scheme);
  return scheme ? `${scheme}-${id}` : id;
}

/** CPV codes of the tender, its items and lots: the main classification first, no repeats. */
function cpvCodesOf(tender: JsonObject): string[] {
  const classifications = [
    obj(tender.classification),
    ...list(tender.additionalClassifications),
    ...[...list(tender.items), ...list(tender.lots)].flatMap((part) => [obj(part.classification), ...list(part.additionalClassifications)]),
  ];
  const codes = classifications.filter((c) => (str(c.scheme) ?? "CPV").toUpperCase() === "CPV").map((c) => str(c.id)).filter((id): id is string => id !== null);
  return [...new Set(codes)];
}

const CANCELLED = new Set(["cancelled", "unsuccessful", "withdrawn"]);

/** The status of the vocabulary (lib/procurement/vocabulary.ts), from the compiled record, as of `now`. */
function statusOf(compiled: JsonObject, now: Date): NoticeStatus {
  const tender = obj(compiled.tender);
  const awards = list(compiled.awards);
  const contracts = list(compiled.contracts);
  if (awards.some((a) => str(a.status) === "active") || contracts.some((c) => ["active", "terminated"].includes(str(c.status) ?? ""))) return "awarded";
  const tenderStatus = str(tender.status);
  if (CANCELLED.has(tenderStatus ?? "") || (awards.length > 0 && awards.every((a) => CANCELLED.has(str(a.status) ?? "")))) return "cancelled";
  if (tenderStatus === "planning" || tenderStatus === "planned") return "planned";
  if (tenderStatus === "complete") return "closed";
  if (tenderStatus === "active") {
    const deadline = instant(obj(tender.tenderPeriod).endDate);
    return deadline && Date.parse(deadline) < now.getTime() ? "closed" : "open";
  }
  if (!tenderStatus && isObject(compiled.planning)) return "planned";
  return "unknown";
}

/** Awards' values when any was given (smallest to largest), else the tender's range (minValue to value). */
function valuesOf(tender: JsonObject, awards: JsonObject[]): { min: number | null; max: number | null; currency: string | null } {
  const awarded = awards.map((a) => obj(a.value)).filter((v) => num(v.amount) !== null);
  if (awarded.length > 0) {
    const amounts = awarded.map((v) => num(v.amount)!);
    return { min: Math.min(...amounts), max: Math.max(...amounts), currency: str(awarded[0]!.currency) };
  }
  const min = num(obj(tender.minValue).amount);
  const max = num(obj(tender.value).amount);
  const currency = str(obj(tender.value).currency) ?? str(obj(tender.minValue).currency);
  if (min !== null && max !== null && min > max) return { min: max, max: min, currency };
  return { min: min ?? max, max: max ?? min, currency: min === null && max === null ? null : currency };
}

const NOTICE_DOCUMENTS = ["awardNotice", "contractNotice", "tenderNotice"];
/** Contracts Finder release ids are "{notice id}-{n}"; its notices live at /Notice/{notice id}. */
const CONTRACTS_FINDER_RELEASE_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-\d+$/i;

/** The notice on the publisher's site: a notice document's URL, else Contracts Finder's pattern where the release id gives the notice id. */
function urlOf(compiled: JsonObject, releases: Release[], source: ProcurementSource): string | null {
  const documents = [...list(compiled.awards).flatMap((a) => list(a.documents)), ...list(obj(compiled.tender).documents)];
  for (const type of NOTICE_DOCUMENTS) {
    const url = str(documents.find((d) => str(d.documentType) === type && /^https?:\/\//.test(str(d.url) ?? ""))?.url);
    if (url) return url;
  }
  if (source !== "contracts-finder") return null;
  const noticeId = [...releases].sort(byDate).reverse().map((r) => CONTRACTS_FINDER_RELEASE_ID.exec(r.id)?.[1]).find(Boolean);
  return noticeId ? `https://www.contractsfinder.service.gov.uk/Notice/${noticeId}` : null;
}

function suppliersOf(awards: JsonObject[], parties: JsonObject[]): Supplier[] {
  const seen = new Map<string, Supplier>();
  for (const supplier of awards.flatMap((a) => list(a.suppliers))) {
    const party = parties.find((p) => supplier.id !== undefined && String(p.id) === String(supplier.id));
    const name = str(supplier.name) ?? str(party?.name);
    if (!name) continue;
    const identifier = (party && identifierOf(obj(party.identifier))) ?? str(supplier.id);
    const key = `${name.toLowerCase()}|${identifier ?? ""}`;
    if (!seen.has(key)) seen.set(key, { name, identifier });
  }
  return [...seen.values()];
}

function buyerOf(compiled: JsonObject): { name: string; identifier: string | null } {
  const parties = list(compiled.parties);
  const reference = obj(compiled.buyer);
  const party =
    parties.find((p) => reference.id !== undefined && String(p.id) === String(reference.id)) ??
    parties.find((p) => Array.isArray(p.roles) && p.roles.includes("buyer"));
  const name = str(reference.name) ?? str(party?.name) ?? "";
  const identifier = (party && identifierOf(obj(party.identifier))) ?? str(reference.id) ?? str(party?.id);
  return { name, identifier };
}

/** The atlas's record of one process, from all its releases (at least one, one ocid). */
export function compileProcess(releases: ParsedRelease[], now: Date = new Date()): CompiledProcess {
  const first = releases[0];
  if (!first || releases.some((r) => r.release.ocid !== first.release.ocid)) throw new Error("compileProcess: the releases of one ocid, at least one");
  const plain = releases.map((r) => r.release);
  const compiled = compileReleases(plain);
  const tender = obj(compiled.tender);
  const awards = list(compiled.awards);
  const contracts = list(compiled.contracts);
  const periods = [...contracts.map((c) => obj(c.period)), ...awards.map((a) => obj(a.contractPeriod))];
  const tenderPeriod = obj(tender.contractPeriod);
  const values = valuesOf(tender, awards);
  const buyer = buyerOf(compiled);
  const dates = plain.map((r) => new Date(r.date).toISOString()).sort();
  return {
    ocid: first.release.ocid,
    source: first.source,
    title: str(tender.title) ?? str(compiled.title) ?? str(awards[0]?.title) ?? str(contracts[0]?.title) ?? first.release.ocid,
    description: str(tender.description) ?? str(compiled.description),
    cpvCodes: cpvCodesOf(tender),
    procedure: str(tender.procurementMethodDetails) ?? str(tender.procurementMethod),
    status: statusOf(compiled, now),
    valueMin: values.min,
    valueMax: values.max,
    currency: values.currency,
    publishedAt: dates[0]!,
    updatedAt: dates.at(-1)!,
    tenderDeadline: instant(obj(tender.tenderPeriod).endDate),
    awardDate: latest(awards.filter((a) => str(a.status) !== "cancelled").map((a) => day(a.date))),
    contractStart: earliest(periods.map((p) => day(p.startDate))) ?? day(tenderPeriod.startDate),
    contractEnd: latest(periods.map((p) => day(p.endDate))) ?? day(tenderPeriod.endDate),
    lots: list(tender.lots).map((lot) => ({ id: String(lot.id), title: str(lot.title), status: str(lot.status), value: num(obj(lot.value).amount) })),
    suppliers: suppliersOf(awards, list(compiled.parties)),
    buyerName: buyer.name,
    buyerIdentifier: buyer.identifier,
    url: urlOf(compiled, plain, first.source),
    compiled,
    releaseCount: releases.length,
  };
}
