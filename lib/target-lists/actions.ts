"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/lib/db/client";
import { authorizedAction } from "@/lib/auth/guards";
import { archiveTargetListSchema, createTargetList, createTargetListSchema, setTargetListArchived, updateTargetList, updateTargetListSchema } from "@/lib/target-lists";
import { addEntries, addEntriesSchema, bulkStageSchema, bulkUpdateStage, entryToJson, updateEntry, updateEntrySchema } from "@/lib/target-lists/entries";
import { moveAllEntries, moveAllSchema, moveEntry, moveEntrySchema, moveOutcomeToJson } from "@/lib/target-lists/moves";

export const createTargetListAction = authorizedAction("write", createTargetListSchema, async (ctx, input) => {
  const list = await createTargetList(getDb(), ctx, input);
  revalidatePath("/lists");
  return { id: list.id };
});

export const updateTargetListAction = authorizedAction("write", updateTargetListSchema, async (ctx, input) => {
  const list = await updateTargetList(getDb(), ctx, input);
  revalidatePath(`/lists/${list.id}`);
  return { id: list.id, version: list.version };
});

export const addToTargetListAction = authorizedAction("write", addEntriesSchema, async (ctx, input) => {
  const result = await addEntries(getDb(), ctx, input);
  revalidatePath(`/lists/${input.listId}`);
  return result;
});

export const archiveTargetListAction = authorizedAction("write", archiveTargetListSchema, async (ctx, input) => {
  await setTargetListArchived(getDb(), ctx, input);
  revalidatePath("/lists");
  revalidatePath(`/lists/${input.id}`);
});

export const updateEntryAction = authorizedAction("write", updateEntrySchema, async (ctx, input) => {
  const entry = await updateEntry(getDb(), ctx, input);
  revalidatePath(`/lists/${input.listId}`);
  return entryToJson(entry);
});

export const bulkStageAction = authorizedAction("write", bulkStageSchema, async (ctx, input) => {
  const result = await bulkUpdateStage(getDb(), ctx, input);
  revalidatePath(`/lists/${input.listId}`);
  return result;
});

/** The list and the dashboard both show the notices of closed bodies: refresh both. */
function revalidateMoved(listId: string) {
  revalidatePath(`/lists/${listId}`);
  revalidatePath("/");
}

export const moveEntryAction = authorizedAction("write", moveEntrySchema, async (ctx, input) => {
  const result = await moveEntry(getDb(), ctx, input);
  revalidateMoved(input.listId);
  return moveOutcomeToJson(result);
});

export const moveAllEntriesAction = authorizedAction("write", moveAllSchema, async (ctx, input) => {
  const results = await moveAllEntries(getDb(), ctx, input);
  revalidateMoved(input.listId);
  return results.map(moveOutcomeToJson);
});
