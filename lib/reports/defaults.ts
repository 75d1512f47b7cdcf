// The templates a new Sitrep starts with, taken from the runbooks teams bring today
// (../shared/seeds): fondation-worker's "Incident Report Template", aitbc's bucketed
// "Post-Incident Checklist", fondation-worker's checklist and beacon-runner's "Post-Incident
// Actions". Admins edit them like any other; startup only adds the ones that are missing.
import type { Severity } from "@/lib/incidents/rules";
import type { Bucket } from "@/lib/reports/buckets";
import type { TemplateSection } from "@/lib/reports/sections";

export type DefaultReportTemplate = { slug: string; name: string; description: string; defaultFor: Severity[]; sections: TemplateSection[] };
export type DefaultChecklistTemplate = { slug: string; name: string; description: string; isDefault: boolean; items: { bucket: Bucket; text: string }[] };

const SUMMARY: TemplateSection = {
  key: "summary", title: "Summary", type: "summary",
  guidance: "Duration (start – end), impact (e.g. the number of jobs or users affected) and severity. Say in two sentences what broke and for whom.",
};
const TIMELINE: TemplateSection = {
  key: "timeline", title: "Timeline", type: "timeline",
  guidance: "HH:MM – issue detected, investigation started, root cause identified, fix applied, service restored. Prefilled from the incident's milestones and pinned events: add what the timeline missed.",
};
const ACTION_ITEMS: TemplateSection = {
  key: "action-items", title: "Action items", type: "action-items",
  guidance: "Preventive measures, monitoring improvements, runbook updates: each with an owner and a due date.",
};

export const DEFAULT_REPORT_TEMPLATES: DefaultReportTemplate[] = [
  {
    slug: "incident-report",
    name: "Incident report",
    description: "The full report: summary, timeline, root cause, resolution, lessons learned and action items.",
    defaultFor: ["P1", "P2"],
    sections: [
      SUMMARY,
      TIMELINE,
      { key: "root-cause", title: "Root cause", type: "markdown", guidance: "[Detailed explanation] What happened, why it happened, and why it was not detected earlier." },
      { key: "resolution", title: "Resolution", type: "recovery", guidance: "The steps taken to resolve it. The recovery actions run from Sitrep are listed with their outcomes: add what was done by hand." },
      { key: "lessons-learned", title: "Lessons learned", type: "markdown", guidance: "What went well, and what could be improved." },
      ACTION_ITEMS,
    ],
  },
  {
    slug: "brief-report",
    name: "Brief report",
    description: "For smaller incidents: summary, timeline, cause and fix, action items.",
    defaultFor: ["P3", "P4"],
    sections: [
      SUMMARY,
      TIMELINE,
      { key: "cause-and-fix", title: "Cause and fix", type: "recovery", guidance: "What caused it and what fixed it, in a few lines." },
      ACTION_ITEMS,
    ],
  },
];

export const DEFAULT_CHECKLIST_TEMPLATES: DefaultChecklistTemplate[] = [
  {
    slug: "post-incident",
    name: "Post-incident checklist",
    description: "Immediate, short-term and long-term follow-ups, due from the moment the incident is resolved.",
    isDefault: true,
    items: [
      { bucket: "immediate", text: "Service fully restored" },
      { bucket: "immediate", text: "Monitoring normal" },
      { bucket: "immediate", text: "Status page updated" },
      { bucket: "immediate", text: "Stakeholders notified" },
      { bucket: "short", text: "Incident report created" },
      { bucket: "short", text: "Root cause identified" },
      { bucket: "short", text: "Runbooks updated" },
      { bucket: "short", text: "Post-mortem scheduled" },
      { bucket: "long", text: "Post-mortem completed" },
      { bucket: "long", text: "Action items assigned" },
      { bucket: "long", text: "Monitoring improved" },
      { bucket: "long", text: "Process updated" },
    ],
  },
  {
    slug: "worker-post-incident",
    name: "Worker post-incident checklist",
    description: "From the fondation worker runbook: the report, the runbook, monitoring and alerting, prevention.",
    isDefault: false,
    items: [
      { bucket: "short", text: "Create incident report" },
      { bucket: "short", text: "Update runbook if new issue" },
      { bucket: "short", text: "Review monitoring gaps" },
      { bucket: "short", text: "Schedule post-mortem meeting" },
      { bucket: "long", text: "Update alerting rules" },
      { bucket: "long", text: "Implement preventive measures" },
      { bucket: "long", text: "Test recovery procedures" },
      { bucket: "long", text: "Update documentation" },
    ],
  },
  {
    slug: "post-incident-actions",
    name: "Post-incident actions",
    description: "From the beacon runner runbook: timeline, root cause, prevention, runbooks, alert thresholds.",
    isDefault: false,
    items: [
      { bucket: "short", text: "Document incident timeline" },
      { bucket: "short", text: "Identify root cause" },
      { bucket: "short", text: "Update runbooks" },
      { bucket: "long", text: "Implement preventive measures" },
      { bucket: "long", text: "Review alert thresholds" },
    ],
  },
];
