import Link from "next/link";
import { Badge, Card } from "@/components/ui/card";
import { EVENT_LABEL, type NotificationEvent } from "@/lib/notifications/payload";
import type { DeliveryRow } from "@/lib/notifications/queries";
import { RetryButton } from "./retry-button";

const STATUS_TONE = { delivered: "ok", failed: "danger", pending: "warning", sending: "accent" } as const;
const STATUS_TEXT = { delivered: "Delivered", failed: "Failed", pending: "Retrying", sending: "Sending" } as const;
const utc = (d: Date | null) => (d ? `${d.toISOString().replace("T", " ").slice(0, 19)} UTC` : "—");

function Status({ row }: { row: DeliveryRow }) {
  const status = row.status as keyof typeof STATUS_TONE;
  // A pending row that was never tried is simply queued, not retrying.
  const text = status === "pending" && row.attempts === 0 ? "Queued" : (STATUS_TEXT[status] ?? row.status);
  return <Badge tone={STATUS_TONE[status] ?? "neutral"}>{text}</Badge>;
}

export function DeliveriesTable({ deliveries, failedOnly, failures }: { deliveries: DeliveryRow[]; failedOnly: boolean; failures: number }) {
  return (
    <Card className="overflow-x-auto">
      <div className="flex flex-wrap items-center justify-between gap-4 border-b border-border px-4 py-3">
        <div>
          <h2 className="text-base font-semibold">{failedOnly ? "Failed deliveries" : "Recent deliveries"}</h2>
          <p className="text-xs text-muted">
            Retried after 15 s, 1 min, 5 min, 15 min and 1 h; failed after the 6th attempt.
            {failures ? <span className="font-medium text-danger"> {failures} failed in the last 24 hours.</span> : null}
          </p>
        </div>
        <Link href={failedOnly ? "/admin/notifications" : "/admin/notifications?failed=1"} className="text-sm text-accent hover:underline">
          {failedOnly ? "Show all" : "Show failed only"}
        </Link>
      </div>
      {deliveries.length === 0 ? (
        <p className="px-4 py-6 text-sm text-muted">{failedOnly ? "No failed deliveries." : "Nothing sent yet."}</p>
      ) : (
        <table className="w-full text-sm" aria-label="Deliveries">
          <thead className="border-b border-border text-left text-xs uppercase tracking-wide text-muted">
            <tr>
              <th className="px-4 py-3 font-medium">Queued</th>
              <th className="px-4 py-3 font-medium">Channel</th>
              <th className="px-4 py-3 font-medium">Event</th>
              <th className="px-4 py-3 font-medium">Status</th>
              <th className="px-4 py-3 font-medium">Attempts</th>
              <th className="px-4 py-3 font-medium">Last answer</th>
              <th className="px-4 py-3 font-medium"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((d) => (
              <tr key={d.id} data-testid={`delivery-${d.id}`} data-status={d.status}
                className={d.status === "failed" ? "border-b border-border bg-danger/5 align-top last:border-0" : "border-b border-border align-top last:border-0"}>
                <td className="whitespace-nowrap px-4 py-3 text-xs text-muted">{utc(d.createdAt)}</td>
                <td className="px-4 py-3">{d.channelName}</td>
                <td className="px-4 py-3">
                  {EVENT_LABEL[d.event as NotificationEvent] ?? d.event}
                  {d.incident ? <Link href={`/incidents/${d.incident.number}`} className="ml-1 text-accent hover:underline">{d.incident.ref}</Link> : null}
                  {d.action ? <span className="block text-xs text-muted">{d.action}</span> : null}
                </td>
                <td className="px-4 py-3"><Status row={d} /></td>
                <td className="px-4 py-3 text-xs">
                  {d.attempts}
                  {d.status === "pending" && d.attempts > 0 ? <span className="block text-muted">next {utc(d.nextAttemptAt)}</span> : null}
                  {d.deliveredAt ? <span className="block text-muted">at {utc(d.deliveredAt)}</span> : null}
                </td>
                <td className="max-w-80 break-words px-4 py-3 text-xs" data-testid="delivery-error">
                  {d.lastError ? <span className={d.status === "failed" ? "text-danger" : "text-warning"}>{d.lastError}</span> : d.lastStatus ? `HTTP ${d.lastStatus}` : "—"}
                </td>
                <td className="px-4 py-3 text-right">
                  {d.status === "failed" || (d.status === "pending" && d.attempts > 0) ? <RetryButton id={d.id} /> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
