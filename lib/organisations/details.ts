// The facts a profile shows from a body's `details` (written by the importer's readers), read
// defensively: a record without them shows nothing.
import { z } from "zod";

const ccgSchema = z.object({ name: z.string(), openDate: z.string(), until: z.string(), source: z.string() });

const detailsSchema = z.object({
  /** The CCG a sub-ICB location's code was until 30 June 2022 (ccgs_2013_2022.csv) */
  ccg: ccgSchema.optional().catch(undefined),
  /** The successor as a source words it, where no succession could be recorded (national_and_support_bodies.csv) */
  successor: z.string().optional().catch(undefined),
  /** Why a status is unknown, or what is known about it */
  statusNote: z.string().optional().catch(undefined),
  /** The area a body covers, as its source gives it */
  covers: z.string().optional().catch(undefined),
});
export type ProfileFacts = z.output<typeof detailsSchema>;

export function profileFacts(details: unknown): ProfileFacts {
  const parsed = detailsSchema.safeParse(details);
  return parsed.success ? parsed.data : {};
}

/** The day after a date: the CCGs ended on 30 June 2022, the ICBs took over on 1 July. */
export function dayAfter(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}
