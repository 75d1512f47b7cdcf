import Link from "next/link";
import { SeverityBadge } from "@/components/incidents/badges";
import { ArchiveTemplateButton } from "@/components/reports/templates/archive-template-button";
import { Time } from "@/components/timeline/time";
import { Badge, Card } from "@/components/ui/card";
import { BUCKET_NAMES, BUCKETS } from "@/lib/reports/buckets";
import type { ReportTemplateRow } from "@/lib/reports/template-admin-queries";
import type { ChecklistTemplateView } from "@/lib/reports/template-queries";

const th = "px-3 py-2.5 font-medium whitespace-nowrap";
const td = "px-3 py-2.5 align-top";
const link = "font-medium text-fg underline-offset-2 hover:underline";

function Head({ columns, isAdmin }: { columns: string[]; isAdmin: boolean }) {
  return (
    <thead className="border-b border-border text-left text-xs tracking-wide text-muted uppercase">
      <tr>
        {columns.map((c) => <th key={c} className={th} scope="col">{c}</th>)}
        {isAdmin ? <th className={th} scope="col"><span className="sr-only">Actions</span></th> : null}
      </tr>
    </thead>
  );
}

const Name = ({ href, name, description, archived }: { href: string; name: string; description: string; archived: boolean }) => (
  <td className={td}>
    <Link href={href} className={link}>{name}</Link>
    {archived ? <Badge tone="warning" className="ml-2">archived</Badge> : null}
    {description ? <span className="mt-0.5 block max-w-prose text-xs text-muted">{description}</span> : null}
  </td>
);
const Edited = ({ at, by }: { at: Date; by: string }) => (
  <td className={td}><span className="whitespace-nowrap"><Time at={at.toISOString()} /><span className="block text-xs text-muted">{by}</span></span></td>
);
const Actions = ({ kind, href, slug, name, archived }: { kind: "report" | "checklist"; href: string; slug: string; name: string; archived: boolean }) => (
  <td className={`${td} whitespace-nowrap text-right`}>
    <span className="inline-flex gap-2">
      <Link href={href} className="inline-flex h-8 items-center rounded-md border border-border px-3 text-sm hover:bg-surface-2" aria-label={`Edit ${name}`}>Edit</Link>
      <ArchiveTemplateButton kind={kind} slug={slug} name={name} archived={archived} />
    </span>
  </td>
);

export function ReportTemplatesTable({ rows, isAdmin }: { rows: ReportTemplateRow[]; isAdmin: boolean }) {
  return (
    <Card className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="report-templates">
        <Head columns={["Report template", "Default for", "Sections", "Version", "Last edited"]} isAdmin={isAdmin} />
        <tbody className="divide-y divide-border">
          {rows.map((t) => {
            const href = `/reports/templates/${t.slug}`;
            return (
              <tr key={t.id} data-testid="template-row" data-slug={t.slug}>
                <Name href={href} name={t.name} description={t.description} archived={t.archived} />
                <td className={td} data-testid="default-for">
                  {t.defaultFor.length ? <span className="flex gap-1">{t.defaultFor.map((s) => <SeverityBadge key={s} severity={s} />)}</span> : <span className="text-muted">—</span>}
                </td>
                <td className={`${td} tabular-nums`}>{t.sectionCount}</td>
                <td className={`${td} tabular-nums`}>v{t.version}</td>
                <Edited at={t.lastEditedAt} by={t.lastEditedBy} />
                {isAdmin ? <Actions kind="report" href={href} slug={t.slug} name={t.name} archived={t.archived} /> : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </Card>
  );
}

export function ChecklistTemplatesTable({ rows, isAdmin }: { rows: ChecklistTemplateView[]; isAdmin: boolean }) {
  return (
    <Card className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="checklist-templates">
        <Head columns={["Checklist template", "When", "Items", "Version", "Last edited"]} isAdmin={isAdmin} />
        <tbody className="divide-y divide-border">
          {rows.map((t) => {
            const href = `/reports/templates/checklists/${t.slug}`;
            const perBucket = BUCKET_NAMES.map((b) => `${t.items.filter((i) => i.bucket === b).length} ${BUCKETS[b].label.toLowerCase()}`).join(" · ");
            return (
              <tr key={t.id} data-testid="template-row" data-slug={t.slug}>
                <Name href={href} name={t.name} description={t.description} archived={t.archived} />
                <td className={`${td} whitespace-nowrap`}>{t.isDefault ? <Badge tone="accent">added on resolution</Badge> : <span className="text-muted">added by hand</span>}</td>
                <td className={td}><span className="tabular-nums">{t.items.length}</span><span className="block text-xs whitespace-nowrap text-muted">{perBucket}</span></td>
                <td className={`${td} tabular-nums`}>v{t.version}</td>
                <Edited at={t.updatedAt} by={t.updatedByLabel} />
                {isAdmin ? <Actions kind="checklist" href={href} slug={t.slug} name={t.name} archived={t.archived} /> : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </Card>
  );
}
