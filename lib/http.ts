import type { z } from "zod";
import { AppError, invalid } from "@/lib/errors";

/** Parses and validates a JSON request body; bad JSON or bad fields answer 400 with the reason. */
export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new AppError("invalid", "The request body must be JSON.");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw invalid(parsed.error.issues, "The request body has invalid fields.");
  return parsed.data;
}

export const json = (data: unknown, status = 200) => Response.json(data, { status, headers: { "Cache-Control": "no-store" } });
