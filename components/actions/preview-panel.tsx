"use client";
import { KeyRound, TriangleAlert } from "lucide-react";
import type { ActionPreview } from "@/lib/actions/preview";

/** Exactly what will be sent or run, as the server resolved it, with secrets masked. */
export function PreviewPanel({ shown, loading }: { shown: ActionPreview | null; loading: boolean }) {
  if (!shown) return <p className="text-sm text-muted" data-testid="action-preview">{loading ? "Resolving the request…" : "Fix the parameters to see the request."}</p>;
  const { preview } = shown;
  return (
    <div className="flex flex-col gap-2" data-testid="action-preview" aria-busy={loading}>
      <p className="text-xs font-semibold tracking-wider text-muted uppercase">What will happen</p>
      <code className="block rounded-md bg-surface-2 px-3 py-2 font-mono text-sm break-all" data-testid="preview-summary">{preview.summary}</code>
      <pre className="max-h-48 overflow-auto rounded-md border border-border px-3 py-2 font-mono text-xs" data-testid="preview-detail">{JSON.stringify(preview.detail, null, 2)}</pre>
      {preview.secrets.length ? (
        <p className="flex items-center gap-1.5 text-xs text-muted"><KeyRound className="size-3.5" aria-hidden />Secrets (masked, resolved only when it runs): {preview.secrets.join(", ")}</p>
      ) : null}
      {preview.missingSecrets.length || preview.error ? (
        <p className="flex items-center gap-1.5 text-sm font-medium text-danger" role="status">
          <TriangleAlert className="size-4" aria-hidden />
          {preview.error ?? `Not set on this Sitrep instance: ${preview.missingSecrets.join(", ")}. Running it would fail.`}
        </p>
      ) : null}
      <p className="text-xs text-muted">
        Timeout {Math.round(shown.timeoutMs / 1000)} s{shown.verify ? ` · then checks: ${shown.verify}` : " · no verification declared"}
        {shown.rollback ? ` · rollback: ${shown.rollback}` : ""}
      </p>
    </div>
  );
}
