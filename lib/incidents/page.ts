import "server-only";
import { notFound } from "next/navigation";
import { getIncidentByRef } from "@/lib/incidents/queries";
import { getRenderSeq } from "@/lib/live/queries";

/**
 * The incident a page's URL names, or the 404 page. The live seq is read first, so the page's
 * LiveRefresh (since={await getRenderSeq()}) replays any change made while it renders.
 */
export async function loadIncidentForPage(ref: string) {
  await getRenderSeq();
  const incident = await getIncidentByRef(ref);
  if (!incident) notFound();
  return incident;
}
