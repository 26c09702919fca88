import Link from "next/link";
import { Badge } from "@/components/ui/badge";

export function OrganisationLink({ organisation, showStatus = true }: { organisation: { code: string; name: string; status: string }; showStatus?: boolean }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Link href={`/organisations/${encodeURIComponent(organisation.code)}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
        {organisation.name}
      </Link>
      <span className="font-mono text-xs text-slate-500">{organisation.code}</span>
      {showStatus && organisation.status === "closed" && <Badge tone="danger">Closed</Badge>}
    </span>
  );
}
