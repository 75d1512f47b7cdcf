import { requireUser } from "@/lib/auth/session";
import { ExpectedError } from "@/lib/errors";
import { parseSelected } from "@/lib/live/selection";
import { getWarRoom } from "@/lib/live/war-room";

// The war room's data for react-query's live refetches (components/war-room/). Any active user.
export const dynamic = "force-dynamic";

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403 };

export async function GET(request: Request) {
  try {
    await requireUser("viewer");
    const data = await getWarRoom(parseSelected(new URL(request.url).searchParams.get("incident")));
    return Response.json(data, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof ExpectedError) {
      return Response.json({ error: error.message }, { status: STATUS[error.code] ?? 400, headers: { "cache-control": "no-store" } });
    }
    throw error;
  }
}
