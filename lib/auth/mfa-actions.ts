"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { authorizedAction } from "@/lib/auth/guards";
import { confirmMfaEnrolment, disableMfa, disableMfaSchema, mfaCodeSchema, requireMfaSchema, setTeamRequireMfa, startMfaEnrolment } from "@/lib/auth/mfa";

// Enrolment stays open to a member whose team requires MFA: it is the one thing they must do first.
const beforeEnrolment = { openBeforeMfaEnrolment: true };

export const startMfaEnrolmentAction = authorizedAction("read", z.object({}), async (ctx) => startMfaEnrolment(getDb(), ctx), beforeEnrolment);

export const confirmMfaEnrolmentAction = authorizedAction(
  "read",
  mfaCodeSchema,
  async (ctx, input) => {
    const recoveryCodes = await confirmMfaEnrolment(getDb(), ctx, input.code);
    revalidatePath("/", "layout");
    return { recoveryCodes };
  },
  beforeEnrolment,
);

export const disableMfaAction = authorizedAction("read", disableMfaSchema, async (ctx, input) => {
  await disableMfa(getDb(), ctx, input);
  revalidatePath("/settings/security");
});

export const setTeamRequireMfaAction = authorizedAction("manage", requireMfaSchema, async (ctx, input) => {
  await setTeamRequireMfa(getDb(), ctx, input.required);
  revalidatePath("/settings/team");
});
