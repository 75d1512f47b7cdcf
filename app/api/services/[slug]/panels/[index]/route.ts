import { z } from "zod";
import { getPanelData, getService } from "@/lib/services/queries";
import { panelRangeSchema } from "@/lib/services/schemas";
import { jsonError as fail, NO_STORE, userRoute } from "@/lib/route-handler";

// One metric panel's data over ?range= (15m, 1h, 6h, 24h; default 1h). Any signed-in user.
export const dynamic = "force-dynamic";

const indexSchema = z.string().regex(/^\d{1,4}$/, "the panel index must be a whole number, 0 or more").transform(Number);

export const GET = userRoute("viewer", async (request, { params }: { params: Promise<{ slug: string; index: string }> }) => {
  const { slug, index: rawIndex } = await params;
  const index = indexSchema.safeParse(rawIndex);
  if (!index.success) return fail(400, `Bad panel index "${rawIndex}": ${index.error.issues[0].message}.`);
  const rawRange = new URL(request.url).searchParams.get("range");
  const range = panelRangeSchema.safeParse(rawRange ?? "1h");
  if (!range.success) return fail(400, `Bad range "${rawRange}": ${range.error.issues[0].message}.`);
  const data = await getPanelData(slug, index.data, range.data);
  if (data) return Response.json(data, { headers: NO_STORE });
  const service = await getService(slug);
  if (!service) return fail(404, `No service "${slug}" in the catalog.`);
  const n = service.panels.length;
  return fail(404, `Service "${slug}" has no panel ${index.data}: ${n ? `its panels are numbered 0 to ${n - 1}` : "it declares no panels"}.`);
});
