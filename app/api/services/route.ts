import { getHealthStrip } from "@/lib/services/health-strip-query";
import { listServices, listServicesBySlug } from "@/lib/services/queries";
import { NO_STORE, userRoute } from "@/lib/route-handler";

// Live service summaries for react-query (components/services/). Any signed-in user.
// ?slugs=a,b keeps only those services, in that order (an incident's affected services).
// ?failing=1 answers the war room's health strip instead: only the services that are failing.
export const dynamic = "force-dynamic";

export const GET = userRoute("viewer", async (request) => {
  const params = new URL(request.url).searchParams;
  if (params.get("failing") === "1") return Response.json(await getHealthStrip(), { headers: NO_STORE });
  const param = params.get("slugs");
  const slugs = param === null ? null : [...new Set(param.split(",").map((s) => s.trim()).filter(Boolean))].slice(0, 200);
  const services = slugs ? await listServicesBySlug(slugs) : (await listServices()).services;
  return Response.json({ services }, { headers: NO_STORE });
});
