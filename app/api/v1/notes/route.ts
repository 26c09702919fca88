import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { invalid } from "@/lib/errors";
import { json } from "@/lib/http";
import { noteToJson, notesFeed, notesFeedSchema } from "@/lib/notes";

// The team's notes feed: newest first; q searches the text; author, list and organisation filter
export const GET = withApiAuth(endpoints.listNotes, async ({ request, ctx }) => {
  const query = notesFeedSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw invalid(query.error.issues, query.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  const { notes, nextBefore } = await notesFeed(getDb(), ctx, query.data);
  return json({ data: notes.map(noteToJson), next_before: nextBefore });
});
