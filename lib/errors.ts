import { databaseFailure } from "@/lib/db/failures";

// The one error type of the app: thrown by lib/ functions, mapped to an HTTP status by route
// handlers and to a form message by server actions.
export type AppErrorCode = "unauthenticated" | "forbidden" | "not-found" | "invalid" | "conflict" | "throttled" | "reauthentication-required" | "unavailable";

const STATUS: Record<AppErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  "not-found": 404,
  invalid: 400,
  conflict: 409,
  throttled: 429,
  // Signed in, but the action needs the password entered again (lib/auth/reauth.ts)
  "reauthentication-required": 403,
  // The database does not answer (down, overloaded, or a statement past its time limit): retry
  unavailable: 503,
};

export class AppError extends Error {
  constructor(
    public readonly code: AppErrorCode,
    message: string,
    public readonly fieldErrors: Record<string, string[]> = {},
    public readonly retryAfterSeconds?: number,
    /** For a conflict: the current state, so the client can show it beside the user's edit */
    public readonly current?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }
  get status(): number {
    return STATUS[this.code];
  }
}

export const notFound = (what = "This item") => new AppError("not-found", `${what} was not found.`);

/** Turns a zod error into the field errors a form shows beside each input. */
export function invalid(issues: { path: PropertyKey[]; message: string }[], message = "Some fields need attention."): AppError {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return new AppError("invalid", message, fieldErrors);
}

export function errorResponse(raw: unknown): Response {
  const error = databaseFailure(raw) ?? raw;
  if (error instanceof AppError) {
    const headers: Record<string, string> = { "Cache-Control": "no-store" };
    if (error.retryAfterSeconds) headers["Retry-After"] = String(error.retryAfterSeconds);
    return Response.json(
      {
        error: {
          code: error.code,
          message: error.message,
          ...(Object.keys(error.fieldErrors).length ? { fields: error.fieldErrors } : {}),
          ...(error.current !== undefined ? { current: error.current } : {}),
        },
      },
      { status: error.status, headers },
    );
  }
  console.error(error);
  return Response.json({ error: { code: "internal", message: "Something went wrong on our side. Try again." } }, { status: 500 });
}
