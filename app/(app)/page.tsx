import type { Metadata } from "next";
import { WarRoom } from "@/components/war-room/war-room";
import { hasRole } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { parseSelected } from "@/lib/live/selection";
import { getRenderSeq } from "@/lib/live/queries";
import { getWarRoom } from "@/lib/live/war-room";
import { getHealthStrip } from "@/lib/services/health-strip-query";

export const metadata: Metadata = { title: "War room" };

export default async function WarRoomPage({ searchParams }: { searchParams: Promise<{ incident?: string | string[] }> }) {
  const user = await requirePageUser();
  const selected = parseSelected((await searchParams).incident);
  const since = await getRenderSeq();
  const [initial, strip] = await Promise.all([getWarRoom(selected), getHealthStrip()]);
  return <WarRoom initial={initial} strip={strip} since={since} initialSelected={selected} canAct={hasRole(user.role, "responder")} />;
}
