import type { Metadata } from "next";
import { Placeholder } from "@/components/shell/placeholder";
import { requirePageUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "War room" };

export default async function WarRoomPage() {
  await requirePageUser();
  return (
    <Placeholder
      title="War room"
      description="Every open incident, live, for the big screen."
      coming={["Open incidents grouped by severity, with acknowledgement and response-target clocks", "The selected incident's live timeline, service health and runbook in progress", "Quick actions: acknowledge, add a note, change status or severity"]}
    />
  );
}
