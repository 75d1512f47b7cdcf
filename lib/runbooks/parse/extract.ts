// Titles, keys, alert names, severity and symptoms, read from heading text and label values.
import type { Severity } from "./types";

const PICTOGRAPHS = /[\p{Extended_Pictographic}\u{FE0F}\u{200D}\u{20E3}]/gu;
const NUMBERING = /^(?:\d+(?:\.\d+)*[.)]?|[A-Za-z][.)])\s+/;
const KIND_PREFIX = /^(?:runbook|playbook|issue|scenario|incident|problem|alert|procedure)\s*[:\-–—]\s*/i;

/** "## 1. NATS Recovery" → "NATS Recovery"; "Runbook: Coordinator API Outage" → "Coordinator API Outage". */
export function cleanTitle(heading: string): string {
  const plain = heading.replace(PICTOGRAPHS, "").replace(/\s+/g, " ").trim();
  const stripped = plain.replace(NUMBERING, "").replace(KIND_PREFIX, "").replace(/:\s*$/, "").trim();
  const unquoted = /^`[^`]+`$/.test(stripped) ? stripped.slice(1, -1) : stripped;
  return unquoted || plain.replace(/:\s*$/, "") || heading.trim();
}

/** "High HTTP Latency" → "high-http-latency"; "RunnerDown" → "runner-down". */
export function slugify(text: string): string {
  return text
    .replace(/['’]/g, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1-$2")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/ß/g, "ss")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
}

/** A single CamelCase token of two words or more, the way alert rules are named: KubePodCrashLooping. */
export function isAlertName(token: string): boolean {
  return token.length <= 100 && /^[A-Z][A-Za-z0-9]*$/.test(token) && (token.match(/[A-Z][a-z]/g) ?? []).length >= 2;
}

/** Names in an "Alert" label's value: its code spans, or else its comma-separated parts. */
export function alertNamesIn(value: string): string[] {
  const spans = [...value.matchAll(/`+([^`]+)`+/g)].map((m) => m[1].trim());
  const parts = spans.length ? spans : value.split(/[,;]/).map((s) => s.trim());
  return parts.filter((s) => s.length > 0 && s.length <= 120);
}

/** Alert names a runbook title gives: "RunnerDown", or "High Error Rate" from "High Error Rate Alert". */
export function alertNamesFromTitle(title: string): string[] {
  if (isAlertName(title)) return [title];
  const named = /^(.+?)\s+alert$/i.exec(title);
  return named && !/\balerts?\b/i.test(named[1]) ? [named[1]] : [];
}

const LEVEL_WORDS: [RegExp, 1 | 2 | 3 | 4][] = [
  [/\b(?:p|sev)[- ]?([1-4])\b/gi, 1],
  [/\b(?:critical|crit|emergency|blocker|urgent|fatal|disaster)\b/gi, 1],
  [/\b(?:high|major|severe|error)\b/gi, 2],
  [/\b(?:warning|warn|medium|moderate|average)\b/gi, 3],
  [/\b(?:low|minor|info|informational|notice|trivial)\b/gi, 4],
];

/** "Critical" → P1, "P2 - High" → P2, "Warning" → P3, "Warning/Critical" → the more severe P1. */
export function severityOf(raw: string): Severity {
  const levels: number[] = [];
  for (const [re, level] of LEVEL_WORDS) {
    for (const m of raw.matchAll(re)) levels.push(m[1] ? Number(m[1]) : level);
  }
  const best = levels.length ? Math.min(...levels) : null;
  return { raw: raw.trim(), level: best ? (`P${best}` as Severity["level"]) : null };
}

/** A group heading such as "🚨 Critical Alerts" sets the severity of the alerts under it. */
export function severityFromGroup(groupTitle: string): Severity | null {
  const title = cleanTitle(groupTitle);
  if (!/^\S+(?:\s+\S+)?\s+alerts?$/i.test(title)) return null;
  const s = severityOf(title.replace(/\s+alerts?$/i, ""));
  return s.level ? { raw: title, level: s.level } : null;
}

/** "Service unavailable, health checks failing" → two symptoms; commas inside code or quotes stay. */
export function splitSymptoms(value: string): string[] {
  const out: string[] = [];
  let current = "";
  let quote: string | null = null;
  for (const c of value) {
    if (quote) quote = c === quote ? null : quote;
    else if (c === "`" || c === '"') quote = c;
    else if (c === "," || c === ";") {
      out.push(current);
      current = "";
      continue;
    }
    current += c;
  }
  out.push(current);
  return out.map((s) => s.trim()).filter(Boolean);
}

export type SharedCategory = "contents" | "overview" | "escalation" | "contacts" | "post-incident" | "reference" | "maintenance" | "process" | "checklist";

const CATEGORIES: [RegExp, SharedCategory][] = [
  [/\b(?:table of contents|contents|toc)\b/i, "contents"],
  [/\bpost[- ]?(?:incident|mortem)\b|\bretrospective\b|\blessons learned\b|\bafter[- ]action\b/i, "post-incident"],
  [/\bescalat/i, "escalation"],
  [/\bcontacts?\b|\bon-?call (?:list|rota|roster|schedule)\b/i, "contacts"],
  [/\b(?:overview|introduction|intro|about|purpose|scope)\b/i, "overview"],
  [/\breference\b|\brelated\b|\bappendix\b|\bglossary\b|\bconfiguration\b|\bcheat ?sheet\b|\bsee also\b/i, "reference"],
  [/\bmaintenance\b|\bchangelog\b|\brevision history\b/i, "maintenance"],
  [/\bworkflow\b/i, "process"],
  [/\bchecklist\b/i, "checklist"],
];

/** Sections kept as shared entries because of what they are called: escalation, contacts, … */
export function sharedCategory(title: string): SharedCategory | null {
  return CATEGORIES.find(([re]) => re.test(title))?.[1] ?? null;
}
