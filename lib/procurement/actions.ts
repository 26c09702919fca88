"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { manualMatchSchema, matchBuyerByHand, removeManualMatch, removeMatchSchema } from "@/lib/procurement/manual-matches";

// Matches are global: the functions refuse anyone who is not an operator (as not found), whatever their team role

/** Matches a buyer name to a body by hand, for every team. */
export const matchBuyerAction = authorizedAction("read", manualMatchSchema, async (ctx, input) => {
  const result = await matchBuyerByHand(getDb(), ctx, input);
  revalidatePath("/admin/buyers");
  return result;
});

/** Removes a manual match; the importer's rules apply to its notices again. */
export const removeBuyerMatchAction = authorizedAction("read", removeMatchSchema, async (ctx, input) => {
  await removeManualMatch(getDb(), ctx, input);
  revalidatePath("/admin/buyers");
  return null;
});
