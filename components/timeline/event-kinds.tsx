import {
  Activity, AlertCircle, BookOpen, FileText, ListChecks, Zap, ArrowRightLeft, Flag, Gauge, type LucideIcon, NotebookPen, Server, Siren, Text, Type, UserRound,
  GitMerge, Link2,
} from "lucide-react";
import type { TimelineItem } from "@/lib/timeline/wire";
import { ROLE_NAMES, type IncidentRole } from "@/lib/incidents/schemas";
import { MarkdownBody } from "@/components/timeline/markdown";
import { runbookEventContent } from "@/components/timeline/runbook-event";
import { actionEventText, actionEventTone } from "@/lib/actions/event-text";
import { reportEventText } from "@/lib/reports/event-text";
import { followupEventText } from "@/lib/followups/event-text";
import { alertEventText, alertEventTone } from "@/lib/alerts/event-text";
import { linkEventText, mergeEventText } from "@/lib/incidents/event-text";

// How each kind of timeline event is drawn. A later feature (actions, alerts, health, runbooks)
// adds one entry here; a kind without one still shows, through the generic fallback.
type Rendered = { icon: LucideIcon; tone?: string; content: React.ReactNode };
type Renderer = (event: TimelineItem, data: Record<string, unknown>) => Rendered;

const from = (d: Record<string, unknown>) => (d.from ?? {}) as Record<string, unknown>;
const list = (v: unknown) => (Array.isArray(v) && v.length ? v.join(", ") : "none");
const Arrow = ({ a, b }: { a: React.ReactNode; b: React.ReactNode }) => (
  <>
    <span className="text-muted">{a}</span> → <strong className="font-semibold">{b}</strong>
  </>
);

/** A merge or link event's sentence, with a link to the other incident. */
const OtherIncident = ({ d, text }: { d: Record<string, unknown>; text: string }) => (
  <span data-event={String(d.event)}>
    {text} · <a href={`/incidents/${Number(d.other)}`} className="text-accent hover:underline">Open INC-{Number(d.other)}</a>
  </span>
);

export const EVENT_RENDERERS: Record<string, Renderer> = {
  declared: (_e, d) => ({
    icon: Flag,
    tone: "text-danger",
    content: <>Declared as <strong>{String(d.severity)}</strong>{Array.isArray(d.services) && d.services.length ? <>, affecting {list(d.services)}</> : null}: {String(d.title ?? "")}</>,
  }),
  status: (_e, d) => ({
    icon: ArrowRightLeft,
    tone: "text-accent",
    content: <>{d.reopen ? "Reopened. " : null}Status: <Arrow a={String(from(d).status)} b={String(d.status)} /></>,
  }),
  severity: (_e, d) => ({ icon: Gauge, tone: "text-warning", content: <>Severity <Arrow a={String(from(d).severity)} b={String(d.severity)} /></> }),
  role: (_e, d) => ({
    icon: UserRound,
    content: <>{ROLE_NAMES[d.role as IncidentRole] ?? String(d.role)}: <Arrow a={String(from(d).name ?? "nobody")} b={String(d.name ?? "nobody")} /></>,
  }),
  title: (_e, d) => ({ icon: Type, content: <>Title: <Arrow a={String(from(d).title)} b={String(d.title)} /></> }),
  summary: (_e, d) => ({
    icon: Text,
    content: (
      <>
        Summary updated
        <MarkdownBody source={String(d.summary ?? "")} className="mt-1 rounded-md bg-surface-2 px-3 py-1" />
      </>
    ),
  }),
  services: (_e, d) => ({ icon: Server, content: <>Affected services: <Arrow a={list(from(d).services)} b={list(d.services)} /></> }),
  health: (_e, d) => {
    const to = String(d.status ?? d.to);
    const tone = to === "up" ? "text-ok" : to === "degraded" || to === "impacted" ? "text-warning" : to === "down" ? "text-danger" : "text-muted";
    return {
      icon: Activity,
      tone,
      content: (
        <>
          <a href={`/services/${String(d.service)}`} className="font-medium underline-offset-2 hover:underline">{String(d.service)}</a>{" "}
          health: <Arrow a={String(d.from)} b={to} />
          {d.reason ? <span className="text-muted">: {String(d.reason)}</span> : null}
        </>
      ),
    };
  },
  runbook: (e, d) => ({ icon: BookOpen, ...runbookEventContent(d, e.actorLabel) }),
  report: (e, d) => ({ icon: FileText, tone: d.to === "published" ? "text-ok" : undefined, content: reportEventText(d, e.actorLabel) }),
  action: (e, d) => ({ icon: Zap, tone: `text-${actionEventTone(d)}`, content: <span data-event={String(d.event)}>{actionEventText(d, e.actorLabel)}</span> }),
  followup: (e, d) => ({ icon: ListChecks, tone: "text-accent", content: <span data-event={String(d.event)}>{followupEventText(d, e.actorLabel)}</span> }),
  alert: (_e, d) => ({
    icon: Siren,
    tone: `text-${alertEventTone(d)}`,
    content: (
      <span data-event={String(d.event)}>
        {alertEventText(d)}
        {typeof d.runbook === "string" && d.runbook ? (
          <> · <a href={`/runbooks/${d.runbook}`} className="text-accent hover:underline">Runbook: {String(d.runbookTitle ?? d.runbook)}</a></>
        ) : null}
      </span>
    ),
  }),
  note: (e) => ({ icon: NotebookPen, tone: "text-ok", content: <MarkdownBody source={e.body ?? ""} inTimeline /> }),
  merge: (_e, d) => ({ icon: GitMerge, tone: "text-accent", content: <OtherIncident d={d} text={mergeEventText(d)} /> }),
  link: (_e, d) => ({ icon: Link2, content: <OtherIncident d={d} text={linkEventText(d)} /> }),
};

/** Any kind nobody has taught the timeline yet: its name and its data, nothing hidden. */
const fallback: Renderer = (e, d) => ({
  icon: AlertCircle,
  content: (
    <>
      <span className="font-mono text-xs uppercase text-muted">{e.kind}</span>
      {e.body ? <MarkdownBody source={e.body} /> : null}
      {Object.keys(d).length ? <pre className="mt-1 overflow-x-auto rounded bg-surface-2 p-2 text-xs">{JSON.stringify(d, null, 2)}</pre> : null}
    </>
  ),
});

export function renderEvent(event: TimelineItem): Rendered {
  const data = event.data && typeof event.data === "object" && !Array.isArray(event.data) ? (event.data as Record<string, unknown>) : {};
  return (EVENT_RENDERERS[event.kind] ?? fallback)(event, data);
}
