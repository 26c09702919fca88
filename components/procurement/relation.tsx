// How a notice's or payment's publisher relates to the body whose profile shows it: a badge on
// each row that is not the body's own, and the colours of the stacked charts.
import type { BuyerRelation } from "@/lib/procurement/vocabulary";
import { BUYER_RELATION_LABELS } from "@/lib/procurement/vocabulary";
import { Badge } from "@/components/ui/badge";

/** Okabe-Ito blue, orange and reddish purple: told apart with any colour vision. */
export const RELATION_COLOURS: Record<BuyerRelation, string> = { self: "#0072B2", below: "#E69F00", predecessor: "#CC79A7" };

/** The badge of a row published by a body below or a predecessor; nothing for the body's own. */
export function RelationBadge({ relation }: { relation: BuyerRelation }) {
  if (relation === "self") return null;
  return <Badge tone={relation === "predecessor" ? "warning" : "neutral"}>{BUYER_RELATION_LABELS[relation]}</Badge>;
}

/** The badges of an aggregate (a supplier, a payee): which publishers its figures include. */
export function RelationBadges({ relations }: { relations: BuyerRelation[] }) {
  return (
    <span className="inline-flex flex-wrap gap-1">
      {relations.filter((r) => r !== "self").map((relation) => (
        <RelationBadge key={relation} relation={relation} />
      ))}
    </span>
  );
}
