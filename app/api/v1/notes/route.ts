import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { json } from "@/lib/http";
import { noteToJson, notesFeedTable } from "@/lib/notes";
import { queryFeedApi } from "@/lib/tables/server";

// The team's notes feed: newest first; q searches the text; author, list and organisation filter
export const GET = withApiAuth(endpoints.listNotes, async ({ request, ctx }) => {
  const { rows, nextBefore } = await queryFeedApi(notesFeedTable, getDb(), ctx, new URL(request.url).searchParams);
  return json({ data: rows.map(noteToJson), next_before: nextBefore });
});
