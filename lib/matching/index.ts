// Spreadsheet matching: what the page's actions and POST /api/v1/match call.
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError, invalid } from "@/lib/errors";
import { formatInteger } from "@/lib/format";
import { todaysBodies } from "@/lib/organisations/succession";
import { readCsv, readSpreadsheet, writeMatchedSpreadsheet, type AddedCells, type Spreadsheet } from "./spreadsheet";
import { MAX_MATCH_BYTES, MAX_MATCH_ROWS } from "./vocabulary";

export { matchNames, type MatchResult } from "./engine";

const nameSchema = z.string().max(500, "A name has at most 500 characters");

/** POST /api/v1/match's JSON body */
export const matchNamesBodySchema = z
  .object({ names: z.array(nameSchema).min(1, "Send at least one name").max(MAX_MATCH_ROWS, `At most ${formatInteger(MAX_MATCH_ROWS)} names at once`) })
  .strict();

/** The page sends the column in chunks, one call each, to show progress */
export const matchChunkSchema = z.object({ names: z.array(nameSchema).min(1).max(MAX_MATCH_ROWS) });

const csvColumnSchema = z.string().trim().min(1).max(200);
export const matchQuerySchema = z.object({ column: csvColumnSchema.optional() });

async function bodyText(request: Request): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_MATCH_BYTES) throw tooLarge();
  const text = await request.text();
  if (new TextEncoder().encode(text).byteLength > MAX_MATCH_BYTES) throw tooLarge();
  if (!text.trim()) throw new AppError("invalid", "The body is empty: send CSV (Content-Type: text/csv) or {\"names\": [...]}.", { body: ["Empty body"] });
  return text;
}

const tooLarge = () => new AppError("invalid", `The body is larger than ${MAX_MATCH_BYTES / 1024 / 1024} MB: split it.`, { body: ["Too large"] });

/** The names of a request: a CSV body's first column (or the one `column` names), or a JSON body's names. */
export async function namesOfRequest(request: Request, query: z.output<typeof matchQuerySchema>): Promise<string[]> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  const text = await bodyText(request);
  if (type === "text/csv") {
    const { headers, rows } = readCsv(text);
    const column = query.column === undefined ? 0 : headers.findIndex((h) => h.toLowerCase() === query.column!.toLowerCase());
    if (column < 0) throw new AppError("invalid", `column: the CSV has no column "${query.column}" (it has ${headers.join(", ")}).`, { column: ["No such column"] });
    if (rows.length === 0) throw new AppError("invalid", "The CSV has a header but no rows.", { body: ["No rows"] });
    if (rows.length > MAX_MATCH_ROWS) throw new AppError("invalid", `At most ${formatInteger(MAX_MATCH_ROWS)} rows at once.`, { body: ["Too many rows"] });
    return rows.map((row) => row[column] ?? "");
  }
  if (query.column !== undefined) throw new AppError("invalid", "column applies to a CSV body only.", { column: ["Only with text/csv"] });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError("invalid", "The body is neither CSV (send Content-Type: text/csv) nor JSON.", { body: ["Not JSON"] });
  }
  const parsed = matchNamesBodySchema.safeParse(json);
  if (!parsed.success) throw invalid(parsed.error.issues);
  return parsed.data.names;
}

/** An upload, read for the page: its header, its rows as text and the column that looks like accounts. */
export async function readUpload(file: File): Promise<Spreadsheet> {
  if (file.size > MAX_MATCH_BYTES) throw new AppError("invalid", `The file is larger than ${MAX_MATCH_BYTES / 1024 / 1024} MB: split it and match each part.`, { file: ["Too large"] });
  return readSpreadsheet(new Uint8Array(await file.arrayBuffer()), file.name);
}

/**
 * The upload written back with the body of each row added, the row's code chosen on the page (or
 * null for a row skipped or left unmatched). Codes are looked up again here: the page sends codes,
 * never names or kinds.
 */
export async function matchedSpreadsheet(db: PrismaClient, file: File, codes: (string | null)[]): Promise<{ bytes: Uint8Array; filename: string; contentType: string }> {
  const sheet = await readUpload(file);
  if (codes.length !== sheet.rows.length) throw new AppError("invalid", "The choices do not fit the file: match it again.", { codes: ["One per row"] });
  const wanted = [...new Set(codes.filter((c): c is string => Boolean(c)))];
  const bodies = await db.organisation.findMany({ where: { code: { in: wanted } }, select: { id: true, code: true, name: true, kind: true, status: true } });
  const today = await todaysBodies(db, bodies.map((b) => b.id));
  const byCode = new Map(bodies.map((b) => [b.code, b]));
  const added: AddedCells[] = codes.map((code) => {
    const body = code ? byCode.get(code) : undefined;
    if (!body) return null;
    const now = (today.get(body.id) ?? []).map((t) => `${t.code} ${t.name}`).join("; ");
    return { code: body.code, name: body.name, kind: body.kind, status: body.status, today: now };
  });
  const bytes = await writeMatchedSpreadsheet(sheet, added);
  const filename = `${file.name.replace(/\.(csv|txt|xlsx)$/i, "")}-matched.${sheet.format}`;
  return { bytes, filename, contentType: sheet.format === "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8" };
}
