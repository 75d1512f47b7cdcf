import type { RunView } from "@/lib/runbooks/run-queries";

/** "4 of 9 steps · 1 failed", with a bar: readable from across the room. */
export function RunProgress({ run, compact }: { run: Pick<RunView, "progress">; compact?: boolean }) {
  const { marked, total, failed } = run.progress;
  const pct = total ? Math.round((marked / total) * 100) : 0;
  return (
    <div className="flex items-center gap-3" data-testid="run-progress">
      <div className={`h-2 flex-1 overflow-hidden rounded bg-surface-2 ${compact ? "max-w-32" : ""}`} role="progressbar" aria-valuemin={0} aria-valuemax={total} aria-valuenow={marked} aria-label="Steps marked">
        <div className={`h-full ${failed ? "bg-warning" : "bg-ok"}`} style={{ width: `${pct}%` }} />
      </div>
      <span className="text-sm whitespace-nowrap tabular-nums">
        {marked} of {total} steps{failed ? <span className="text-danger"> · {failed} failed</span> : null}
      </span>
    </div>
  );
}
