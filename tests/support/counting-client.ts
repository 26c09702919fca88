// A Prisma client that records each database call made through it, to prove how many round trips a
// loader takes.
import type { PrismaClient } from "@/lib/generated/prisma/client";

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
