// npm run user:create -- --email E --password-stdin --team T --role owner|admin|analyst|viewer [--name N]
import { createPrismaClient } from "../lib/db/client";
import { openDatabase } from "../lib/db/runtime";
import { createUserByOperator } from "../lib/auth/accounts";
import { AppError } from "../lib/errors";
import { parseArgs, readStdin } from "./cli-args";

const USAGE = "Usage: echo \"$PASSWORD\" | npm run user:create -- --email E --password-stdin --team T --role owner|admin|analyst|viewer [--name N]";
let args: Record<string, string | true>;
try {
  args = parseArgs(process.argv.slice(2), ["password-stdin"]);
  if (!args["password-stdin"]) throw new Error("--password-stdin is required: the password is read from standard input, never from the command line");
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const password = await readStdin();
const database = await openDatabase(() => {});
const db = createPrismaClient(database.url);
let code = 0;
try {
  const result = await createUserByOperator(db, { email: String(args.email ?? ""), password, team: String(args.team ?? ""), role: String(args.role ?? "") as never, name: typeof args.name === "string" ? args.name : undefined });
  console.log(`${result.created ? "Created" : "Updated"} ${args.email} as ${args.role} of team "${args.team}".`);
} catch (error) {
  code = 1;
  if (error instanceof AppError) {
    console.error(error.message);
    for (const [field, messages] of Object.entries(error.fieldErrors)) console.error(`  ${field}: ${messages.join(" ")}`);
  } else console.error(error);
} finally {
  await db.$disconnect();
  await database.stop();
}
process.exit(code);
