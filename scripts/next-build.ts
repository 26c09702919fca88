// The production build and `next start` for the scripts that serve it: npm start, npm run test:e2e
// and npm run bench:http, each into its own distDir so one never replaces another's build.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = process.cwd();

export const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

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
  for (const file of ["package-lock.json", "next.config.js", "tsconfig.json", "postcss.config.mjs", "prisma/schema.prisma", "proxy.ts", "instrumentation.ts"]) {
    if (existsSync(file)) hash.update(`${file}:${statSync(file).mtimeMs}\n`);
  }
  return hash.digest("hex");
}

/** `next build` into `distDir` (ATLAS_DIST_DIR, see next.config.js); `quiet` shows its output only when it fails. */
export function runNextBuild(env: NodeJS.ProcessEnv, distDir: string, options: { quiet?: boolean } = {}) {
  const buildEnv = { ...env, ATLAS_DIST_DIR: distDir };
  // Type errors go to stdout, so a failed quiet build prints both
  const result = options.quiet
    ? spawnSync(process.execPath, [nextBin, "build"], { env: buildEnv, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8", maxBuffer: 64 * 1024 * 1024 })
    : spawnSync(process.execPath, [nextBin, "build"], { env: buildEnv, stdio: "inherit" });
  if (result.status !== 0) {
    if (options.quiet) console.error(`${result.stdout}\n${result.stderr}`);
    throw new Error("next build failed; see the output above");
  }
}

/** runNextBuild unless the sources are unchanged since the last build into `distDir`. */
export function buildIfNeeded(env: NodeJS.ProcessEnv, distDir = ".next", options: { quiet?: boolean } = {}) {
  const stamp = path.join(root, distDir, "atlas-build-fingerprint");
  const fingerprint = sourceFingerprint();
  if (existsSync(path.join(root, distDir, "BUILD_ID")) && existsSync(stamp) && readFileSync(stamp, "utf8") === fingerprint) {
    console.log("[build] sources unchanged since the last build");
    return;
  }
  console.log("[build] building the app (next build), about a minute…");
  runNextBuild(env, distDir, options);
  writeFileSync(stamp, fingerprint);
}

export async function waitForHealth(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The app did not answer ${url}/api/health within ${timeoutMs / 1000} s`);
}
