import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LinksEditor } from "@/components/runbooks/links-editor";
import { RunbookEditor } from "@/components/runbooks/runbook-editor";
import { RunbookHeader } from "@/components/runbooks/runbook-header";
import { RunbookOverview } from "@/components/runbooks/runbook-overview";
import { StartRunForm } from "@/components/runbooks/start-run-form";
import { VersionHistory } from "@/components/runbooks/version-history";
import { Card } from "@/components/ui/card";
import { listActionInfos } from "@/lib/actions/info";
import { hasRole } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { listOpenIncidents } from "@/lib/incidents/queries";
import { incidentRef } from "@/lib/incidents/rules";
import { catalogActions } from "@/lib/runbooks/catalog-refs";
import { getRunbook } from "@/lib/runbooks/queries";
import { cn } from "@/lib/cn";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ view?: string; a?: string; b?: string }> };
const VIEWS = [["guide", "Guide"], ["markdown", "Markdown"], ["versions", "Versions"], ["edit", "Edit"]] as const;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const rb = await getRunbook(decodeURIComponent((await params).slug));
  return { title: rb ? rb.title : "Runbook not found" };
}

export default async function RunbookPage({ params, searchParams }: Props) {
  const user = await requirePageUser();
  const rb = await getRunbook(decodeURIComponent((await params).slug));
  if (!rb) notFound();
  const sp = await searchParams;
  const isAdmin = hasRole(user.role, "admin");
  const views = VIEWS.filter(([v]) => v !== "edit" || isAdmin);
  const view = views.find(([v]) => v === sp.view)?.[0] ?? "guide";
  const actions = view === "guide" ? await catalogActions() : [];
  const canRun = hasRole(user.role, "responder");
  const bound = rb.parsed.phases.flatMap((p) => p.steps.flatMap((s) => (s.binding ? [s.binding.service] : [])));
  const runnable = view === "guide" && canRun ? await listActionInfos([...new Set(bound)]) : [];
  const incidents = hasRole(user.role, "responder") ? (await listOpenIncidents()).map((i) => ({ id: i.id, number: i.number, label: `${incidentRef(i.number)} ${i.title}` })) : [];
  return (
    <div className="flex flex-col gap-5">
      <RunbookHeader runbook={rb} isAdmin={isAdmin} />
      <div className="grid items-start gap-5 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="flex min-w-0 flex-col gap-4">
          <nav aria-label="Runbook views" className="flex gap-1 border-b border-border">
            {views.map(([v, label]) => (
              <Link key={v} href={`/runbooks/${rb.slug}?view=${v}`} aria-current={v === view ? "page" : undefined}
                className={cn("-mb-px border-b-2 px-3 py-2 text-sm font-medium", v === view ? "border-accent text-fg" : "border-transparent text-muted hover:text-fg")}>
                {label}
              </Link>
            ))}
          </nav>
          {view === "guide" ? <RunbookOverview runbook={rb} actions={actions} runnable={runnable} canEdit={isAdmin} /> : null}
          {view === "markdown" ? (
            <Card className="p-4"><pre className="overflow-x-auto font-mono text-xs leading-relaxed whitespace-pre-wrap" data-testid="runbook-markdown">{rb.markdown}</pre></Card>
          ) : null}
          {view === "versions" ? <VersionHistory runbook={rb} a={Number(sp.a) || null} b={Number(sp.b) || null} /> : null}
          {view === "edit" && isAdmin ? <RunbookEditor slug={rb.slug} version={rb.version} markdown={rb.markdown} /> : null}
        </div>
        <aside className="flex flex-col gap-4">
          {incidents.length || hasRole(user.role, "responder") ? <StartRunForm slug={rb.slug} incidents={incidents} archived={rb.archived} /> : null}
          <LinksEditor slug={rb.slug} services={rb.services} alerts={rb.alerts} tags={rb.tags} canEdit={isAdmin} />
        </aside>
      </div>
    </div>
  );
}
