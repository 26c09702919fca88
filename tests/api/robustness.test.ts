// Writes never answer 500: a null or malformed body, a NUL byte anywhere, a unique-key race, and a
// database that does not answer are each a 4xx or a 503 with Retry-After, on every endpoint.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiContract } from "@/lib/api/contract";
import { endpoints, type EndpointName } from "@/lib/api/endpoints";
import { createPrismaClient } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { signedInUser, type TestUser } from "../support/auth";
import { routeHandlers, type RouteHandler } from "./routes";

const names = Object.keys(endpoints) as EndpointName[];
const writes = names.filter((name) => endpoints[name].method !== "GET" && "body" in endpoints[name]);

describe("the API answers bad input and a missing database without a 500", () => {
  let t: TestDatabase;
  let owner: TestUser;
  let handlers: Map<string, RouteHandler["route"]>;
  let listId: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    t.useAsAppDatabase();
    owner = await signedInUser(t.db, "olive@robust.example", "Team R", "owner");
    handlers = new Map((await routeHandlers()).map((h) => [h.route.contract!.operationId, h.route]));
    listId = (await t.db.targetList.create({ data: { teamId: owner.teamId, name: "Robust list", createdById: owner.userId } })).id;
  });
  afterAll(() => t.drop());

  function call(name: EndpointName, options: { params?: Record<string, string>; query?: string; rawBody?: string } = {}) {
    const { path: route, method } = endpoints[name];
    const params = { id: listId, entryId: "sample", code: "QYG", chart: "pcn-sizes", ...options.params };
    const url = `http://localhost:3000${route.replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(params[key as keyof typeof params]!))}${options.query ? `?${options.query}` : ""}`;
    const headers = new Headers({ cookie: owner.cookie, "x-forwarded-for": "203.0.113.9" });
    if (options.rawBody !== undefined) headers.set("content-type", "application/json");
    return handlers.get(name)!(new Request(url, { method, headers, body: options.rawBody }), { params: Promise.resolve(params) });
  }

  it("answers a body of null with 400 on every write", async () => {
    for (const name of writes) expect((await call(name, { rawBody: "null" })).status, name).toBe(400);
  });

  it("answers malformed JSON with 400 on every write", async () => {
    for (const name of writes) expect((await call(name, { rawBody: '{"name": ' })).status, name).toBe(400);
  });

  it("answers a NUL byte in a body string with 400 naming the field", async () => {
    const response = await call("createTargetList", { rawBody: JSON.stringify({ name: "a\u0000b" }) });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "invalid", fields: { name: [expect.stringContaining("NUL")] } } });
  });

  it("answers a NUL byte in any query parameter or path parameter with 400", async () => {
    const organisations = await call("listOrganisations", { query: "q=%00" });
    expect(organisations.status).toBe(400);
    expect(await organisations.json()).toMatchObject({ error: { code: "invalid", fields: { q: [expect.stringContaining("NUL")] } } });
    for (const name of names) {
      if (name === "getHealth") continue;
      const query = Object.keys((endpoints[name] as ApiContract).query?.shape ?? {})[0];
      if (query) expect((await call(name, { query: `${query}=x%00` })).status, `${name} ?${query}`).toBe(400);
      if (endpoints[name].path.includes("{")) expect((await call(name, { params: { id: "a\u0000", code: "Q\u0000", entryId: "b\u0000", chart: "c\u0000" }, rawBody: endpoints[name].method === "GET" ? undefined : "{}" })).status, `${name} path`).toBe(400);
    }
  });

  it("answers a unique-key race with 409, never 500", async () => {
    const body = JSON.stringify({ name: "Race view", page: "explorer", query: "kind=icb" });
    const answers = await Promise.all([1, 2, 3].map(() => call("createView", { rawBody: body })));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses[0]).toBeLessThan(300);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.slice(1).every((s) => s === 409), JSON.stringify(statuses)).toBe(true);
  });

  it("answers 503 with Retry-After and the code unavailable when the database does not answer", async () => {
    const globals = globalThis as unknown as { atlasPrisma?: unknown };
    const live = globals.atlasPrisma;
    const dead = createPrismaClient("postgresql://postgres:x@127.0.0.1:1/atlas");
    globals.atlasPrisma = dead;
    try {
      for (const name of ["getMe", "listTargetLists", "createTargetList"] as EndpointName[]) {
        const response = await call(name, { rawBody: endpoints[name].method === "GET" ? undefined : JSON.stringify({ name: "x" }) });
        expect(response.status, name).toBe(503);
        expect(Number(response.headers.get("retry-after")), name).toBeGreaterThan(0);
        expect(await response.json()).toMatchObject({ error: { code: "unavailable" } });
      }
    } finally {
      globals.atlasPrisma = live;
      await dead.$disconnect();
    }
  });
});
