// The OpenAPI 3.1 document, generated from the endpoint contracts (zod 4's own JSON Schema output).
// `npm run openapi` writes it to docs/openapi.yaml; tests/api/openapi.test.ts fails when the file
// and this generator disagree, so the document cannot drift from the code.
import { stringify } from "yaml";
import { z } from "zod";
import { errorSchema, type ApiContract, type ApiResponse } from "./contract";
import { endpoints } from "./endpoints";
import { XLSX_MEDIA_TYPE } from "@/lib/xlsx";

type JsonSchema = Record<string, unknown>;

const INFO_DESCRIPTION = `Who commissions what across the NHS in England, Scotland, Wales and Northern Ireland.
Every endpoint except /api/health needs a session cookie or a personal API token
(\`Authorization: Bearer atlas_…\`, created in Settings or with \`npm run token:create\`).
A token acts as its user, in its team, with the user's current role there.
Errors: \`{"error":{"code","message","fields"?,"current"?}}\` with 400 (names the bad parameter or field), 401, 403, 404, 409, 429, and 503 with Retry-After when the database does not answer.
Every endpoint under /api/v1 answers 400 to a query parameter it does not know, and every write to a body field it does not know.
Generated from the zod schemas in lib/api by \`npm run openapi\`: do not edit by hand.
`;

const TAGS = [
  { name: "health", description: "For load balancers and uptime checks" },
  { name: "me", description: "The caller" },
  { name: "organisations", description: "The bodies of the four nations and what they commission" },
  { name: "dashboard", description: "The figures behind the dashboard's charts" },
  { name: "target-lists", description: "Your team's target lists and their entries" },
  { name: "notes", description: "Your team's account notes" },
  { name: "contacts", description: "Your team's contacts at a body" },
  { name: "views", description: "Your team's saved explorer views" },
  { name: "audit", description: "Your team's audit log" },
  { name: "team", description: "Your team's members, pending invitations and API tokens" },
  { name: "changes", description: "The change log of the reference data" },
  { name: "matching", description: "Account names and codes from a CRM, matched to today's bodies" },
  { name: "procurement", description: "Tenders, awards, contracts and spend, tied to the bodies and their reorganisations" },
  { name: "webhooks", description: "Your team's webhooks: signed JSON POSTs for events, their delivery log, redelivery and a test" },
  { name: "follows", description: "What you and your team's watchlist follow: bodies, saved views and target lists" },
  { name: "notifications", description: "Your notification inbox" },
];

const SAFE_INTEGER = 9007199254740991;

/** Drops what zod adds that says nothing to a reader: safe-integer bounds, the regex behind a date format. */
function tidy({ jsonSchema }: { jsonSchema: JsonSchema }) {
  if (jsonSchema.minimum === -SAFE_INTEGER) delete jsonSchema.minimum;
  if (jsonSchema.maximum === SAFE_INTEGER) delete jsonSchema.maximum;
  if (jsonSchema.format === "date" || jsonSchema.format === "date-time") delete jsonSchema.pattern;
}

const toRefs = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value), (key, v: unknown) => (key === "$ref" && typeof v === "string" ? v.replace("#/$defs/", "#/components/schemas/") : v));

/** One zod schema as an OpenAPI schema; named parts (`.meta({ id })`) go to components.schemas. */
function schemaConverter(components: Record<string, unknown>) {
  return (schema: z.ZodType, io: "input" | "output"): JsonSchema => {
    const { $defs, ...json } = z.toJSONSchema(schema, { io, unrepresentable: "any", override: tidy }) as JsonSchema & { $defs?: JsonSchema };
    delete json.$schema; // the document's dialect is OpenAPI 3.1's (draft 2020-12) already
    for (const [id, definition] of Object.entries($defs ?? {})) components[id] ??= toRefs(definition);
    return toRefs(json) as JsonSchema;
  };
}

