import Link from "next/link";
import { Time } from "@/components/timeline/time";
import { Badge, Card } from "@/components/ui/card";
import { cn } from "@/lib/cn";
import type { TemplateVersionEntry } from "@/lib/reports/template-admin-queries";

/** Every version of a report template, newest first: who saved it, when, why, and its sections. */
export function TemplateVersionHistory({ slug, current, viewing, versions }: { slug: string; current: number; viewing: number; versions: TemplateVersionEntry[] }) {
  return (
    <Card className="flex flex-col" data-testid="template-versions">
      <h2 className="border-b border-border px-4 py-3 text-sm font-bold tracking-wider text-muted uppercase">Version history</h2>
      <ol className="divide-y divide-border">
        {versions.map((v) => (
          <li key={v.version} data-testid="template-version" data-version={v.version}
            className={cn("flex flex-col gap-0.5 px-4 py-2.5 text-sm", v.version === viewing && "bg-surface-2")}>
            <span className="flex items-center gap-2">
              <span className="font-semibold tabular-nums">v{v.version}</span>
              {v.version === current ? <Badge tone="ok">current</Badge> : null}
              <Link href={v.version === current ? `/reports/templates/${slug}` : `/reports/templates/${slug}?version=${v.version}`}
                className="ml-auto text-accent hover:underline" aria-current={v.version === viewing ? "page" : undefined}>
                {v.version === viewing ? "Viewing" : `View v${v.version}`}
              </Link>
            </span>
            <span className="text-muted"><Time at={v.createdAt.toISOString()} /> by {v.authorLabel}</span>
            {v.note ? <span className="break-words">{v.note}</span> : null}
          </li>
        ))}
      </ol>
    </Card>
  );
}
