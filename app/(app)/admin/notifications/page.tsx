import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/card";
import { AdminTabs } from "@/components/admin/admin-tabs";
import { ChannelsTable } from "@/components/admin/notifications/channels-table";
import { DeliveriesTable } from "@/components/admin/notifications/deliveries-table";
import { requirePageUser } from "@/lib/auth/session";
import { publicOrigin } from "@/lib/notifications/origin";
import { countRecentFailures, listChannels, listDeliveries } from "@/lib/notifications/queries";

export const metadata: Metadata = { title: "Notifications" };

export default async function AdminNotificationsPage({ searchParams }: { searchParams: Promise<{ failed?: string }> }) {
  await requirePageUser("admin");
  const failedOnly = (await searchParams).failed === "1";
  const channels = await listChannels();
  const deliveries = await listDeliveries({ failedOnly });
  const failures = await countRecentFailures();
  const origin = publicOrigin();
  return (
    <>
      <PageHeader title="Notifications" description="Where Sitrep tells people that an incident was declared, changed severity or was resolved, and that an action awaits approval." />
      <AdminTabs current="notifications" />
      <div className="flex flex-col gap-6">
        {origin.configured ? null : (
          <p className="rounded-md border border-warning/40 bg-warning/10 px-4 py-2 text-sm" data-testid="public-url-hint">
            Links in notifications point at <code className="font-mono">{origin.origin}</code>. Set <code className="font-mono">SITREP_PUBLIC_URL</code> to the address people open Sitrep at.
          </p>
        )}
        <ChannelsTable channels={channels} />
        <DeliveriesTable deliveries={deliveries} failedOnly={failedOnly} failures={failures} />
      </div>
    </>
  );
}
