import { z } from "zod";
import { listServiceChanges } from "@/lib/services/changes";
import { getHealthStrip } from "@/lib/services/health-strip-query";
import { getServiceMap, listServicePage, listStandaloneNodes } from "@/lib/services/list-page";
import { listServices, listServicesBySlug } from "@/lib/services/queries";
import { servicePageQuerySchema } from "@/lib/services/service-filter";
import { jsonError, NO_STORE, userRoute } from "@/lib/route-handler";

// Live service data for react-query (components/services/). Any signed-in user.
// ?since=<seq>           what changed after that audit seq (the list's delta poll), or reset
// ?q=&status=&page=&per= one page of the list, worst first (any of them present)
// ?map=1                 the dependency map's connected part; ?standalone=1 the rest
// ?failing=1             the war room's health strip: only the services that are failing
// ?slugs=a,b             only those services, in that order (an incident's affected services)
// (none)                 every service's summary (the declare form's service picker)
export const dynamic = "force-dynamic";

const cursorSchema = z.string().regex(/^\d{1,19}$/, "since is an audit seq: digits only.");
const PAGE_KEYS = ["q", "status", "page", "per"];
const json = (body: unknown) => Response.json(body, { headers: NO_STORE });

function pageQuery(params: URLSearchParams) {
  const raw = Object.fromEntries(PAGE_KEYS.flatMap((k) => (params.has(k) ? [[k, params.get(k)]] : [])));
  return servicePageQuerySchema.safeParse(raw);
}

export const GET = userRoute("viewer", async (request) => {
  const params = new URL(request.url).searchParams;
  if (params.get("failing") === "1") return json(await getHealthStrip());
  if (params.has("since")) {
    const since = cursorSchema.safeParse(params.get("since"));
    if (!since.success) return jsonError(400, since.error.issues[0].message);
    return json(await listServiceChanges(BigInt(since.data)));
  }
  if (params.get("map") === "1") return json(await getServiceMap());
  if (params.get("standalone") === "1") return json({ nodes: await listStandaloneNodes() });
  if (PAGE_KEYS.some((k) => params.has(k))) {
    const query = pageQuery(params);
    if (!query.success) return jsonError(400, query.error.issues[0].message);
    return json(await listServicePage(query.data));
  }
  const param = params.get("slugs");
  const slugs = param === null ? null : [...new Set(param.split(",").map((s) => s.trim()).filter(Boolean))].slice(0, 200);
  const services = slugs ? await listServicesBySlug(slugs) : (await listServices()).services;
  return json({ services });
});
