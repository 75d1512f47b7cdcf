// The structured form of an imported Markdown runbook. Shared by the importer, the library
// pages and the browser's live preview, so it holds plain JSON only.

export type ParsedDocument = { file: string; title: string; runbooks: ParsedRunbook[] };

export type Severity = { raw: string; level: "P1" | "P2" | "P3" | "P4" | null };

/** A labelled fact read from the text ("Trigger: HTTP error rate > 5%"), kept with its source. */
export type ParsedMeta = { label: string; value: string; markdown: string };

export type ParsedRunbook = {
  /** stable slug unique within the document, e.g. "runner-down" */
  key: string;
  /** scenario answers an alert or failure; shared is escalation, contacts, post-incident, overview, reference */
  kind: "scenario" | "shared";
  title: string;
  /** alert names it answers */
  alerts: string[];
  symptoms: string[];
  severity: Severity | null;
  mttrMinutes: number | null;
  tags: string[];
  /** at least one; steps not under a time-boxed heading go in a phase with null bounds */
  phases: ParsedPhase[];
  /** $NAMESPACE, <STREAM_NAME>, ${VAR} as written in commands, deduplicated */
  placeholders: string[];
  /** the verbatim source slice of this runbook */
  markdown: string;
  /** 1-based start line in the source */
  line: number;
  /** the heading text as written ("Runbook: Coordinator API Outage"); null for a preamble */
  heading?: string | null;
  /** headings of the sections it sits in, outermost first ("Alert Response Procedures", "🚨 Critical Alerts") */
  groups?: string[];
  /** labelled facts that are not steps: Alert, Severity, Symptoms, Trigger, MTTR Target… */
  meta?: ParsedMeta[];
};

export type ParsedPhase = {
  title: string | null;
  fromMin: number | null;
  toMin: number | null;
  steps: ParsedStep[];
  /** headings above this phase inside the runbook ("Recovery Procedures" above "A. NATS Process Down") */
  context?: string[];
};

export type ParsedCommand = {
  lang: string | null;
  code: string;
  /** shell comments (# …) inside a fenced block */
  hints: string[];
  inline: boolean;
};

export type ParsedBinding = { service: string; action: string; params: Record<string, string> };

export type ParsedStep = {
  kind: "action" | "checklist" | "table" | "note";
  /** plain text of the step (inline code kept with backticks) */
  text: string;
  commands: ParsedCommand[];
  dangerous: boolean;
  /** the warning phrase, e.g. "DANGER: Data loss" */
  danger: string | null;
  /** checklists */
  checked?: boolean;
  table?: { headers: string[]; rows: string[][] };
  /** from a ```sitrep-action fenced block */
  binding?: ParsedBinding | null;
  /** what the importer could not use, e.g. a sitrep-action block with invalid YAML */
  notes?: string[];
  /** verbatim source slice of the step */
  markdown: string;
};
