// npm run user:create -- --email E --password-stdin --team T --role owner|admin|analyst|viewer [--name N]
import { createUserByOperator } from "../lib/auth/accounts";
import { parseArgs, readStdin } from "./cli-args";
import { runOperatorCommand } from "./operator-command";

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
await runOperatorCommand(async (db) => {
  const result = await createUserByOperator(db, { email: String(args.email ?? ""), password, team: String(args.team ?? ""), role: String(args.role ?? "") as never, name: typeof args.name === "string" ? args.name : undefined });
  return `${result.created ? "Created" : "Updated"} ${args.email} as ${args.role} of team "${args.team}".`;
});
