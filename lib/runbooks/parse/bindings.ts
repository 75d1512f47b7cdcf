// Suggests which steps a catalog action can perform: a step whose command matches one of the
// action's declared command patterns ("flyctl restart --app beacon-runner*") could get a button.
import { logicalLines } from "./commands";
import type { ParsedDocument } from "./types";

export type CatalogAction = { service: string; action: string; title: string; commands: string[] };
export type BindingSuggestion = { runbookKey: string; phaseIndex: number; stepIndex: number; service: string; action: string; command: string };

const squash = (line: string) => line.replace(/\s+/g, " ").trim();

/** Glob match of one line: `*` is any run of characters, whitespace runs are equal. */
function lineMatches(pattern: string, line: string): boolean {
  let p = 0;
  let s = 0;
  let star = -1;
  let resume = 0;
  while (s < line.length) {
    if (p < pattern.length && pattern[p] === "*") {
      star = p++;
      resume = s;
    } else if (p < pattern.length && pattern[p] === line[s]) {
      p++;
      s++;
    } else if (star >= 0) {
      p = star + 1;
      s = ++resume;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === "*") p++;
  return p === pattern.length;
}

/**
 * Whether a command matches a pattern. `*` never crosses a line break, so a pattern of n lines
 * matches n consecutive command lines; comments, blank lines and `\` continuations are not lines.
 */
export function commandMatches(pattern: string, command: string): boolean {
  const want = logicalLines(pattern).map(squash);
  const have = logicalLines(command).map(squash);
  if (want.length === 0) return false;
  for (let i = 0; i + want.length <= have.length; i++) {
    if (want.every((w, j) => lineMatches(w, have[i + j]))) return true;
  }
  return false;
}

/** The command lines of `command` that a single-line pattern matches, for showing what matched. */
function matchedText(pattern: string, command: string): string {
  const want = logicalLines(pattern).map(squash);
  if (want.length !== 1) return command.trim();
  return logicalLines(command).map(squash).find((line) => lineMatches(want[0], line)) ?? command.trim();
}

/** One suggestion per step and action; steps already bound by a sitrep-action block are skipped. */
export function suggestBindings(doc: ParsedDocument, actions: CatalogAction[]): BindingSuggestion[] {
  const out: BindingSuggestion[] = [];
  for (const runbook of doc.runbooks) {
    runbook.phases.forEach((phase, phaseIndex) =>
      phase.steps.forEach((step, stepIndex) => {
        if (step.binding) return;
        for (const a of actions) {
          const hit = step.commands.flatMap((c) => a.commands.filter((p) => commandMatches(p, c.code)).map((p) => matchedText(p, c.code)))[0];
          if (hit !== undefined) out.push({ runbookKey: runbook.key, phaseIndex, stepIndex, service: a.service, action: a.action, command: hit });
        }
      }),
    );
  }
  return out;
}
