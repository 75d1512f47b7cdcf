import { getIncidentByRef } from "@/lib/incidents/queries";
import { listTimelinePage, listTimelineSince } from "@/lib/timeline/queries";
import { timelineQuerySchema } from "@/lib/timeline/schemas";
import { jsonError, NO_STORE, userRoute } from "@/lib/route-handler";

// The incident page's timeline beyond its first page: older pages as the reader scrolls
// (?before=<cursor>), and live additions (?after=<createdAt>). Any signed-in user, like the page.
export const dynamic = "force-dynamic";

export const GET = userRoute("viewer", async (request, { params }: { params: Promise<{ number: string }> }) => {
  const parsed = timelineQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return jsonError(400, parsed.error.issues.map((i) => i.message).join(" "));
  const incident = await getIncidentByRef((await params).number);
  if (!incident) return jsonError(404, "That incident does not exist.");
  const { view, before, after } = parsed.data;
  if (after) return Response.json({ events: await listTimelineSince(incident.id, view, after), older: null }, { headers: NO_STORE });
  return Response.json(await listTimelinePage(incident.id, view, before), { headers: NO_STORE });
});
