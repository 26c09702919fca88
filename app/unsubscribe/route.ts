import { getDb } from "@/lib/db/client";
import { unsubscribePage, unsubscribePost } from "@/lib/alerts/unsubscribe-page";

export const dynamic = "force-dynamic";

// Public by design (lib/auth/public-routes.ts): the signed token in the link is the credential, and
// it can only turn one user's alert email off. Why the POST needs no session: lib/alerts/unsubscribe-page.ts.
export async function GET(request: Request) {
  return unsubscribePage(getDb(), request);
}

export async function POST(request: Request) {
  return unsubscribePost(getDb(), request);
}
