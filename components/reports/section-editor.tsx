"use client";
import { AlertTriangle, Check, CloudOff, Loader2, Pencil } from "lucide-react";
import { MarkdownField } from "@/components/timeline/markdown-field";
import { MarkdownBody } from "@/components/timeline/markdown";
import { Button } from "@/components/ui/button";
import { useSectionAutosave, type SaveState, type ServerSection } from "@/components/reports/use-autosave";
import { utcTime } from "@/lib/reports/prefill";

export type EditableSection = ServerSection & { key: string; title: string; guidance: string; type: string };

function SaveStatus({ state }: { state: SaveState }) {
  const base = "inline-flex items-center gap-1 text-xs font-medium";
  switch (state.kind) {
    case "saved":
      return (
        <span className={`${base} text-ok`} data-save="saved">
          <Check className="size-3.5" aria-hidden />
          {state.at ? `Saved ${utcTime(new Date(state.at))} UTC${state.by && state.by !== "prefilled" ? ` by ${state.by}` : ""}` : "Saved"}
        </span>
      );
    case "dirty":
      return <span className={`${base} text-muted`} data-save="dirty"><Pencil className="size-3.5" aria-hidden />Unsaved changes</span>;
    case "saving":
      return <span className={`${base} text-muted`} data-save="saving"><Loader2 className="size-3.5 animate-spin" aria-hidden />Saving…</span>;
    case "conflict":
      return <span className={`${base} text-warning`} data-save="conflict"><AlertTriangle className="size-3.5" aria-hidden />Conflict</span>;
    case "error":
      return <span className={`${base} text-danger`} data-save="error"><CloudOff className="size-3.5" aria-hidden />Not saved</span>;
  }
}

/** One section of a report being written: Markdown with a preview, saved as you type. */
export function SectionEditor({ reportId, section, extra }: { reportId: string; section: EditableSection; extra?: React.ReactNode }) {
  const s = useSectionAutosave(reportId, section, section);
  const id = `section-${section.key}`;
  return (
    <section className="flex flex-col gap-2" data-testid="report-section" data-section={section.key}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-lg font-semibold">
          <label htmlFor={id}>{section.title}</label>
        </h2>
        <span aria-live="polite" data-testid="save-status">
          <SaveStatus state={s.state} />
        </span>
      </div>
      {section.guidance ? <p className="text-sm text-muted">{section.guidance}</p> : null}
      {extra}
      <MarkdownField id={id} value={s.text} onValueChange={s.change} rows={Math.min(16, Math.max(4, s.text.split("\n").length + 1))} />
      {s.state.kind === "conflict" ? (
        <div role="alert" data-testid="conflict" className="flex flex-col gap-2 rounded-md border-2 border-warning bg-warning/15 p-3 text-sm">
          <p className="font-medium">{s.state.message}</p>
          <details>
            <summary className="cursor-pointer text-muted">Their version</summary>
            <div className="mt-2 rounded border border-border bg-surface p-2"><MarkdownBody source={s.theirs.content} /></div>
          </details>
          <div className="flex flex-wrap gap-2">
            <Button size="sm" variant="secondary" onClick={s.takeTheirs} disabled={!s.theirsReady}>Load their version</Button>
            <Button size="sm" variant="secondary" onClick={s.keepMine} disabled={!s.theirsReady}>Keep mine (replace theirs)</Button>
          </div>
        </div>
      ) : null}
      {s.state.kind === "error" ? (
        <div role="alert" className="flex flex-wrap items-center gap-2 rounded-md border border-danger/50 bg-danger/10 p-2 text-sm">
          <span className="flex-1">{s.state.message}</span>
          <Button size="sm" variant="secondary" onClick={s.saveNow}>Save now</Button>
        </div>
      ) : null}
    </section>
  );
}
