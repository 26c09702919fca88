import Link from "next/link";
import type { ChangeRecord } from "@/lib/changes";
import { Card } from "@/components/ui/card";
import { ChangeList } from "@/components/changes/change-list";

/** A profile's "History": the change-log entries touching the body or the bodies it succeeded, newest first. */
export function OrganisationHistory({ code, name, changes }: { code: string; name: string; changes: ChangeRecord[] }) {
  return (
    <div className="mt-6" id="history">
      <Card title="History" description={`Changes to ${name} and the bodies it succeeded, newest first, from the reference data's change log.`}>
        {changes.length === 0 ? (
          <p className="text-sm text-slate-600">No change to this body is recorded in the data yet.</p>
        ) : (
          <ChangeList changes={changes} caption={`History of ${name}`} />
        )}
        <Link href={`/changes?code=${encodeURIComponent(code)}`} className="mt-3 inline-block text-sm text-brand-700 underline">Every change touching {code}</Link>
      </Card>
    </div>
  );
}
