// npm run test:e2e: production build + `next start` on a throwaway embedded PostgreSQL, then the
// browser journey in Debian's Chromium (tests/e2e/journey.e2e.ts). Prints each step, the axe
// results and the web performance figures; screenshots go to test-results/ (not committed).
import path from "node:path";
import { runJourney } from "../tests/e2e/journey.e2e";
import { chromiumPath, withAppUnderTest } from "./app-under-test";

let exitCode = 0;
try {
  // --reuse-build: while writing the journey, skip the build when .next-e2e is already there
  const outcome = await withAppUnderTest({ label: "e2e", distDir: ".next-e2e", database: "atlas_e2e", reuseBuild: process.argv.includes("--reuse-build") }, ({ baseUrl, db, databaseUrl }) =>
    runJourney({ baseUrl, chromium: chromiumPath, db, databaseUrl, screenshotDir: path.join(process.cwd(), "test-results", "screenshots") }),
  );
  if (!outcome.ok) exitCode = 1;
} catch (error) {
  console.error(error);
  exitCode = 1;
}
console.log(exitCode === 0 ? "[e2e] PASSED" : "[e2e] FAILED");
process.exit(exitCode);
