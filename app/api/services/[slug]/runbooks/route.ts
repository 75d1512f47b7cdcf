import { catalogRunbookSlugs } from "@/lib/runbooks/catalog-refs";
import { listServiceRunbooks } from "@/lib/runbooks/queries";
import { NO_STORE, userRoute } from "@/lib/route-handler";

// The runbooks for one service, best first: what the declare dialog offers when an incident is
// declared from a failing service. Any signed-in user (the library is readable by all).
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ slug: string }> };

export const GET = userRoute("viewer", async (_request, { params }: Context) => {
  const { slug } = await params;
  const runbooks = await listServiceRunbooks(slug, await catalogRunbookSlugs(slug));
  return Response.json({ runbooks }, { headers: NO_STORE });
});
