// docs/openapi.yaml is generated from the contracts in lib/api: these tests fail when it is stale,
// when a route file has no operation in it, and when Redocly's parser cannot read it.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { openApiDocument, openApiYaml } from "@/lib/api/document";
import { endpoints } from "@/lib/api/endpoints";
import { z } from "zod";
import { openApiPath, routeFiles, routeHandlers } from "./routes";

const committed = readFileSync(path.join(process.cwd(), "docs", "openapi.yaml"), "utf8");

describe("docs/openapi.yaml", () => {
  it("is what `npm run openapi` generates now (run it after changing an endpoint)", () => {
    expect(committed).toBe(openApiYaml());
  });

  it("has an operation for every route file under app/api/v1, from the contract its handler carries", async () => {
    expect(routeFiles.length).toBeGreaterThanOrEqual(20);
    const document = parse(committed) as { paths: Record<string, Record<string, { operationId: string }>> };
    const used = new Set<string>();
    for (const { file, method, route } of await routeHandlers()) {
      const where = `${method} in ${path.relative(process.cwd(), file)}`;
      expect(route.contract, `${where}: wrap it as withApiAuth(endpoints.<name>, ...)`).toBeDefined();
      expect(route.contract!.path, where).toBe(openApiPath(file));
      expect(route.contract!.method, where).toBe(method);
      expect(document.paths[openApiPath(file)]?.[method.toLowerCase()]?.operationId, where).toBe(route.contract!.operationId);
      used.add(route.contract!.operationId);
    }
    // and no contract describes a route that does not exist (health is served outside app/api/v1)
    expect(Object.keys(endpoints).filter((name) => !used.has(name))).toEqual(["getHealth"]);
  });

  it("names each operation by its key in lib/api/endpoints.ts, once", () => {
    for (const [name, contract] of Object.entries(endpoints)) expect(contract.operationId).toBe(name);
    const operations = Object.values(openApiDocument().paths).flatMap((methods) => Object.values(methods));
    expect(operations).toHaveLength(Object.keys(endpoints).length);
  });

  it("describes every write body as closed: a field it does not name is refused", () => {
    for (const contract of Object.values(endpoints)) {
      if (!("body" in contract)) continue;
      const json = z.toJSONSchema(contract.body, { io: "input" }) as { additionalProperties?: boolean; anyOf?: { additionalProperties?: boolean }[] };
      for (const option of json.anyOf ?? [json]) expect(option.additionalProperties, contract.operationId).toBe(false);
    }
  });

  it("gives every operation an error answer and every error answer the one error shape", () => {
    for (const [route, methods] of Object.entries(openApiDocument().paths)) {
      for (const [method, operation] of Object.entries(methods as Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>)) {
        const statuses = Object.keys(operation.responses).map(Number);
        if (route !== "/api/health") expect(statuses.some((s) => s >= 400), `${method} ${route}`).toBe(true);
        for (const status of statuses.filter((s) => s >= 400 && s < 500)) {
          expect(operation.responses[status]!.content?.["application/json"]?.schema, `${method} ${route} ${status}`).toEqual({ $ref: "#/components/schemas/Error" });
        }
      }
    }
  });
});
