// What marks a section as a runbook, read from mdast nodes: labels like **Severity**: Critical,
// headings like "### Symptoms" or "### MTTR Target: 2 minutes", time boxes, numbered steps.
import type { Code, Heading, Nodes, Paragraph, PhrasingContent, RootContent } from "mdast";
import { inlineText, walk } from "./markdown";

export type MetaKind = "alert" | "severity" | "symptoms" | "trigger" | "mttr";

const META_LABELS: Record<string, MetaKind> = {
  alert: "alert", alerts: "alert", "alert name": "alert", alertname: "alert", "alert names": "alert",
  severity: "severity", priority: "severity", sev: "severity", "severity level": "severity",
  symptoms: "symptoms", symptom: "symptoms", signs: "symptoms", "signs and symptoms": "symptoms",
  trigger: "trigger", triggers: "trigger", "fires when": "trigger",
  mttr: "mttr", "mttr target": "mttr", "target mttr": "mttr", "mttr goal": "mttr",
};

export function metaKind(label: string): MetaKind | null {
  return META_LABELS[label.trim().toLowerCase().replace(/\s+/g, " ")] ?? null;
}

export type Label = { label: string; value: string };

const shortLabel = (s: string) => s.length > 0 && s.length <= 60 && s.split(/\s+/).length <= 6;

/** "MTTR Target: 2 minutes" → label and value; a heading without a colon is all label. */
export function splitLabel(text: string): Label {
  const at = text.indexOf(":");
  const label = at > 0 ? text.slice(0, at).trim() : "";
  return shortLabel(label) ? { label, value: text.slice(at + 1).trim() } : { label: text.trim(), value: "" };
}

/** A paragraph's lines, split at soft line endings and hard breaks. */
export function paragraphLines(p: Paragraph): PhrasingContent[][] {
  const lines: PhrasingContent[][] = [[]];
  for (const node of p.children) {
    if (node.type === "break") lines.push([]);
    else if (node.type === "text" && node.value.includes("\n")) {
      node.value.split("\n").forEach((part, i) => {
        if (i > 0) lines.push([]);
        if (part) lines[lines.length - 1].push({ type: "text", value: part });
      });
    } else lines[lines.length - 1].push(node);
  }
  return lines.filter((line) => inlineText(line).trim() !== "");
}

/** "**Severity**: Critical" or "**Symptoms:**"; plain "Severity: Critical" only for known labels. */
export function lineLabel(line: PhrasingContent[]): Label | null {
  const [first, ...rest] = line;
  if (first?.type === "strong") {
    const lead = inlineText(first.children).trim();
    const tail = inlineText(rest);
    if (lead.endsWith(":") && shortLabel(lead.slice(0, -1).trim())) return { label: lead.slice(0, -1).trim(), value: tail.trim() };
    if (/^\s*:/.test(tail) && shortLabel(lead)) return { label: lead, value: tail.replace(/^\s*:/, "").trim() };
    return null;
  }
  const plain = splitLabel(inlineText(line));
  return plain.value && metaKind(plain.label) ? plain : null;
}

export function headingText(h: Heading): string {
  return inlineText(h.children).trim();
}

/** A heading that is a field of the runbook around it rather than a part of its own. */
export function headingMeta(h: Heading): (Label & { kind: MetaKind }) | null {
  const parts = splitLabel(headingText(h).replace(/^[^\p{L}\p{N}]+/u, ""));
  const kind = metaKind(parts.label);
  return kind ? { ...parts, kind } : null;
}

/** True when a paragraph carries a runbook marker: Alert, Severity, Symptoms, Trigger or MTTR. */
export function hasMetaLabel(p: Paragraph): boolean {
  return paragraphLines(p).some((line) => {
    const l = lineLabel(line);
    return l !== null && metaKind(l.label) !== null;
  });
}

const UNIT_MINUTES: [RegExp, number][] = [
  [/^(s|secs?|seconds?)$/i, 1 / 60],
  [/^(m|mins?|minutes?)$/i, 1],
  [/^(h|hrs?|hours?)$/i, 60],
  [/^(d|days?)$/i, 1440],
  [/^(w|wks?|weeks?)$/i, 10080],
];

export function minutesOf(amount: string, unit: string | undefined): number | null {
  const n = Number(amount);
  if (!Number.isFinite(n)) return null;
  if (!unit) return n;
  const hit = UNIT_MINUTES.find(([re]) => re.test(unit));
  return hit ? Math.round(n * hit[1] * 100) / 100 : null;
}

/** "Immediate Actions (0-2 minutes)", "(2–5 min)", "(1-24 hours)" → minute bounds. */
export function timeBox(title: string): { fromMin: number; toMin: number } | null {
  const m = /\(\s*(\d+(?:\.\d+)?)\s*([a-z]+)?\s*(?:-|–|—|to)\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*\)/i.exec(title);
  if (!m) return null;
  const toMin = minutesOf(m[3], m[4]);
  const fromMin = minutesOf(m[1], m[2] ?? m[4]);
  return fromMin === null || toMin === null || fromMin > toMin ? null : { fromMin, toMin };
}

/** "2 minutes", "1.5 hours", "30m" → minutes. */
export function durationMinutes(text: string): number | null {
  const m = /(\d+(?:\.\d+)?)\s*([a-z]+)?/i.exec(text);
  return m ? minutesOf(m[1], m[2]) : null;
}

const NUMBERED_COMMENT = /^\s*#+\s*\d+[.)]\s/;

/**
 * Numbered steps: an ordered list of two or more, or of one that holds a command, or a script
 * whose comments count "# 1.", "# 2.".
 */
export function isNumberedSteps(node: RootContent): boolean {
  if (node.type === "list") return node.ordered === true && (node.children.length >= 2 || holdsCode(node));
  if (node.type === "code") return numberedComments(node) >= 2;
  return false;
}

function holdsCode(node: Nodes): boolean {
  let found = false;
  walk(node, (n) => {
    found ||= n.type === "code" || n.type === "inlineCode";
  });
  return found;
}

const numberedComments = (code: Code) => code.value.split(/\r?\n|\r/).filter((l) => NUMBERED_COMMENT.test(l)).length;
