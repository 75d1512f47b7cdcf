// Liveness: the process answers. Public on purpose (load balancers and Kubernetes probes).
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
