import { getDb } from "@/lib/db/client";
import { withApiAuth } from "@/lib/auth/guards";
import { endpoints } from "@/lib/api/endpoints";
import { notFound } from "@/lib/errors";
import { json } from "@/lib/http";
import { loadProcurementProfile, procurementProfileToJson } from "@/lib/procurement/profile";

export const GET = withApiAuth<{ code: string }>(endpoints.getOrganisationProcurement, async ({ params }) => {
  const db = getDb();
  const organisation = await db.organisation.findUnique({ where: { code: params.code }, select: { code: true } });
  if (!organisation) throw notFound("That organisation");
  return json(procurementProfileToJson(await loadProcurementProfile(db, organisation.code)));
});
