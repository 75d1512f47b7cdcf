import { parseSelected } from "@/lib/live/selection";
import { getWarRoom } from "@/lib/live/war-room";
import { NO_STORE, userRoute } from "@/lib/route-handler";

// The war room's data for react-query's live refetches (components/war-room/). Any active user.
export const dynamic = "force-dynamic";

export const GET = userRoute("viewer", async (request) => {
  const data = await getWarRoom(parseSelected(new URL(request.url).searchParams.get("incident")));
  return Response.json(data, { headers: NO_STORE });
});
