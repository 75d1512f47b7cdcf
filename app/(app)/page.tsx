import type { Metadata } from "next";
import { WarRoom } from "@/components/war-room/war-room";
import { hasRole } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { parseSelected } from "@/lib/live/selection";
import { getRenderSeq } from "@/lib/live/queries";
import { getWarRoom } from "@/lib/live/war-room";

export const metadata: Metadata = { title: "War room" };

export default async function WarRoomPage({ searchParams }: { searchParams: Promise<{ incident?: string | string[] }> }) {
  const user = await requirePageUser();
  const selected = parseSelected((await searchParams).incident);
  const since = await getRenderSeq();
  const initial = await getWarRoom(selected);
  return <WarRoom initial={initial} since={since} initialSelected={selected} canAct={hasRole(user.role, "responder")} />;
}
