"use client";
import { useState } from "react";
import { MarkdownBody } from "@/components/timeline/markdown";
import { inputClass } from "@/components/ui/field";
import { cn } from "@/lib/cn";

type Props = React.TextareaHTMLAttributes<HTMLTextAreaElement> & { id: string; value: string; onValueChange: (v: string) => void };

/** A Markdown textarea with a Write / Preview toggle. */
export function MarkdownField({ id, value, onValueChange, className, rows = 4, ...props }: Props) {
  const [preview, setPreview] = useState(false);
  return (
    <div className="flex flex-col gap-1">
      <div className="flex gap-1 text-xs" role="group" aria-label="Editor mode">
        {(["Write", "Preview"] as const).map((mode) => (
          <button
            key={mode}
            type="button"
            aria-pressed={preview === (mode === "Preview")}
            onClick={() => setPreview(mode === "Preview")}
            className="rounded px-2 py-1 font-medium text-muted aria-pressed:bg-surface-2 aria-pressed:text-fg"
          >
            {mode}
          </button>
        ))}
        <span className="ml-auto self-center text-muted">Markdown</span>
      </div>
      {preview ? (
        <div className="min-h-24 rounded-md border border-border bg-surface px-3 py-2" data-testid="markdown-preview">
          {value.trim() ? <MarkdownBody source={value} /> : <p className="text-sm text-muted">Nothing to preview.</p>}
        </div>
      ) : (
        <textarea
          id={id}
          rows={rows}
          value={value}
          onChange={(e) => onValueChange(e.target.value)}
          className={cn(inputClass, "h-auto py-2 font-mono text-[13px] leading-relaxed", className)}
          {...props}
        />
      )}
    </div>
  );
}