const SHARED_ERRORS: Record<number, string> = {
  400: "A parameter or body field the endpoint does not know, or a bad value: error.fields names it",
  401: "No valid session cookie or API token",
  403: "Your role in this team does not allow this (or a cross-site request from a browser session)",
  503: "The database does not answer, or a statement ran past its time limit: retry after the Retry-After seconds (error.code unavailable)",
};

function sharedErrors(contract: ApiContract): number[] {
  if (contract.access === "public") return [];
  return contract.access === "read" ? [400, 401, 503] : [400, 401, 403, 503];
}

function responseObject(response: ApiResponse, status: number, convert: ReturnType<typeof schemaConverter>) {
  const content: Record<string, unknown> = {};
  if (response.schema) content["application/json"] = { schema: convert(response.schema, "output") };
  else if (status >= 400) content["application/json"] = { schema: { $ref: "#/components/schemas/Error" } };
  if (response.csv) content["text/csv"] = { schema: { type: "string", description: response.csv } };
  if (response.xlsx) content[XLSX_MEDIA_TYPE] = { schema: { type: "string", contentMediaType: XLSX_MEDIA_TYPE, description: response.xlsx } };
  return { description: response.description, ...(Object.keys(content).length ? { content } : {}) };
}

function parameters(schema: z.ZodObject | undefined, location: "path" | "query", convert: ReturnType<typeof schemaConverter>) {
  if (!schema) return [];
  const json = convert(schema, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, { description, ...property }]) => ({
    name,
    in: location,
    ...(location === "path" || json.required?.includes(name) ? { required: true } : {}),
    ...(description ? { description } : {}),
    schema: property,
  }));
}

function requestBody(contract: ApiContract, convert: ReturnType<typeof schemaConverter>) {
  const content: Record<string, unknown> = {};
  if (contract.body) content["application/json"] = { schema: convert(contract.body, "input") };
  if (contract.csvBody) content["text/csv"] = { schema: { type: "string", description: contract.csvBody } };
  return { required: true, content };
}

function operation(contract: ApiContract, convert: ReturnType<typeof schemaConverter>) {
  const responses: Record<number, ApiResponse> = Object.fromEntries(sharedErrors(contract).map((status) => [status, { description: SHARED_ERRORS[status]! }]));
  Object.assign(responses, contract.responses);
  const params = [...parameters(contract.params, "path", convert), ...parameters(contract.query, "query", convert)];
  return {
    operationId: contract.operationId,
    tags: [contract.tag],
    summary: contract.summary,
    ...(contract.description ? { description: contract.description } : {}),
    ...(contract.access === "public" ? { security: [] } : {}),
    ...(params.length ? { parameters: params } : {}),
    ...(contract.body || contract.csvBody ? { requestBody: requestBody(contract, convert) } : {}),
    responses: Object.fromEntries(
      Object.entries(responses)
        .sort(([a], [b]) => Number(a) - Number(b))
        .map(([status, response]) => [status, responseObject(response, Number(status), convert)]),
    ),
  };
}

export function openApiDocument(contracts: readonly ApiContract[] = Object.values(endpoints)) {
  const components: Record<string, unknown> = {};
  const convert = schemaConverter(components);
  convert(errorSchema, "output");
  const paths: Record<string, Record<string, unknown>> = {};
  for (const contract of contracts) (paths[contract.path] ??= {})[contract.method.toLowerCase()] = operation(contract, convert);
  return {
    openapi: "3.1.0",
    info: { title: "Commissioning Atlas API", version: "1", description: INFO_DESCRIPTION },
    servers: [{ url: "http://localhost:3000" }],
    security: [{ bearer: [] }, { session: [] }],
    tags: TAGS,
    paths,
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "A personal API token, atlas_…" },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "The app's session cookie (__Secure-next-auth.session-token over HTTPS)" },
      },
      schemas: Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b))),
    },
  };
}

export const openApiYaml = () => stringify(openApiDocument(), { aliasDuplicateObjects: false, lineWidth: 0 });
