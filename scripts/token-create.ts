// npm run token:create -- --email E --team T [--name N]: prints a new API token once.
import { createPrismaClient } from "../lib/db/client";
import { openDatabase } from "../lib/db/runtime";
import { createApiToken } from "../lib/auth/api-tokens";
import { parseArgs } from "./cli-args";

let args: Record<string, string | true>;
try {
  args = parseArgs(process.argv.slice(2));
  if (typeof args.email !== "string" || typeof args.team !== "string") throw new Error("--email and --team are required");
} catch (error) {
  console.error(`${(error as Error).message}\nUsage: npm run token:create -- --email E --team T [--name N]`);
  process.exit(2);
}
const database = await openDatabase(() => {});
const db = createPrismaClient(database.url);
let code = 0;
try {
  const membership = await db.membership.findFirst({
    where: { user: { email: String(args.email).toLowerCase() }, team: { name: String(args.team) } },
    select: { userId: true, teamId: true, role: true },
  });
  if (!membership) {
    code = 1;
    console.error(`No member ${args.email} in a team called "${args.team}".`);
  } else {
    const name = typeof args.name === "string" ? args.name : `CLI token ${new Date().toISOString().slice(0, 10)}`;
    const created = await createApiToken(db, { userId: membership.userId, teamId: membership.teamId }, name);
    console.error(`Token "${created.name}" for ${args.email} in "${args.team}" (role ${membership.role}). It is shown once:`);
    console.log(created.token);
  }
} finally {
  await db.$disconnect();
  await database.stop();
}
process.exit(code);
