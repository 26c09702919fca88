"use server";

import { getDb } from "@/lib/db/client";
import { authorizedAction } from "@/lib/auth/guards";
import { createView, createViewSchema } from "@/lib/views";

export const createViewAction = authorizedAction("write", createViewSchema, async (ctx, input) => {
  const view = await createView(getDb(), ctx, input);
  return { id: view.id };
});
