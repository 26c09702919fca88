// npm run openapi: writes docs/openapi.yaml from the endpoint contracts in lib/api. Run it after
// changing an endpoint; tests/api/openapi.test.ts fails while the file is out of date.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { openApiYaml } from "../lib/api/document";

const file = path.join(import.meta.dirname, "..", "docs", "openapi.yaml");
writeFileSync(file, openApiYaml());
console.log(`Wrote ${path.relative(process.cwd(), file)}`);
