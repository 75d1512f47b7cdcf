"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { deleteNotificationChannelAction, sendTestNotificationAction, setNotificationChannelEnabledAction } from "@/lib/notifications/actions";
import type { ActionResult } from "@/lib/action-client";
import { Button } from "@/components/ui/button";
import { ChannelDialog, type EditableChannel } from "./channel-dialog";

/** A delivery that did not go through is news, not success: the toast says so in red. */
export function reportDelivery(result: ActionResult<{ id: string; status: string } | undefined>) {
  if (!result.ok) toast.error(result.error);
  else if (result.data && (result.data.status === "failed" || result.data.status === "pending")) toast.error(result.message ?? "It failed.");
  else toast.success(result.message ?? "Done.");
  return result.ok;
}

export function AddChannelButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="sm" onClick={() => setOpen(true)}>Add channel</Button>
      {open ? <ChannelDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}

/** Catalog channels can only be tested here (they change in the catalog file); admin-added ones can be edited too. */
export function ChannelActions({ channelKey, channel, enabled }: { channelKey: string; channel: (EditableChannel & { enabled: boolean }) | null; enabled: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [editing, setEditing] = useState(false);
  const label = channel?.name ?? channelKey.replace(/^catalog:/, "");
  const run = (fn: () => Promise<ActionResult<{ id: string; status: string } | undefined>>) =>
    start(async () => {
      reportDelivery(await fn());
      router.refresh();
    });

  return (
    <div className="flex items-center justify-end gap-2 whitespace-nowrap">
      <Button size="sm" variant="secondary" disabled={pending || !enabled} aria-label={`Send test to ${label}`}
        onClick={() => run(() => sendTestNotificationAction({ channelKey }))}>
        {pending ? "Sending…" : "Send test"}
      </Button>
      {channel ? (
        <>
          <Button size="sm" variant="secondary" disabled={pending} aria-label={`Edit ${label}`} onClick={() => setEditing(true)}>Edit</Button>
          <Button size="sm" variant="secondary" disabled={pending} aria-label={`${channel.enabled ? "Disable" : "Enable"} ${label}`}
            onClick={() => run(() => setNotificationChannelEnabledAction({ id: channel.id, enabled: !channel.enabled }))}>
            {channel.enabled ? "Disable" : "Enable"}
          </Button>
          <Button size="sm" variant="danger" disabled={pending} aria-label={`Delete ${label}`}
            onClick={() => {
              if (!window.confirm(`Delete the channel "${label}"? Notifications still queued for it will not be sent.`)) return;
              run(() => deleteNotificationChannelAction({ id: channel.id }));
            }}>
            Delete
          </Button>
          {editing ? <ChannelDialog channel={channel} onClose={() => setEditing(false)} /> : null}
        </>
      ) : null}
    </div>
  );
}
