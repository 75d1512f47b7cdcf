import { getService } from "@/lib/services/queries";
import { jsonError, NO_STORE, userRoute } from "@/lib/route-handler";

// One service's detail (health, sub-checks, history, panel definitions) for live refetches.
export const dynamic = "force-dynamic";

export const GET = userRoute("viewer", async (_request, { params }: { params: Promise<{ slug: string }> }) => {
  const { slug } = await params;
  const service = await getService(slug);
  if (!service) return jsonError(404, `No service "${slug}" in the catalog.`);
  return Response.json(service, { headers: NO_STORE });
});
