// Warnings written into a step ("DANGER: Data loss", "(Optional/DANGER)", "⚠️ destructive")
// mark it dangerous, so the guided runbook asks before anyone runs it.

// "Warning" alone is also a severity ("Severity: Warning"): only WARNING, CAUTION in capitals
// or followed by a colon count; "danger", "destructive" and "data loss" count in any case.
const ANY_CASE = /⚠\uFE0F?|\bdanger\b|\b(?:warning|caution)\s*:|\bdestructive\b|\bdata[- ]loss\b|\birreversible\b|\bcannot be undone\b/i;
const CAPITALS = /\bWARNING\b|\bCAUTION\b/;
const QUIET = /^(?:destructive|data[- ]loss|irreversible|cannot be undone)$/i;

function firstToken(text: string): RegExpExecArray | null {
  const a = ANY_CASE.exec(text);
  const b = CAPITALS.exec(text);
  if (!a || !b) return a ?? b;
  return a.index <= b.index ? a : b;
}

/** "(Optional/DANGER)" → "Optional/DANGER": the brackets around the warning, if any. */
function bracketsAround(text: string, at: number): string | null {
  const open = text.lastIndexOf("(", at);
  const close = text.indexOf(")", at);
  if (open < 0 || close < 0) return null;
  const inside = text.slice(open + 1, close);
  return inside.includes("(") || inside.includes(")") || inside.includes("\n") ? null : inside;
}

/** The warning phrase of a step's text or of its commands' comments, or null. */
export function dangerIn(texts: string[]): string | null {
  for (const text of texts) {
    const m = firstToken(text);
    if (!m) continue;
    const bracketed = bracketsAround(text, m.index);
    if (bracketed) return clip(bracketed);
    if (QUIET.test(m[0])) return clip(m[0]);
    const rest = text.slice(m.index);
    return clip(rest.split(/(?<=[.!?])\s|\n/)[0]);
  }
  return null;
}

const clip = (s: string) => {
  const t = s.trim().replace(/[\s:]+$/, "");
  return t.length > 160 ? `${t.slice(0, 157)}…` : t;
};
