import { GitMerge } from "lucide-react";
import { incidentRef } from "@/lib/incidents/rules";
import type { IncidentDetail } from "@/lib/incidents/queries";
import { formatUtc } from "@/components/timeline/time-format";

/** On a merged duplicate: where the work went, and how to undo it. */
export function MergedBanner({ incident }: { incident: IncidentDetail }) {
  if (!incident.mergedInto) return null;
  const ref = incidentRef(incident.mergedInto.number);
  return (
    <div className="flex items-start gap-3 rounded-lg border border-accent/50 bg-accent/10 p-4" data-testid="merged-banner" role="status">
      <GitMerge className="mt-0.5 size-5 shrink-0 text-accent" aria-hidden />
      <div className="text-sm">
        <p className="text-base font-semibold">
          Merged into{" "}
          <a href={`/incidents/${incident.mergedInto.number}`} className="text-accent hover:underline">{ref}: {incident.mergedInto.title}</a>
        </p>
        <p className="text-muted">
          {incident.mergedAt ? `Since ${formatUtc(incident.mergedAt)}. ` : ""}Its alerts and the work go on there; this timeline stays as it was.
          Reopen this incident to un-merge it: the alerts that moved come back.
        </p>
      </div>
    </div>
  );
}
