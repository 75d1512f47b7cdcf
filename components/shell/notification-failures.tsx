import Link from "next/link";
import { BellOff } from "lucide-react";
import { countRecentFailures } from "@/lib/notifications/queries";

/**
 * For admins, on every page: notifications that gave up in the last day. A Slack channel that
 * silently stopped hearing about incidents is found here, not during the next P1.
 */
export async function NotificationFailures() {
  const failed = await countRecentFailures();
  if (!failed) return null;
  return (
    <div role="status" data-testid="notification-failures" className="mb-4 flex items-center gap-2 rounded-md border border-danger/40 bg-danger/10 px-4 py-2 text-sm">
      <BellOff className="size-4 shrink-0 text-danger" aria-hidden />
      <span>
        {failed === 1 ? "1 notification" : `${failed} notifications`} could not be delivered in the last 24 hours.{" "}
        <Link href="/admin/notifications?failed=1" className="font-medium text-accent hover:underline">Review deliveries</Link>
      </span>
    </div>
  );
}
