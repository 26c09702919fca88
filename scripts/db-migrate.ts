// npm run db:migrate: applies pending migrations to DATABASE_URL (or the embedded database).
import { openDatabase } from "../lib/db/runtime";

const database = await openDatabase();
await database.stop();
