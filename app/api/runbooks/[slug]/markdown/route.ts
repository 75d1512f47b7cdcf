import { requireUser } from "@/lib/auth/session";
import { ExpectedError } from "@/lib/errors";
import { exportRunbook } from "@/lib/runbooks/export";
import { getRunbook, getRunbookVersionText } from "@/lib/runbooks/queries";

// The runbook's Markdown as a download (?version=N for an older one). Any signed-in user.
export const dynamic = "force-dynamic";

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404 };
const headers = { "cache-control": "no-store" };

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    await requireUser("viewer");
    const slug = decodeURIComponent((await params).slug);
    const asked = Number(new URL(request.url).searchParams.get("version"));
    const rb = await getRunbook(slug);
    const text = rb && (Number.isInteger(asked) && asked > 0 ? await getRunbookVersionText(slug, asked) : exportRunbook({ markdown: rb.markdown }));
    if (!rb || text === null) return Response.json({ error: "That runbook or version does not exist." }, { status: 404, headers });
    const file = `${rb.slug}${asked ? `-v${asked}` : ""}.md`;
    return new Response(text, {
      headers: { ...headers, "content-type": "text/markdown; charset=utf-8", "content-disposition": `attachment; filename="${file.replace(/[^\w.-]/g, "_")}"` },
    });
  } catch (error) {
    if (error instanceof ExpectedError) return Response.json({ error: error.message }, { status: STATUS[error.code] ?? 400, headers });
    throw error;
  }
}
