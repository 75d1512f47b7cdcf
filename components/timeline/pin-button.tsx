"use client";
import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { Pin, PinOff } from "lucide-react";
import { toast } from "sonner";
import { pinTimelineEventAction } from "@/lib/incidents/actions";
import { SpriteIcon } from "@/components/timeline/sprite";
import { useHydrated } from "@/components/timeline/use-now";

type Props = { eventId: string; pinned: boolean; onPinned?: (id: string, pinned: boolean) => void };

/** Pins or unpins one event; `onPinned` lets a feed that holds the event in its own state update it. */
export function PinButton({ eventId, pinned, onPinned }: Props) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const hydrated = useHydrated();
  const Icon = pinned ? PinOff : Pin;
  // A click before React runs does nothing: the page's HTML (one button per event) goes without.
  if (!hydrated) return null;
  return (
    <button
      type="button"
      aria-pressed={pinned}
      aria-label={pinned ? "Unpin event" : "Pin event"}
      disabled={pending}
      onClick={() =>
        start(async () => {
          const r = await pinTimelineEventAction({ eventId, pinned: !pinned });
          if (r.ok) {
            toast.success(r.message ?? "Saved.");
            onPinned?.(eventId, !pinned);
          } else toast.error(r.error);
          router.refresh();
        })
      }
      // .tl-pin (app/globals.css): one short class, drawn on every event of the timeline.
      className="tl-pin"
    >
      <SpriteIcon icon={Icon} />
    </button>
  );
}
