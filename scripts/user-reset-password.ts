// npm run user:reset-password -- --email E --password-stdin
// Sets an existing user's password (checked like any new password), ends all their sessions, and audits.
import { resetPasswordByOperator } from "../lib/auth/password-reset";
import { parseArgs, readStdin } from "./cli-args";
import { runOperatorCommand } from "./operator-command";

const USAGE = "Usage: echo \"$PASSWORD\" | npm run user:reset-password -- --email E --password-stdin";
let args: Record<string, string | true>;
try {
  args = parseArgs(process.argv.slice(2), ["password-stdin"]);
  if (!args["password-stdin"]) throw new Error("--password-stdin is required: the password is read from standard input, never from the command line");
  if (typeof args.email !== "string") throw new Error("--email is required");
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const password = await readStdin();
await runOperatorCommand(async (db) => {
  const result = await resetPasswordByOperator(db, { email: String(args.email), password });
  return `Set a new password for ${result.email}; ${result.sessionsEnded} session(s) signed out.`;
});
