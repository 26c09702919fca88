import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { json } from "@/lib/http";
import { listActiveSessions, sessionToJson } from "@/lib/auth/sessions";

export const GET = withApiAuth(endpoints.listSessions, async ({ ctx }) => json({ data: (await listActiveSessions(getDb(), ctx)).map(sessionToJson) }));
