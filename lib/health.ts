import type { PrismaClient } from "@/lib/generated/prisma/client";
import { queryRows } from "@/lib/db/query";
import { sql } from "@/lib/db/sql";

export type Health = { status: "ok" | "error"; database: "ok" | "unreachable" };

/** Answers within `timeoutMs` whatever the database does, so a load balancer's probe never hangs. */
export async function checkHealth(db: PrismaClient, timeoutMs = 3000): Promise<Health> {
  const probe = queryRows(db, sql`SELECT 1`).then(() => true).catch(() => false);
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref?.());
  const ok = await Promise.race([probe, timeout]);
  return ok ? { status: "ok", database: "ok" } : { status: "error", database: "unreachable" };
}

export async function healthResponse(db: PrismaClient): Promise<Response> {
  const health = await checkHealth(db);
  return Response.json(health, { status: health.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
