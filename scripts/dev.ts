// npm run dev: `next dev` against the same database `npm start` uses (migrated and imported).
import { spawn } from "node:child_process";
import path from "node:path";
import { createPrismaClient } from "../lib/db/client";
import { openDatabase } from "../lib/db/runtime";
import { formatReport, importReferenceData } from "../lib/import";
import { withPeerAddress } from "./peer-address-env";

const database = await openDatabase();
const db = createPrismaClient(database.url);
console.log(formatReport(await importReferenceData(db)));
await db.$disconnect();
const child = spawn(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "dev", "-p", process.env.PORT ?? "3000"], {
  stdio: "inherit",
  env: withPeerAddress({ ...process.env, DATABASE_URL: database.url }),
});
process.on("SIGINT", () => child.kill("SIGINT"));
process.on("SIGTERM", () => child.kill("SIGTERM"));
child.on("exit", async (code) => {
  await database.stop();
  process.exit(code ?? 0);
});
