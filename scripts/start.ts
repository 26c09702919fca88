// npm start: database (embedded unless DATABASE_URL is set), migrations, reference data, auth
// secret, production build when the sources changed, then `next start`.
import { spawn } from "node:child_process";
import { createPrismaClient } from "../lib/db/client";
import { openDatabase } from "../lib/db/runtime";
import { ensureAuthSecret } from "./env-local";
import { formatReport, importReferenceData, ImportValidationError } from "../lib/import";
import { formatBuyerMatchSummary, rematchBuyers } from "../lib/procurement/buyers";
import { formatSampleLine, loadShippedSampleOnce } from "../lib/procurement/import";
import { trustedProxyHops } from "../lib/auth/client-ip";
import { exportConcurrencyPerTeam } from "../lib/db/pool";
import { buildIfNeeded, nextBin } from "./next-build";
import { withPeerAddress } from "./peer-address-env";
import { installJobQueuesAt } from "../lib/jobs/boss";
import { checkWebhookSettings } from "../lib/alerts/webhooks";

const port = process.env.PORT ?? "3000";

const database = await openDatabase();
const db = createPrismaClient(database.url);
try {
  console.log(formatReport(await importReferenceData(db)));
  // The procurement sample on first start; later, its buyers matched again to the bodies just imported
  const sample = await loadShippedSampleOnce(db);
  console.log(sample ? formatSampleLine(sample) : `[procurement] already loaded; ${formatBuyerMatchSummary((await rematchBuyers(db)).summary)}`);
  // The job queue's schema, before the app's worker (instrumentation.ts) starts on it
  await installJobQueuesAt(database.url);
} catch (error) {
  console.error(error instanceof ImportValidationError ? error.message : error);
  await db.$disconnect();
  await database.stop();
  process.exit(1);
}
await db.$disconnect();

const env = { ...process.env, DATABASE_URL: database.url, NEXTAUTH_SECRET: ensureAuthSecret(process.cwd()), NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}` };
try {
  trustedProxyHops(); // a mistyped TRUST_PROXY_HOPS stops here, not on every request
  exportConcurrencyPerTeam(); // likewise EXPORT_CONCURRENCY_PER_TEAM, not on every export
  checkWebhookSettings(); // and WEBHOOK_RETRY_BASE_SECONDS, WEBHOOK_RETRY_WINDOW_HOURS, WEBHOOK_ALLOW_HTTP
  buildIfNeeded(env);
} catch (error) {
  console.error(String(error));
  await database.stop();
  process.exit(1);
}

console.log(`[app] starting on http://localhost:${port}`);
const server = spawn(process.execPath, [nextBin, "start", "-p", port], { stdio: "inherit", env: withPeerAddress(env) });
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
