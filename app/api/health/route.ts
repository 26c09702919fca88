import { getDb } from "@/lib/db/client";
import { healthResponse } from "@/lib/health";

export const dynamic = "force-dynamic";

// Public by design: load balancers and uptime checks call it without a session.
export async function GET() {
  return healthResponse(getDb());
}
