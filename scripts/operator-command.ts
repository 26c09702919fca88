// Runs one operator command against the atlas's database: opens it, prints the result line, prints an
// AppError's message and field errors (exit 1) rather than a stack trace, and always closes the database.
import type { Db } from "../lib/db/client";
import { createPrismaClient } from "../lib/db/client";
import { openDatabase } from "../lib/db/runtime";
import { AppError } from "../lib/errors";

export async function runOperatorCommand(run: (db: Db) => Promise<string>): Promise<never> {
  const database = await openDatabase(() => {});
  const db = createPrismaClient(database.url);
  let code = 0;
  try {
    console.log(await run(db));
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
}
