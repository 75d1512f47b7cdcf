// What a new report's sections start with, from the incident's facts. Pure: the data is
// loaded by prefill-data.ts, so these rules are unit-tested without a database.
import { ACK_TARGET_MS, SEVERITY_INFO, incidentRef, type Severity } from "@/lib/incidents/rules";
import { formatDuration, interval } from "@/lib/incidents/mttx";
import type { SectionType, TemplateSection } from "@/lib/reports/sections";

export type PrefillIncident = {
  number: number; title: string; summary: string; severity: Severity; services: string[];
  startedAt: Date; acknowledgedAt: Date | null; investigatingAt: Date | null; identifiedAt: Date | null;
  mitigatedAt: Date | null; resolvedAt: Date | null;
  commander: string | null; scribe: string | null; comms: string | null;
};
export type PrefillEvent = { at: Date; text: string };
export type PrefillAction = { at: Date; title: string; service: string; status: string; verify: string | null; by: string; approvedBy: string | null };
/** The tightest MTTR target among the runbooks run on the incident (the seeds set them per alert). */
export type MttrTarget = { minutes: number; runbook: string } | null;
export type PrefillData = { incident: PrefillIncident; pinned: PrefillEvent[]; actions: PrefillAction[]; mttrTarget: MttrTarget };

const pad = (n: number) => String(n).padStart(2, "0");
export const utcTime = (d: Date) => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
export const utcDateTime = (d: Date) => `${d.toISOString().slice(0, 10)} ${utcTime(d)} UTC`;

/** "met" / "missed" against a target, or the elapsed time alone when there is none. */
function against(r: ReturnType<typeof interval>, targetMs: number | null, targetLabel: string): string {
  if (!r.ok) return r.reason === "invalid" ? "invalid: it ends before the incident started, check the times" : "not reached";
  const ms = r.ms;
  if (targetMs === null) return `${formatDuration(ms)} (no target set)`;
  return `${formatDuration(ms)} (target ${targetLabel}: ${ms <= targetMs ? "met" : "missed"})`;
}

export function mttaLine(i: PrefillIncident): string {
  return against(interval(i.startedAt, i.acknowledgedAt), ACK_TARGET_MS, formatDuration(ACK_TARGET_MS));
}

export function mttrLine(i: PrefillIncident, target: MttrTarget): string {
  const label = target ? `${target.minutes} min, from the runbook “${target.runbook}”` : "";
  return against(interval(i.startedAt, i.resolvedAt), target ? target.minutes * 60_000 : null, label);
}

function durationLine(i: PrefillIncident, now: Date): string {
  if (!i.resolvedAt) return `${utcDateTime(i.startedAt)} – still open (${formatDuration(now.getTime() - i.startedAt.getTime())} so far)`;
  const r = interval(i.startedAt, i.resolvedAt);
  return `${utcDateTime(i.startedAt)} – ${utcDateTime(i.resolvedAt)} (${r.ok ? formatDuration(r.ms) : "end before start: check the times"})`;
}

function summary({ incident: i, mttrTarget }: PrefillData, now: Date): string {
  const roles = [["commander", i.commander], ["scribe", i.scribe], ["comms", i.comms]].map(([role, who]) => `${role} ${who ?? "none"}`).join(" · ");
  return [
    `- **Incident**: ${incidentRef(i.number)} ${i.title.replace(/\s+/g, " ")}`,
    `- **Duration**: ${durationLine(i, now)}`,
    `- **Impact**: ${i.summary.trim() ? i.summary.trim().replace(/\s*\n\s*/g, " ") : "_Who and what was affected: jobs, users, requests._"}`,
    `- **Severity**: ${i.severity} (${SEVERITY_INFO[i.severity].label})`,
    `- **Services**: ${i.services.length ? i.services.join(", ") : "none recorded"}`,
    `- **Roles**: ${roles}`,
    `- **MTTA**: ${mttaLine(i)}`,
    `- **MTTR**: ${mttrLine(i, mttrTarget)}`,
  ].join("\n");
}

const MILESTONES = [
  ["startedAt", "Issue detected"],
  ["acknowledgedAt", "Acknowledged"],
  ["investigatingAt", "Investigation started"],
  ["identifiedAt", "Root cause identified"],
  ["mitigatedAt", "Fix applied"],
  ["resolvedAt", "Service restored"],
] as const;

/** Milestones and pinned events in time order; times as HH:MM when all fall on the start's day. */
function timeline({ incident: i, pinned }: PrefillData): string {
  const entries: PrefillEvent[] = [
    ...MILESTONES.flatMap(([field, text]) => (i[field] ? [{ at: i[field] as Date, text }] : [])),
    ...pinned.map((p) => ({ at: p.at, text: `📌 ${p.text}` })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  const day = i.startedAt.toISOString().slice(0, 10);
  const oneDay = entries.every((e) => e.at.toISOString().slice(0, 10) === day);
  const when = (d: Date) => (oneDay ? `${utcTime(d)} UTC` : utcDateTime(d));
  return entries.map((e) => `- ${when(e.at)} – ${e.text}`).join("\n");
}

const OUTCOME: Record<string, string> = { succeeded: "succeeded", failed: "failed", timed_out: "timed out", denied: "denied", interrupted: "interrupted", awaiting_approval: "still awaiting approval", running: "still running", requested: "requested" };

function recovery({ actions }: PrefillData, guidance: string): string {
  if (!actions.length) return `_No recovery action was run from Sitrep. ${guidance.replace(/\s+/g, " ").trim()}_`;
  const lines = actions.map((a) => {
    const verify = a.verify === "passed" ? ", verified" : a.verify === "failed" ? ", verification failed" : "";
    const approved = a.approvedBy ? `, approved by ${a.approvedBy}` : "";
    return `- ${utcTime(a.at)} UTC – **${a.title}** on ${a.service}: ${OUTCOME[a.status] ?? a.status}${verify} (run by ${a.by}${approved})`;
  });
  return `${lines.join("\n")}\n\n_Add the steps taken by hand._`;
}

function mttxTable({ incident: i, mttrTarget }: PrefillData): string {
  const m = interval(i.startedAt, i.mitigatedAt);
  return [
    "| Measure | Time | Target |",
    "| --- | --- | --- |",
    `| MTTA (acknowledge) | ${mttaLine(i)} | ${formatDuration(ACK_TARGET_MS)} |`,
    `| MTTM (mitigate) | ${m.ok ? formatDuration(m.ms) : "not reached"} | none |`,
    `| MTTR (resolve) | ${mttrLine(i, mttrTarget)} | ${mttrTarget ? `${mttrTarget.minutes} min` : "none"} |`,
  ].join("\n");
}

/** Prompts drawn from the guidance's own wording, as a starting outline ("What went well" …). */
function markdown(section: TemplateSection): string {
  if (section.key === "lessons-learned" || /went well/i.test(section.guidance)) return "### What went well\n\n- \n\n### What could be improved\n\n- ";
  return "";
}

const PREFILL: Record<SectionType, (d: PrefillData, s: TemplateSection, now: Date) => string> = {
  summary: (d, _s, now) => summary(d, now),
  timeline: (d) => timeline(d),
  recovery: (d, s) => recovery(d, s.guidance),
  mttx: (d) => mttxTable(d),
  markdown: (_d, s) => markdown(s),
  // Action items are listed from the tracker itself (see markdown.ts): the section holds notes.
  "action-items": () => "",
};

export function prefillSection(section: TemplateSection, data: PrefillData, now = new Date()): string {
  return PREFILL[section.type](data, section, now);
}
