import Link from "next/link";
import { BookOpen, ExternalLink, LineChart } from "lucide-react";
import type { AlertRow } from "@/lib/alerts/queries";
import { incidentRef } from "@/lib/incidents/rules";
import { StatusBadge } from "@/components/incidents/badges";
import { cn } from "@/lib/cn";

// Small pieces shared by the Alerts page and an incident's Alerts card.

export function AlertState({ row }: { row: Pick<AlertRow, "status" | "silence"> }) {
  const firing = row.status === "firing";
  return (
    <span className={cn("inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-bold uppercase tracking-wide",
      firing ? (row.silence ? "bg-warning/15 text-warning" : "bg-danger/15 text-danger") : "bg-ok/15 text-ok")} data-testid="alert-state">
      <span className={cn("size-2 rounded-full", firing ? (row.silence ? "bg-warning" : "animate-pulse bg-danger") : "bg-ok")} aria-hidden />
      {firing ? (row.silence ? "Silenced" : "Firing") : "Resolved"}
    </span>
  );
}

export function RunbookLink({ row }: { row: Pick<AlertRow, "runbook" | "runbookUrl"> }) {
  if (row.runbook) {
    return (
      <Link href={`/runbooks/${row.runbook.slug}`} className="inline-flex items-center gap-1 text-accent hover:underline" data-testid="alert-runbook">
        <BookOpen className="size-3.5 shrink-0" aria-hidden />{row.runbook.title}
      </Link>
    );
  }
  if (row.runbookUrl) {
    return (
      <a href={row.runbookUrl} target="_blank" rel="noreferrer noopener" className="inline-flex items-center gap-1 text-accent hover:underline" data-testid="alert-runbook">
        <ExternalLink className="size-3.5 shrink-0" aria-hidden />Runbook
      </a>
    );
  }
  return <span className="text-muted">No runbook</span>;
}

export function SourceLink({ row }: { row: Pick<AlertRow, "generatorUrl" | "group"> }) {
  const label = row.group.source === "rule" ? "Sitrep rule" : "Alertmanager";
  if (!row.generatorUrl || !/^https?:\/\//i.test(row.generatorUrl)) return <span className="text-xs text-muted">{label}</span>;
  return (
    <a href={row.generatorUrl} target="_blank" rel="noreferrer noopener" className="inline-flex items-center gap-1 text-xs text-muted hover:text-fg hover:underline">
      <LineChart className="size-3" aria-hidden />{label}
    </a>
  );
}

export function IncidentLink({ incident }: { incident: AlertRow["incident"] }) {
  if (!incident) return <span className="text-muted">None</span>;
  return (
    <div className="flex flex-col gap-0.5">
      <span className="flex items-center gap-2">
        <Link href={`/incidents/${incident.number}`} className="font-semibold text-accent hover:underline">{incidentRef(incident.number)}</Link>
        <StatusBadge status={incident.status} />
      </span>
      <span className="block max-w-64 truncate text-xs text-muted">{incident.title}</span>
    </div>
  );
}

const SHOWN_ALREADY = new Set(["alertname", "severity", "service"]);

/** The labels worth a glance: what tells two alerts of a group apart (instance, region…). */
export function LabelChips({ labels }: { labels: Record<string, string> }) {
  const shown = Object.entries(labels).filter(([k]) => !SHOWN_ALREADY.has(k)).slice(0, 6);
  if (!shown.length) return null;
  return (
    <span className="flex flex-wrap gap-1">
      {shown.map(([k, v]) => <code key={k} className="rounded bg-surface-2 px-1.5 py-0.5 text-[11px] text-muted">{k}={v.length > 40 ? `${v.slice(0, 40)}…` : v}</code>)}
    </span>
  );
}
