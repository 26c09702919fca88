import type { Metadata } from "next";
import { getDb } from "@/lib/db/client";
import { requirePageAuth } from "@/lib/auth/guards";
import { countByNationAndKind, listClosedWithSuccessors, listSupportBodies } from "@/lib/organisations/read";
import { NATIONS, SUPPORT_BODY_KINDS, type OrganisationKind } from "@/lib/organisations/vocabulary";
import { formatInteger } from "@/lib/format";
import { Card, PageHeader, Stat } from "@/components/ui/card";
import { KindCountTable } from "@/components/organisations/kind-count-table";
import { ClosedBodiesTable } from "@/components/organisations/closed-bodies-table";
import { SupportBodiesSection } from "@/components/organisations/support-bodies-section";

const isSupportKind = (kind: OrganisationKind) => (SUPPORT_BODY_KINDS as readonly OrganisationKind[]).includes(kind);

export const metadata: Metadata = { title: "How the system is structured" };

export default async function StructurePage() {
  await requirePageAuth();
  const db = getDb();
  const [counts, closed, niAmbulance, supportBodies] = await Promise.all([
    countByNationAndKind(db),
    listClosedWithSuccessors(db),
    db.organisation.count({ where: { kind: "hsc-trust", status: "open", subtype: { contains: "ambulance", mode: "insensitive" } } }),
    listSupportBodies(db),
  ]);
  const openIn = (nation: string, kind?: string) => counts.filter((c) => c.nation === nation && (!kind || c.kind === kind)).reduce((s, c) => s + c.open, 0);
  const hscTrusts = openIn("northern-ireland", "hsc-trust");
  const closedIcbs = closed.filter((b) => b.kind === "icb");
  const closedCcgs = closed.filter((b) => b.kind === "ccg");
  const otherClosed = closed.filter((b) => b.kind !== "icb" && b.kind !== "ccg" && !isSupportKind(b.kind));

  return (
    <>
      <PageHeader title="The NHS commissioning map">
        Every commissioning body in the four nations, from NHS England&apos;s regions to GP practices, Scotland&apos;s health boards and
        partnerships, Wales&apos;s local health boards and Northern Ireland&apos;s SPPG and trusts. Counts show open bodies today.
      </PageHeader>

      <dl className="mb-8 grid grid-cols-2 gap-3 md:grid-cols-4">
        <Stat label="Integrated care boards" value={formatInteger(openIn("england", "icb"))} hint={`since 1 April 2026 · ${closedIcbs.length} closed`} />
        <Stat label="Scottish health boards" value={formatInteger(openIn("scotland", "health-board"))} />
        <Stat label="Welsh local health boards" value={formatInteger(openIn("wales", "local-health-board"))} />
        <Stat label="HSC trusts" value={formatInteger(hscTrusts - niAmbulance)} hint={niAmbulance > 0 ? "plus the NI Ambulance Service" : undefined} />
      </dl>

      <div className="grid gap-6 lg:grid-cols-2">
        {NATIONS.map((nation) => (
          <KindCountTable
            key={nation}
            nation={nation}
            counts={counts.filter((c) => c.nation === nation && !isSupportKind(c.kind))}
            notes={nation === "northern-ireland" && niAmbulance > 0 ? { "hsc-trust": `${hscTrusts - niAmbulance} HSC trusts and the Northern Ireland Ambulance Service` } : {}}
          />
        ))}
      </div>

      <div className="mt-8 space-y-6">
        <Card
          title="ICBs closed on 31 March 2026"
          description="On 1 April 2026 twelve integrated care boards merged into six new ones, leaving 36. Old names still lead to today's ICB."
        >
          <ClosedBodiesTable bodies={closedIcbs} caption="ICBs closed in the April 2026 mergers and their successors" />
        </Card>
        <SupportBodiesSection bodies={supportBodies} />
        <Card
          title="CCGs closed before April 2021"
          description="Clinical commissioning groups that merged between 2015 and 2021, each with the CCG it merged into. The 106 CCGs of April 2021 carry on under the same codes as today's sub-ICB locations: their commissioning passed to the ICBs on 1 July 2022, and their names are those locations' former names."
        >
          <ClosedBodiesTable bodies={closedCcgs} caption="CCGs closed before April 2021 and the CCGs they merged into" />
        </Card>
        <Card title="Other closed bodies" description="Earlier reorganisations in the data, with the bodies that took over.">
          <ClosedBodiesTable bodies={otherClosed} caption="Other closed bodies and their successors" />
        </Card>
      </div>
    </>
  );
}
