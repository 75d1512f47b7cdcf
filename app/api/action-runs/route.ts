import { listActionRunsSchema } from "@/lib/actions/schemas";
import { listActionRunViews } from "@/lib/actions/run-view";
import { jsonError, NO_STORE, userRoute } from "@/lib/route-handler";

// Recovery action runs of one incident (?incident=id) or one service (?service=slug), newest
// first, polled by the live panels. Any signed-in user; secrets are masked in stored output.
export const dynamic = "force-dynamic";

export const GET = userRoute("viewer", async (request, _ctx: unknown, user) => {
  const parsed = listActionRunsSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success || (!parsed.data.incident && !parsed.data.service)) return jsonError(400, "Ask for ?incident=<id> or ?service=<slug>.");
  const runs = await listActionRunViews({ incidentId: parsed.data.incident, service: parsed.data.service }, user.id);
  return Response.json({ runs }, { headers: NO_STORE });
});
