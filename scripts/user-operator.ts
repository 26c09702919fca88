// npm run user:operator -- --email E [--revoke]: makes a user an operator of this installation (or
// no longer one). Operators alone may match procurement buyers by hand, which every team sees.
import { createPrismaClient } from "../lib/db/client";
import { openDatabase } from "../lib/db/runtime";
import { parseArgs } from "./cli-args";

const USAGE = "Usage: npm run user:operator -- --email E [--revoke]";
let args: Record<string, string | true>;
try {
  args = parseArgs(process.argv.slice(2), ["revoke"]);
  if (typeof args.email !== "string") throw new Error("--email is required");
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const email = String(args.email).trim().toLowerCase();
const database = await openDatabase(() => {});
const db = createPrismaClient(database.url);
let code = 0;
try {
  const updated = await db.user.updateMany({ where: { email }, data: { isOperator: !args.revoke } });
  if (updated.count === 0) {
    code = 1;
    console.error(`No user has the email ${email}; create one first with npm run user:create.`);
  } else console.log(args.revoke ? `${email} is no longer an operator.` : `${email} is now an operator: they may match procurement buyers by hand at /admin/buyers.`);
} finally {
  await db.$disconnect();
  await database.stop();
}
process.exit(code);
