"use client";
import { AlertTriangle } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { clearDraft, useDrafts } from "@/components/reports/draft-stash";
import { utcTime } from "@/lib/reports/prefill";

/**
 * On a read-only report: text this browser typed that never reached the server (the report was
 * published meanwhile, say). Shown until copied and discarded: it is the writer's, not lost.
 */
export function UnsavedDrafts({ reportId }: { reportId: string }) {
  const drafts = useDrafts(reportId);
  if (!drafts.length) return null;
  return (
    <div role="alert" data-testid="unsaved-drafts" className="flex flex-col gap-3 rounded-md border-2 border-warning bg-warning/15 p-3 text-sm print:hidden">
      {drafts.map(([key, d]) => (
        <div key={key} className="flex flex-col gap-2">
          <p className="flex items-start gap-2 font-medium">
            <AlertTriangle className="mt-0.5 size-4 shrink-0 text-warning" aria-hidden />
            Your text for “{d.title}” from {utcTime(new Date(d.at))} UTC was not saved: the report is read-only now. Copy it, then start a new revision to add it.
          </p>
          <pre className="max-h-48 overflow-auto whitespace-pre-wrap rounded border border-border bg-surface p-2 font-mono text-xs">{d.text}</pre>
          <div className="flex gap-2">
            <Button size="sm" variant="secondary" onClick={() => void navigator.clipboard?.writeText(d.text).then(() => toast.success("Copied."), () => toast.error("Copy failed: select the text and copy it by hand."))}>
              Copy
            </Button>
            <Button size="sm" variant="ghost" onClick={() => clearDraft(reportId, key)}>Discard</Button>
          </div>
        </div>
      ))}
    </div>
  );
}
