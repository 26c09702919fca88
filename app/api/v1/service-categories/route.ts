import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { listServiceCategories } from "@/lib/commissioning";
import { json } from "@/lib/http";

export const GET = withApiAuth(endpoints.listServiceCategories, async () => json({ data: await listServiceCategories(getDb()) }));
