import { requireUser } from "@/lib/auth/session";
import { ExpectedError } from "@/lib/errors";
import { getService } from "@/lib/services/queries";

// One service's detail (health, sub-checks, history, panel definitions) for live refetches.
export const dynamic = "force-dynamic";

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404 };
const headers = { "cache-control": "no-store" };

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    await requireUser("viewer");
    const { slug } = await params;
    const service = await getService(slug);
    if (!service) return Response.json({ error: `No service "${slug}" in the catalog.` }, { status: 404, headers });
    return Response.json(service, { headers });
  } catch (error) {
    if (error instanceof ExpectedError) return Response.json({ error: error.message }, { status: STATUS[error.code] ?? 400, headers });
    throw error;
  }
}
