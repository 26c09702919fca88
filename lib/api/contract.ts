// The contract of one API endpoint: path, method, access, parameters, body and every answer, as zod
// schemas. withApiAuth enforces the parts that are the same for every endpoint (access, unknown
// parameter and field names); lib/api/document.ts turns the contracts into docs/openapi.yaml.
import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { Access } from "@/lib/auth/roles";

export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";

export type ApiResponse = {
  description: string;
  /** JSON body; omitted for an empty answer (204) */
  schema?: z.ZodType;
  /** A streamed CSV body instead of (or beside, when `schema` is set) JSON */
  csv?: string;
  /** A streamed Excel workbook (.xlsx), likewise */
  xlsx?: string;
};

export type ApiContract = {
  operationId: string;
  method: HttpMethod;
  /** OpenAPI path, with `{param}` segments */
  path: `/api/${string}`;
  /** "public" only for /api/health, which load balancers call without a session */
  access: Access | "public";
  tag: string;
  summary: string;
  description?: string;
  params?: z.ZodObject;
  /** Every query parameter the endpoint knows; any other name answers 400 */
  query?: z.ZodObject;
  /** The JSON body of a write; a field it does not name answers 400 */
  body?: z.ZodType;
  /** A CSV request body the endpoint takes beside (or instead of) JSON: what it holds */
  csvBody?: string;
  /** Success answers, and the error statuses beyond those every endpoint shares (see document.ts) */
  responses: Record<number, ApiResponse>;
};

export const defineEndpoint = <C extends ApiContract>(contract: C): C => contract;

const ERROR_CODES = ["unauthenticated", "forbidden", "not-found", "invalid", "conflict", "throttled", "reauthentication-required", "unavailable", "internal"] as const;

/** The one error shape of the API (lib/errors.ts errorResponse). */
export const errorSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      fields: z.record(z.string(), z.array(z.string())).optional().describe("Field or parameter name: what is wrong with it"),
      current: z.unknown().optional().describe("For a conflict (409): the record as it is now, to show beside the edit"),
    }),
  })
  .meta({ id: "Error" });

/** The top-level property names a schema accepts (of each option, for a union of objects). */
function propertyNames(schema: z.ZodType): Set<string> {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as { properties?: object; anyOf?: { properties?: object }[] };
  return new Set([json, ...(json.anyOf ?? [])].flatMap((s) => Object.keys(s.properties ?? {})));
}

const namesCache = new WeakMap<z.ZodType, Set<string>>();
function knownNames(schema: z.ZodType): Set<string> {
  let names = namesCache.get(schema);
  if (!names) namesCache.set(schema, (names = propertyNames(schema)));
  return names;
}

/** A 400 naming the first query parameter the contract does not know. */
export function rejectUnknownParameters(contract: ApiContract, params: URLSearchParams): void {
  const known = contract.query ? knownNames(contract.query) : new Set<string>();
  for (const key of params.keys()) {
    if (!known.has(key)) throw new AppError("invalid", `Unknown parameter "${key}".`, { [key]: ["Unknown parameter"] });
  }
}

/**
 * A 400 naming the first body field the contract does not know. Only the names: the route's own
 * parsing answers for bad JSON and bad values, as it always has.
 */
export async function rejectUnknownFields(contract: ApiContract, request: Request): Promise<void> {
  if (!contract.body) return;
  const body: unknown = await request
    .clone()
    .json()
    .catch(() => null);
  if (!body || typeof body !== "object" || Array.isArray(body)) return;
  const known = knownNames(contract.body);
  for (const key of Object.keys(body)) {
    if (!known.has(key)) throw new AppError("invalid", `Unknown field "${key}".`, { [key]: ["Unknown field"] });
  }
}
