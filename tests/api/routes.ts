// The API's route files, walked from app/api/v1, with the contract each exported handler carries.
import { readdirSync } from "node:fs";
import path from "node:path";
import type { ApiContract } from "@/lib/api/contract";

export const API_ROOT = path.join(process.cwd(), "app", "api", "v1");
const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}

export const routeFiles = walk(API_ROOT).filter((file) => file.endsWith("/route.ts"));

/** The OpenAPI path of a route file: app/api/v1/notes/[id]/route.ts is /api/v1/notes/{id}. */
export const openApiPath = (file: string) =>
  `/api/v1/${path.relative(API_ROOT, path.dirname(file)).split(path.sep).map((s) => s.replace(/^\[(\w+)\]$/, "{$1}")).join("/")}`.replace(/\/$/, "");

/** An exported handler; `contract` is missing only when a route skips withApiAuth, which the tests catch. */
type Route = ((request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>) & { contract?: ApiContract };
export type RouteHandler = { file: string; method: string; route: Route };

export async function routeHandlers(): Promise<RouteHandler[]> {
  const handlers: RouteHandler[] = [];
  for (const file of routeFiles) {
    const exported = (await import(file)) as Record<string, Route>;
    for (const [method, route] of Object.entries(exported)) if (HTTP_METHODS.includes(method)) handlers.push({ file, method, route });
  }
  return handlers;
}
