// Commands inside steps: which code spans are commands, the comments of a script, the
// placeholders a responder fills in, and a script's commands one logical line at a time.
import type { Code, InlineCode } from "mdast";
import type { ParsedCommand } from "./types";

const SCRIPT_FILE = /^(?:\.{1,2}\/|~\/|\/)?[\w.@/-]+\.(?:sh|bash|zsh|py|rb|pl|js|mjs|ts|ps1)$/;
const EXECUTABLE = /^(?:\.{1,2}\/|~\/|\/)?[a-z0-9_][\w.@/-]*$/;

/**
 * Code spans also name metrics, files and log messages; a span counts as a command when it
 * reads like one: a lower-case program followed by arguments, or a script path on its own.
 */
export function looksLikeCommand(code: string): boolean {
  const t = code.trim();
  if (!t || t.length > 1000 || /[\r\n]/.test(t)) return false;
  if (t.startsWith("./") || SCRIPT_FILE.test(t)) return true;
  const [program, ...args] = t.split(/\s+/);
  return args.length > 0 && EXECUTABLE.test(program) && /[a-z]/.test(program);
}

export function inlineCommand(node: InlineCode): ParsedCommand {
  return { lang: null, code: node.value, hints: [], inline: true };
}

/** Languages whose "#" is not a comment, and whose blocks are read rather than run. */
export const PROSE_LANGS = new Set(["markdown", "md", "mdx", "text", "txt", "plain", "plaintext"]);

export function fencedCommand(node: Code): ParsedCommand {
  const lang = node.lang ?? null;
  return { lang, code: node.value, hints: lang && PROSE_LANGS.has(lang.toLowerCase()) ? [] : shellComments(node.value), inline: false };
}

/** "# Check status" lines and "cmd  # why" tails, outside quotes; "#!" and "#tag" are not comments. */
export function shellComments(code: string): string[] {
  const hints: string[] = [];
  for (const line of code.split(/\r?\n|\r/)) {
    const trimmed = line.trim();
    if (trimmed.startsWith("#!")) continue;
    const comment = trimmed.startsWith("#") ? trimmed : trailingComment(line);
    const hint = comment?.replace(/^#+\s*/, "").trim();
    if (hint) hints.push(hint);
  }
  return hints;
}

function trailingComment(line: string): string | null {
  let quote: string | null = null;
  for (let i = 1; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "#" && /\s/.test(line[i - 1]) && (i + 1 === line.length || /\s/.test(line[i + 1]))) return line.slice(i);
  }
  return null;
}

// Variables every shell has: not something the responder is asked for.
const AMBIENT = new Set(["HOME", "PATH", "USER", "PWD", "SHELL", "HOSTNAME", "RANDOM", "LANG", "TERM", "TMPDIR", "OLDPWD", "UID"]);

/** $NAMESPACE, ${VAR} and <STREAM_NAME> used by a command, minus variables the script sets itself. */
export function placeholdersIn(command: ParsedCommand): string[] {
  const code = command.code;
  const assigned = new Set([...code.matchAll(/(?:^|[\s;&|(])(?:export\s+|local\s+|readonly\s+)?([A-Z_][A-Z0-9_]*)=/gm)].map((m) => m[1]));
  for (const m of code.matchAll(/\bfor\s+([A-Z_][A-Z0-9_]*)\s+in\b/g)) assigned.add(m[1]);
  const found: string[] = [];
  for (const m of code.matchAll(/\$\{([A-Z_][A-Z0-9_]*)\}|\$([A-Z_][A-Z0-9_]*)|<([A-Z][A-Z0-9_]*)>/g)) {
    const name = m[1] ?? m[2] ?? m[3];
    if (m[3] === undefined && (assigned.has(name) || AMBIENT.has(name))) continue;
    found.push(m[0]);
  }
  return found;
}

/**
 * A script's commands as single lines: comments and blank lines dropped, backslash
 * continuations joined, so `curl -X POST … \` + `-H …` is one command.
 */
export function logicalLines(code: string): string[] {
  const out: string[] = [];
  let pending = "";
  for (const raw of code.split(/\r?\n|\r/)) {
    const line = raw.trim();
    if (!pending && (line === "" || line.startsWith("#"))) continue;
    if (line.endsWith("\\")) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    out.push((pending + line).trim());
    pending = "";
  }
  if (pending.trim()) out.push(pending.trim());
  return out.filter(Boolean);
}
