// Walks every route file under app/, and every server-action module wherever it lives (lib/<domain>/actions.ts,
// or a "use server" file anywhere in app/, lib/ or components/), so the rule "every route checks the
// session and the team" also holds for routes added later: a new page, route handler or server
// action without its guard fails here.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("../support/next-request-scope").then((m) => m.nextHeaders));
vi.mock("next/cache", () => import("../support/next-request-scope").then((m) => m.nextCache));

import { proxy } from "@/proxy";
import { isPublicPath } from "@/lib/auth/public-routes";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { actAs } from "../support/next-request-scope";

const APP = path.join(process.cwd(), "app");
const PUBLIC_ACTIONS = new Set(["signUpAction", "acceptInvitationAction", "requestPasswordResetAction", "resetPasswordAction"]);
const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

/** URL path of a route file, with each dynamic segment filled by a sample value. */
function urlPath(file: string): string {
  const segments = path
    .relative(APP, path.dirname(file))
    .split(path.sep)
    .filter((s) => s && !/^\(.*\)$/.test(s))
    .map((s) => (s.startsWith("[...") ? "a/b" : s.startsWith("[") ? "sample" : s));
  return `/${segments.join("/")}`;
}

const sources = (dir: string) => walk(path.join(process.cwd(), dir)).filter((f) => /\.(ts|tsx)$/.test(f) && !f.includes(`${path.sep}generated${path.sep}`));
const files = sources("app");
const pages = files.filter((f) => /\/page\.tsx$/.test(f));
const routes = files.filter((f) => /\/route\.ts$/.test(f));
const isServerModule = (f: string) => /^\s*["']use server["']/.test(readFileSync(f, "utf8"));
const codeFiles = [...files, ...sources("lib"), ...sources("components")];
const actionModules = codeFiles.filter(isServerModule);
const relative = (f: string) => path.relative(process.cwd(), f);
/** Server actions live beside their domain, in lib/<domain>/actions.ts, and nowhere else. */
const domainActionFiles = codeFiles.filter((f) => /\/lib\/[\w-]+\/actions\.ts$/.test(f));

describe("every route file has an authorisation check", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase({ empty: true });
    t.useAsAppDatabase();
  });
  afterAll(() => t.drop());

  it("finds the app's routes (guards against the walk silently finding nothing)", () => {
    expect(pages.length).toBeGreaterThanOrEqual(8);
    expect(routes.length).toBeGreaterThanOrEqual(8);
    expect(actionModules.length).toBeGreaterThanOrEqual(5);
    expect(actionModules.map(relative), "every lib/<domain>/actions.ts is \"use server\", and no other file is").toEqual(domainActionFiles.map(relative));
    const actions = actionModules.flatMap((f) => [...readFileSync(f, "utf8").matchAll(/^export const \w+/gm)]);
    expect(actions.length).toBeGreaterThanOrEqual(23);
  });

  it.each(pages.map((f) => [path.relative(process.cwd(), f), f]))("page %s calls requirePageAuth unless public", (_name, file) => {
    const source = readFileSync(file, "utf8");
    if (isPublicPath(urlPath(file))) return;
    expect(source).toMatch(/await requirePageAuth\(/);
  });

  it.each(routes.map((f) => [path.relative(process.cwd(), f), f]))("route handler %s wraps every method in withApiAuth unless public", (_name, file) => {
    if (isPublicPath(urlPath(file))) return;
    const source = readFileSync(file, "utf8");
    expect(source, "export handlers as `export const GET = withApiAuth(...)`").not.toMatch(/export\s+(async\s+)?function|export\s*\{/);
    const exported = [...source.matchAll(/export const (\w+)\s*=\s*(\w+)/g)];
    expect(exported.length).toBeGreaterThan(0);
    for (const [, name, wrapper] of exported) {
      if (HTTP_METHODS.includes(name!)) expect(wrapper, `${name} in ${file}`).toBe("withApiAuth");
    }
  });

  it.each(routes.filter((f) => !isPublicPath(urlPath(f))).map((f) => [urlPath(f), f]))("%s answers 401 to an anonymous request, for every method", async (url, file) => {
    const handlers = (await import(file)) as Record<string, (request: Request, context: unknown) => Promise<Response>>;
    const methods = Object.keys(handlers).filter((name) => HTTP_METHODS.includes(name));
    expect(methods.length).toBeGreaterThan(0);
    for (const method of methods) {
      const request = new Request(`http://localhost:3000${url}`, { method, headers: { "content-type": "application/json" }, body: ["GET", "HEAD"].includes(method) ? undefined : "{}" });
      const response = await handlers[method]!(request, { params: Promise.resolve({ id: "sample", code: "QHM" }) });
      expect(response.status, `${method} ${url}`).toBe(401);
    }
  });

  it.each(actionModules.map((f) => [path.relative(process.cwd(), f), f]))("server actions in %s all go through authorizedAction (or are listed as public)", async (_name, file) => {
    const source = readFileSync(file, "utf8");
    expect(source).not.toMatch(/export\s+(async\s+)?function|export\s*\{|export default/);
    for (const [, name, wrapper] of source.matchAll(/export const (\w+)\s*=\s*(\w+)\(/g)) {
      if (PUBLIC_ACTIONS.has(name!)) expect(wrapper).toBe("publicAction");
      else expect(wrapper, name).toBe("authorizedAction");
    }
    actAs(null);
    const actions = (await import(file)) as Record<string, (input: unknown) => Promise<{ ok: boolean; code?: string }>>;
    for (const [name, action] of Object.entries(actions)) {
      if (PUBLIC_ACTIONS.has(name)) continue;
      expect(await action({}), name).toMatchObject({ ok: false, code: "unauthenticated" });
    }
  });

  it.each(pages.map((f) => [urlPath(f)]))("the proxy sends an anonymous visitor of %s to sign-in unless public", (url) => {
    const response = proxy(new NextRequest(`http://localhost:3000${url}`));
    if (isPublicPath(url)) {
      expect(response.headers.get("location")).toBeNull();
      expect(response.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-/);
    } else {
      expect(response.status).toBe(307);
      const location = new URL(response.headers.get("location")!);
      expect(location.pathname).toBe("/sign-in");
      expect(location.searchParams.get("callbackUrl")).toBe(url);
    }
  });

  it("the proxy answers 401 to anonymous API calls, and sets the security headers", () => {
    const response = proxy(new NextRequest("http://localhost:3000/api/v1/target-lists"));
    expect(response.status).toBe(401);
    const page = proxy(new NextRequest("http://localhost:3000/sign-in"));
    expect(page.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
  });
});
