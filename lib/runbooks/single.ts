// An edited runbook is one entry, whatever headings its new text has: the parser may split the
// text into sections, and they are merged back into the runbook being edited.
import { parseRunbookDocument } from "@/lib/runbooks/parse";
import type { ParsedRunbook } from "@/lib/runbooks/parse/types";

const LEVELS = ["P1", "P2", "P3", "P4"] as const;
const uniq = <T,>(xs: T[]) => [...new Set(xs)];

export function parseSingleRunbook(markdown: string, key: string, file = `${key}.md`): ParsedRunbook {
  const parts = parseRunbookDocument(markdown, file).runbooks;
  const main = parts.find((p) => p.kind === "scenario") ?? parts[0];
  const severities = parts.map((p) => p.severity).filter((s) => s !== null);
  const worst = severities.filter((s) => s.level).sort((a, b) => LEVELS.indexOf(a.level!) - LEVELS.indexOf(b.level!))[0] ?? severities[0] ?? null;
  return {
    key,
    kind: parts.some((p) => p.kind === "scenario") ? "scenario" : "shared",
    title: main?.title || key,
    alerts: uniq(parts.flatMap((p) => p.alerts)),
    symptoms: uniq(parts.flatMap((p) => p.symptoms)),
    severity: worst,
    mttrMinutes: parts.find((p) => p.mttrMinutes !== null)?.mttrMinutes ?? null,
    tags: uniq(parts.flatMap((p) => p.tags)),
    phases: parts.flatMap((p) => p.phases),
    placeholders: uniq(parts.flatMap((p) => p.placeholders)),
    markdown,
    line: 1,
  };
}
