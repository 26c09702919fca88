import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { apiTokenToJson, listTeamApiTokens } from "@/lib/auth/api-tokens";
import { json } from "@/lib/http";

export const GET = withApiAuth(endpoints.listApiTokens, async ({ ctx }) => json({ data: (await listTeamApiTokens(getDb(), ctx)).map(apiTokenToJson) }));
