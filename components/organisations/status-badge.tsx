import { STATUS_LABELS, type OrganisationStatus } from "@/lib/organisations/vocabulary";
import { formatDate } from "@/lib/format";
import { Badge } from "@/components/ui/badge";

/** Open, closed (with its date when known) or "Status not published": an unknown status is never shown as open. */
export function StatusBadge({ status, closeDate }: { status: string; closeDate?: string | Date | null }) {
  if (status === "closed") return <Badge tone="danger">Closed{closeDate ? ` ${formatDate(closeDate)}` : ""}</Badge>;
  if (status === "unknown") return <span title="No source gives this body's status"><Badge tone="warning">{STATUS_LABELS.unknown}</Badge></span>;
  return <Badge tone="success">{STATUS_LABELS[status as OrganisationStatus] ?? status}</Badge>;
}
