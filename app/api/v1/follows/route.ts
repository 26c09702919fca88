import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { json, readJson } from "@/lib/http";
import { follow, followToJson, listFollows, unfollow } from "@/lib/alerts/follows";

export const GET = withApiAuth(endpoints.listFollows, async ({ ctx }) => json({ data: (await listFollows(getDb(), ctx)).map(followToJson) }));

// 201 for a new follow, 200 for one that was already there (following is idempotent)
export const POST = withApiAuth(endpoints.createFollow, async ({ request, ctx }) => {
  const { follow: followed, created } = await follow(getDb(), ctx, await readJson(request, endpoints.createFollow.body));
  return json(followToJson(followed), created ? 201 : 200);
});

export const DELETE = withApiAuth(endpoints.deleteFollow, async ({ request, ctx }) => json(followToJson(await unfollow(getDb(), ctx, await readJson(request, endpoints.deleteFollow.body)))));
