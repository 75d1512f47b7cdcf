import { getActionRunView } from "@/lib/actions/run-view";
import { jsonError, NO_STORE, userRoute } from "@/lib/route-handler";

// One recovery action run with its output, polled while it runs. Any signed-in user.
export const dynamic = "force-dynamic";

export const GET = userRoute("viewer", async (_request, { params }: { params: Promise<{ id: string }> }, user) => {
  const run = await getActionRunView((await params).id, user.id);
  if (!run) return jsonError(404, "That action run does not exist.");
  return Response.json({ run }, { headers: NO_STORE });
});
