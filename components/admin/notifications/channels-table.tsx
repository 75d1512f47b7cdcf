import { Badge, Card } from "@/components/ui/card";
import { EVENT_LABEL, type NotificationEvent } from "@/lib/notifications/payload";
import type { ChannelRow } from "@/lib/notifications/queries";
import { KIND_LABEL } from "@/lib/notifications/schemas";
import { AddChannelButton, ChannelActions } from "./channel-actions";

export function ChannelsTable({ channels }: { channels: ChannelRow[] }) {
  return (
    <Card className="overflow-x-auto">
      <div className="flex items-center justify-between gap-4 border-b border-border px-4 py-3">
        <h2 className="text-base font-semibold">Channels</h2>
        <AddChannelButton />
      </div>
      {channels.length === 0 ? (
        <p className="px-4 py-6 text-sm text-muted">
          No channels yet. Add one here, or list them under <code className="font-mono">notifications:</code> in the catalog file.
        </p>
      ) : (
        <table className="w-full text-sm" aria-label="Notification channels">
          <thead className="border-b border-border text-left text-xs uppercase tracking-wide text-muted">
            <tr>
              <th className="px-4 py-3 font-medium">Channel</th>
              <th className="px-4 py-3 font-medium">Sends to</th>
              <th className="px-4 py-3 font-medium">Events</th>
              <th className="px-4 py-3 font-medium">Severity</th>
              <th className="px-4 py-3 font-medium">Status</th>
              <th className="px-4 py-3 font-medium"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {channels.map((c) => (
              <tr key={c.key} data-testid={`channel-row-${c.name}`} className="border-b border-border align-top last:border-0">
                <td className="px-4 py-3">
                  <p className="font-medium">{c.name}</p>
                  <p className="text-xs text-muted">{KIND_LABEL[c.kind]}{c.kind === "webhook" ? (c.signed ? " · signed" : " · unsigned") : ""}</p>
                  <p className="text-xs text-muted">{c.source}</p>
                </td>
                <td className="max-w-64 break-all px-4 py-3 font-mono text-xs">{c.target}</td>
                <td className="px-4 py-3 text-xs">{c.events.map((e) => EVENT_LABEL[e as NotificationEvent] ?? e).join(", ")}</td>
                <td className="px-4 py-3 text-xs">{c.minSeverity === "P4" ? "all" : c.minSeverity === "P1" ? "P1 only" : `P1–${c.minSeverity}`}</td>
                <td className="px-4 py-3">{c.enabled ? <Badge tone="ok">Enabled</Badge> : <Badge>Disabled</Badge>}</td>
                <td className="px-4 py-3">
                  <ChannelActions channelKey={c.key} enabled={c.enabled}
                    channel={c.id ? { id: c.id, name: c.name, kind: c.kind, target: c.target, signed: c.signed, events: c.events, minSeverity: c.minSeverity, enabled: c.enabled } : null} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
