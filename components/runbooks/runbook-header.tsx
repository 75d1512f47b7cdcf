import Link from "next/link";
import { Download } from "lucide-react";
import { SeverityBadge } from "@/components/incidents/badges";
import { ArchiveButton } from "@/components/runbooks/archive-button";
import { Time } from "@/components/timeline/time";
import { Badge } from "@/components/ui/card";
import type { RunbookDetail } from "@/lib/runbooks/queries";

const Stamp = ({ label, at, by }: { label: string; at: Date | null; by?: string }) => (
  <span>{label} {at ? <Time at={at.toISOString()} /> : "never"}{by ? ` by ${by}` : ""}</span>
);

export function RunbookHeader({ runbook: rb, isAdmin }: { runbook: RunbookDetail; isAdmin: boolean }) {
  return (
    <header className="flex flex-col gap-2">
      <p className="text-sm text-muted"><Link href="/runbooks" className="hover:underline">Runbooks</Link> › <span className="font-mono">{rb.source}</span></p>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">{rb.title}</h1>
        {rb.severity ? <SeverityBadge severity={rb.severity} /> : null}
        {rb.mttrMinutes !== null ? <Badge tone="accent">MTTR target {rb.mttrMinutes} min</Badge> : null}
        {rb.kind === "shared" ? <Badge>shared</Badge> : null}
        {rb.archived ? <Badge tone="warning">archived</Badge> : null}
        <span className="ml-auto flex gap-2">
          <a href={`/api/runbooks/${encodeURIComponent(rb.slug)}/markdown`} className="inline-flex h-8 items-center gap-1.5 rounded-md border border-border px-3 text-sm hover:bg-surface-2" download>
            <Download className="size-4" aria-hidden /> Export Markdown
          </a>
          {isAdmin ? <ArchiveButton slug={rb.slug} archived={rb.archived} /> : null}
        </span>
      </div>
      <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-muted" data-testid="runbook-stamps">
        <span>Version {rb.version}</span>
        <Stamp label="Edited" at={rb.lastEditedAt} by={rb.lastEditedBy} />
        <Stamp label="Last used" at={rb.lastUsedAt} />
        <Stamp label="Last drill" at={rb.lastDrillAt} />
      </p>
    </header>
  );
}
