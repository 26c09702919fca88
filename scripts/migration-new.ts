// Authors a migration: diffs the schema.prisma last committed to git (or nothing, for the first
// migration) against the working copy with Prisma's WebAssembly schema engine, because the Prisma
// CLI cannot download its native engine on our machines. Usage: npm run db:migration -- <name>
// Review the SQL it writes before committing it.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync, existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { SchemaEngine } from "@prisma/schema-engine-wasm";
import { startEmbeddedPostgres } from "../lib/db/embedded";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration -- <snake_case_name>");
  process.exit(1);
}
const schemaPath = "prisma/schema.prisma";
const current = readFileSync(schemaPath, "utf8");
const migrationsDir = path.join("prisma", "migrations");
const hasMigrations = existsSync(migrationsDir) && readdirSync(migrationsDir).some((d) => /^\d/.test(d));
let previous: string | null = null;
if (hasMigrations) {
  previous = execFileSync("git", ["show", `HEAD:${schemaPath}`], { encoding: "utf8" });
}

const server = await startEmbeddedPostgres({ dataDir: ".data/pg-migration-author", port: 54331, ephemeral: true });
try {
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: server.urlFor("postgres") }));
  const engine = await SchemaEngine.new({ datamodels: [[schemaPath, current]] }, () => {}, adapter);
  const from = previous === null ? { tag: "empty" as const } : { tag: "schemaDatamodel" as const, files: [{ path: schemaPath, content: previous }] };
  const result = await engine.diff({
    from,
    to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: current }] },
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  } as never);
  engine.free();
  const sql = (result as { stdout: string }).stdout;
  if (!sql.trim() || sql.includes("This is an empty migration")) {
    console.log("No schema changes since the last commit.");
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(migrationsDir, `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "migration.sql"), sql);
    console.log(`Wrote ${dir}/migration.sql; review it (and add hand-written SQL such as CHECK constraints) before committing.`);
  }
} finally {
  await server.stop();
}
