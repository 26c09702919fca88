// A Prisma client that records each database call made through it, to prove how many round trips a
// loader takes.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

/** Counts the database calls made through a Prisma client: raw queries and model methods alike. */
export function countingClient(db: PrismaClient, calls: string[]): PrismaClient {
  return new Proxy(db, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof prop !== "string") return value;
      if (prop.startsWith("$query") || prop.startsWith("$execute") || prop === "$transaction") {
        return (...args: unknown[]) => {
          calls.push(prop);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      if (value && typeof value === "object" && !prop.startsWith("$") && !prop.startsWith("_")) {
        return new Proxy(value, {
          get(model, method) {
            const fn = Reflect.get(model, method);
            return typeof fn === "function" ? (...args: unknown[]) => (calls.push(`${prop}.${String(method)}`), fn.apply(model, args)) : fn;
          },
        });
      }
      return value;
    },
  });
}

/**
 * A Prisma client on `url` whose connections record the text of every statement they send to
 * PostgreSQL: a count of real round trips, below Prisma and its adapter.
 */
export function statementCountingClient(url: string, statements: string[]): PrismaClient {
  class RecordingClient extends pg.Client {
    constructor(config?: string | pg.ClientConfig) {
      super(config);
      const send = this.query.bind(this) as (...args: unknown[]) => unknown;
      // The first argument of pg's query() is the statement's text or a config holding it
      this.query = ((...args: unknown[]) => {
        const [first] = args;
        statements.push(typeof first === "string" ? first : String((first as { text?: unknown }).text));
        return send(...args);
      }) as pg.Client["query"];
    }
  }
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, Client: RecordingClient }) });
}
