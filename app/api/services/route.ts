import { requireUser } from "@/lib/auth/session";
import { ExpectedError } from "@/lib/errors";
import { listServices, listServicesBySlug } from "@/lib/services/queries";

// Live service summaries for react-query (components/services/). Any signed-in user.
// ?slugs=a,b keeps only those services, in that order (an incident's affected services).
export const dynamic = "force-dynamic";

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404 };
const headers = { "cache-control": "no-store" };

export async function GET(request: Request) {
  try {
    await requireUser("viewer");
    const param = new URL(request.url).searchParams.get("slugs");
    const slugs = param === null ? null : [...new Set(param.split(",").map((s) => s.trim()).filter(Boolean))].slice(0, 200);
    const services = slugs ? await listServicesBySlug(slugs) : (await listServices()).services;
    return Response.json({ services }, { headers });
  } catch (error) {
    if (error instanceof ExpectedError) return Response.json({ error: error.message }, { status: STATUS[error.code] ?? 400, headers });
    throw error;
  }
}
