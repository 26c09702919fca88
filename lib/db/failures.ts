// What a failed database call means for the caller: the database is unreachable or too slow
// (503, try again), a unique key was taken by a concurrent write (409), or a value PostgreSQL
// cannot store (400). Anything else stays an internal error.
import { AppError } from "@/lib/errors";

/** Seconds a client should wait before retrying when the database does not answer */
export const UNAVAILABLE_RETRY_SECONDS = 5;

// Connection refused or lost, server shutting down or starting, too many connections, a statement
// cancelled by statement_timeout (57014) or by a lock timeout (55P03)
const UNAVAILABLE = new Set(["DatabaseNotReachable", "DatabaseDoesNotExist", "SocketTimeout", "TooManyConnections", "ConnectionClosed", "P1001", "P1002", "P1017", "P2024", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EAI_AGAIN", "57P01", "57P02", "57P03", "53300", "57014", "55P03", "08000", "08001", "08003", "08006"]);
const UNIQUE = new Set(["P2002", "UniqueConstraintViolation", "23505"]);
// Invalid byte sequence (a NUL byte in text), a value too long, a number out of range
const UNSTORABLE = new Set(["22021", "22P05", "22001", "22003", "P2000", "P2020", "LengthMismatch", "ValueOutOfRange"]);

/** Every code, kind and message a Prisma, driver-adapter or node-postgres error carries, however nested. */
function signals(error: unknown, depth = 0): string[] {
  if (!error || typeof error !== "object" || depth > 4) return [];
  const e = error as Record<string, unknown>;
  const own = [e.code, e.kind, e.originalCode, e.errno].filter((v): v is string => typeof v === "string");
  const meta = e.meta as Record<string, unknown> | undefined;
  return [...own, ...[e.cause, meta?.driverAdapterError, ...(Array.isArray(e.errors) ? e.errors : [])].flatMap((inner) => signals(inner, depth + 1))];
}

export function databaseFailure(error: unknown): AppError | null {
  if (error instanceof AppError) return null;
  const found = signals(error);
  if (found.some((s) => UNAVAILABLE.has(s)) || (error instanceof Error && /Can't reach database server|connection terminated|Connection terminated|timeout exceeded when trying to connect/i.test(error.message))) {
    return new AppError("unavailable", "The database is not answering just now. Try again in a few seconds.", {}, UNAVAILABLE_RETRY_SECONDS);
  }
  if (found.some((s) => UNIQUE.has(s))) return new AppError("conflict", "Someone saved the same thing at the same moment. Reload to see it.");
  if (found.some((s) => UNSTORABLE.has(s))) return new AppError("invalid", "A value cannot be stored: it is too long, out of range or holds a NUL byte.");
  return null;
}
