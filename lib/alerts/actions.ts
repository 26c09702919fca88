"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/lib/db/client";
import { authorizedAction } from "@/lib/auth/guards";
import { follow, followSchema, unfollow, unfollowSchema } from "./follows";
import { markRead, markReadSchema } from "./notifications";
import { preferencesFormSchema, setPreferences } from "./preferences";

// Following is open to every member for themselves ("read"); follow() checks the manage level for the team's watchlist
export const followAction = authorizedAction("read", followSchema, async (ctx, input) => {
  const { follow: followed } = await follow(getDb(), ctx, input);
  revalidatePath("/following");
  return { id: followed.id, descendants: followed.descendants };
});

export const unfollowAction = authorizedAction("read", unfollowSchema, async (ctx, input) => {
  const removed = await unfollow(getDb(), ctx, input);
  revalidatePath("/following");
  return { id: removed.id };
});

export const markReadAction = authorizedAction("read", markReadSchema, async (ctx, input) => {
  const result = await markRead(getDb(), ctx, input);
  // The header's count is in the layout
  revalidatePath("/", "layout");
  return result;
});

// Preferences are the user's, in every team (keyed by user and kind): a page of any team may save them
export const savePreferencesAction = authorizedAction(
  "read",
  preferencesFormSchema,
  async (ctx, preferences) => {
    await setPreferences(getDb(), ctx.user.id, preferences);
    revalidatePath("/settings/notifications");
    return undefined;
  },
  { fromAnyTeamPage: true },
);
