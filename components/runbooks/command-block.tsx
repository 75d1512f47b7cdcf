"use client";
import { CopyButton } from "@/components/ui/copy-button";
import { fillPlaceholders } from "@/lib/runbooks/placeholders";
import type { ParsedCommand } from "@/lib/runbooks/parse/types";

/** A command as the responder will run it: placeholders filled, hints kept, one click to copy. */
export function CommandBlock({ command, vars = {}, label }: { command: ParsedCommand; vars?: Record<string, string>; label: string }) {
  const code = fillPlaceholders(command.code, vars);
  return (
    <div className="flex items-start gap-1.5" data-testid="command">
      <pre className="min-w-0 flex-1 overflow-x-auto rounded bg-surface-2 px-2.5 py-1.5 font-mono text-xs leading-relaxed text-fg">
        {command.lang && !command.inline ? <span className="float-right ml-2 text-[10px] text-muted uppercase select-none">{command.lang}</span> : null}
        <code className="select-all">{code}</code>
      </pre>
      <CopyButton text={code} label={`Copy command: ${label}`} what="command" />
    </div>
  );
}
