import Link from "next/link";
import { incidentRef } from "@/lib/incidents/rules";
import type { OpenIncidentRef } from "@/lib/services/types";
import { SeverityBadge } from "@/components/incidents/badges";
import { cn } from "@/lib/cn";

/** Open incidents on a service, worst severity first: severity badge + INC-n, the title on hover. */
type Props = { incidents: OpenIncidentRef[]; withTitles?: boolean; empty?: string; className?: string };

export function IncidentLinks({ incidents, withTitles = false, empty = "None open", className }: Props) {
  if (!incidents.length) return <span className="text-muted">{empty}</span>;
  return (
    <ul className={cn("flex flex-wrap gap-1.5", withTitles && "flex-col", className)}>
      {incidents.map((i) => (
        <li key={i.number}>
          <Link
            href={`/incidents/${incidentRef(i.number)}`}
            title={`${incidentRef(i.number)} · ${i.title} (${i.status})`}
            className="group inline-flex items-center gap-1.5 rounded-md hover:bg-surface-2"
          >
            <SeverityBadge severity={i.severity} />
            <span className="font-mono text-sm font-semibold whitespace-nowrap text-accent group-hover:underline">{incidentRef(i.number)}</span>
            {withTitles ? <span className="text-sm group-hover:underline">{i.title}</span> : null}
          </Link>
        </li>
      ))}
    </ul>
  );
}
