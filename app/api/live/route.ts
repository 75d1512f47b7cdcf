import { openLiveStream } from "@/lib/live/stream";
import { getLiveViewer } from "@/lib/live/viewer";

// Server-Sent Events: every incident change, live (see lib/live/). Any active user may listen.
export const dynamic = "force-dynamic";

const noStore = { "cache-control": "no-store" };

export async function GET(request: Request) {
  const viewer = await getLiveViewer();
  if (!viewer) return Response.json({ error: "Sign in to receive live updates." }, { status: 401, headers: noStore });
  const response = openLiveStream(request, viewer);
  if (response) return response;
  return Response.json(
    { error: "Too many live connections on this server; retry shortly." },
    { status: 503, headers: { ...noStore, "retry-after": "10" } },
  );
}
