// npm start: database (embedded unless DATABASE_URL is set), migrations, reference data, auth
// secret, production build when the sources changed, then `next start`.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createPrismaClient } from "../lib/db/client";
import { openDatabase } from "../lib/db/runtime";
import { ensureAuthSecret } from "./env-local";
import { formatReport, importReferenceData, ImportValidationError } from "../lib/import";
import { formatBuyerMatchSummary, rematchBuyers } from "../lib/procurement/buyers";
import { formatSampleLine, loadShippedSampleOnce } from "../lib/procurement/import";
import { trustedProxyHops } from "../lib/auth/client-ip";
import { exportConcurrencyPerTeam } from "../lib/db/pool";
import { withPeerAddress } from "./peer-address-env";

const root = process.cwd();
const port = process.env.PORT ?? "3000";

/** A fingerprint of everything that goes into the build, so an unchanged checkout starts without rebuilding. */
function sourceFingerprint(): string {
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(`${full}:${statSync(full).size}:${statSync(full).mtimeMs}\n`);
    }
  };
  for (const dir of ["app", "components", "lib", "public"]) walk(path.join(root, dir));
  for (const file of ["package-lock.json", "next.config.js", "tsconfig.json", "postcss.config.mjs", "prisma/schema.prisma"]) {
    if (existsSync(file)) hash.update(`${file}:${statSync(file).mtimeMs}\n`);
  }
  return hash.digest("hex");
}

function buildIfNeeded(env: NodeJS.ProcessEnv) {
  const stamp = path.join(root, ".next", "atlas-build-fingerprint");
  const fingerprint = sourceFingerprint();
  if (existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(stamp) && readFileSync(stamp, "utf8") === fingerprint) {
    console.log("[build] sources unchanged since the last build");
    return;
  }
  console.log("[build] building the app (next build), about a minute…");
  const result = spawnSync(process.execPath, [require_next(), "build"], { stdio: "inherit", env });
  if (result.status !== 0) throw new Error("next build failed; see the output above");
  writeFileSync(stamp, fingerprint);
}

function require_next(): string {
  return path.join(root, "node_modules", "next", "dist", "bin", "next");
}

const database = await openDatabase();
const db = createPrismaClient(database.url);
try {
  console.log(formatReport(await importReferenceData(db)));
  // The procurement sample on first start; later, its buyers matched again to the bodies just imported
  const sample = await loadShippedSampleOnce(db);
  console.log(sample ? formatSampleLine(sample) : `[procurement] already loaded; ${formatBuyerMatchSummary((await rematchBuyers(db)).summary)}`);
} catch (error) {
  console.error(error instanceof ImportValidationError ? error.message : error);
  await db.$disconnect();
  await database.stop();
  process.exit(1);
}
await db.$disconnect();

const env = { ...process.env, DATABASE_URL: database.url, NEXTAUTH_SECRET: ensureAuthSecret(root), NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}` };
try {
  trustedProxyHops(); // a mistyped TRUST_PROXY_HOPS stops here, not on every request
  exportConcurrencyPerTeam(); // likewise EXPORT_CONCURRENCY_PER_TEAM, not on every export
  buildIfNeeded(env);
} catch (error) {
  console.error(String(error));
  await database.stop();
  process.exit(1);
}

console.log(`[app] starting on http://localhost:${port}`);
const server = spawn(process.execPath, [require_next(), "start", "-p", port], { stdio: "inherit", env: withPeerAddress(env) });
let stopping = false;
const shutdown = async (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  server.kill(signal);
};
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
server.on("exit", async (code) => {
  // The embedded PostgreSQL stops with the app, so nothing is left running on its port.
  await database.stop();
  process.exit(code ?? 0);
});
