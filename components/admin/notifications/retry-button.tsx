"use client";
import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { retryNotificationAction } from "@/lib/notifications/actions";
import { Button } from "@/components/ui/button";
import { reportDelivery } from "./channel-actions";

export function RetryButton({ id }: { id: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <Button size="sm" variant="secondary" disabled={pending} aria-label={`Retry delivery ${id} now`}
      onClick={() => start(async () => {
        reportDelivery(await retryNotificationAction({ id }));
        router.refresh();
      })}>
      {pending ? "Retrying…" : "Retry now"}
    </Button>
  );
}
