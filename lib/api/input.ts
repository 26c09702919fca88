// Input refused before any handler runs, the same on every endpoint: a NUL byte (PostgreSQL text
// cannot hold one, so it would fail as a 500 deep in a query) and a JSON body that is not an object.
import { AppError } from "@/lib/errors";
import type { ApiContract } from "./contract";

const NUL = "\u0000";
const nulError = (name: string) => new AppError("invalid", `"${name}" holds a NUL byte, which is not allowed.`, { [name]: ["Holds a NUL byte"] });

/** The path of the first string (or key) in a JSON value that holds a NUL byte. */
function nulPath(value: unknown, path: string): string | null {
  if (typeof value === "string") return value.includes(NUL) ? path || "body" : null;
  if (!value || typeof value !== "object") return null;
  for (const [key, inner] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (key.includes(NUL)) return at;
    const found = nulPath(inner, at);
    if (found) return found;
  }
  return null;
}

export function rejectNulParameters(params: Record<string, unknown>, search: URLSearchParams): void {
  for (const [key, value] of Object.entries(params)) if (typeof value === "string" && value.includes(NUL)) throw nulError(key);
  for (const [key, value] of search) if (key.includes(NUL) || value.includes(NUL)) throw nulError(key);
}

/** A write's JSON body must parse and be an object; a CSV body (csvBody endpoints) is the route's to read. */
export async function rejectBadBody(contract: ApiContract, request: Request): Promise<void> {
  if (!contract.body || (request.headers.get("content-type") ?? "").startsWith("text/csv")) return;
  const text = await request.clone().text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("invalid", "The request body must be JSON.");
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new AppError("invalid", "The request body must be a JSON object.");
  const at = nulPath(body, "");
  if (at) throw nulError(at);
}
