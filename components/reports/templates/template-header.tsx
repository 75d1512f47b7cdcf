import Link from "next/link";
import { SeverityBadge } from "@/components/incidents/badges";
import { ArchiveTemplateButton } from "@/components/reports/templates/archive-template-button";
import { Time } from "@/components/timeline/time";
import { Badge } from "@/components/ui/card";
import type { Severity } from "@/lib/incidents/rules";

type Props = {
  kind: "report" | "checklist";
  template: { slug: string; name: string; description: string; version: number; archived: boolean; lastEditedAt: Date; lastEditedBy: string };
  defaultFor?: Severity[];
  isDefault?: boolean;
  isAdmin: boolean;
};

export function TemplateHeader({ kind, template: t, defaultFor = [], isDefault, isAdmin }: Props) {
  return (
    <header className="flex flex-col gap-2">
      <p className="text-sm text-muted">
        <Link href="/reports" className="hover:underline">Reports</Link> › <Link href="/reports/templates" className="hover:underline">Templates</Link> ›{" "}
        {kind === "report" ? "Report template" : "Checklist template"}
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">{t.name}</h1>
        {defaultFor.length ? <span className="flex items-center gap-1" aria-label={`Default for ${defaultFor.join(", ")}`}>{defaultFor.map((s) => <SeverityBadge key={s} severity={s} />)}</span> : null}
        {isDefault ? <Badge tone="accent">added on resolution</Badge> : null}
        {t.archived ? <Badge tone="warning">archived</Badge> : null}
        {isAdmin ? <span className="ml-auto"><ArchiveTemplateButton kind={kind} slug={t.slug} name={t.name} archived={t.archived} /></span> : null}
      </div>
      {t.description ? <p className="text-sm text-muted">{t.description}</p> : null}
      <p className="flex flex-wrap gap-x-4 text-sm text-muted" data-testid="template-stamps">
        <span>Version {t.version}</span>
        <span>Edited <Time at={t.lastEditedAt.toISOString()} /> by {t.lastEditedBy}</span>
      </p>
    </header>
  );
}
