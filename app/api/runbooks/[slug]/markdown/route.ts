import { exportRunbook } from "@/lib/runbooks/export";
import { getRunbook, getRunbookVersionText } from "@/lib/runbooks/queries";
import { jsonError, NO_STORE, userRoute } from "@/lib/route-handler";

// The runbook's Markdown as a download (?version=N for an older one). Any signed-in user.
export const dynamic = "force-dynamic";

export const GET = userRoute("viewer", async (request, { params }: { params: Promise<{ slug: string }> }) => {
  const slug = decodeURIComponent((await params).slug);
  const asked = Number(new URL(request.url).searchParams.get("version"));
  const rb = await getRunbook(slug);
  const text = rb && (Number.isInteger(asked) && asked > 0 ? await getRunbookVersionText(slug, asked) : exportRunbook({ markdown: rb.markdown }));
  if (!rb || text === null) return jsonError(404, "That runbook or version does not exist.");
  const file = `${rb.slug}${asked ? `-v${asked}` : ""}.md`.replace(/[^\w.-]/g, "_");
  return new Response(text, { headers: { ...NO_STORE, "content-type": "text/markdown; charset=utf-8", "content-disposition": `attachment; filename="${file}"` } });
});
