import type { ServiceDetail } from "@/lib/services/types";
import { StatusBadge } from "@/components/services/status-badge";
import { Time } from "@/components/timeline/time";

/** Recent status changes, newest first. */
export function StatusHistory({ history }: { history: ServiceDetail["history"] }) {
  if (!history.length) return <p className="text-sm text-muted">No status changes recorded yet.</p>;
  return (
    <ol className="flex max-h-96 flex-col divide-y divide-border overflow-y-auto pr-2" data-testid="status-history" tabIndex={0} aria-label="Status changes, newest first">
      {history.map((h, i) => (
        <li key={`${h.at}-${i}`} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm">
          <StatusBadge status={h.status} testId="history-status" />
          <Time at={h.at} className="text-muted" />
          {h.reason ? <span className="w-full text-muted">{h.reason}</span> : null}
        </li>
      ))}
    </ol>
  );
}
