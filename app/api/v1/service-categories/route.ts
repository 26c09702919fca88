import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { listServiceCategories } from "@/lib/commissioning";
import { json } from "@/lib/http";

export const GET = withApiAuth("read", async () => json({ data: await listServiceCategories(getDb()) }));
