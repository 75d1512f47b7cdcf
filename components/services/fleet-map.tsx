"use client";
import { useState } from "react";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import type { HealthStatus, MapNode, ServiceMap } from "@/lib/services/types";
// Nodes are w-54 × h-12: NODE_W × NODE_H (216 × 48 px) of fleet-layout.ts.
import { layoutFleet } from "@/components/services/fleet-layout";
import { serviceKeys } from "@/components/services/keys";
import { STATUS_LOOK, StatusIcon } from "@/components/services/status-badge";
import { getJson } from "@/components/services/use-services";
import { Card } from "@/components/ui/card";
import { cn } from "@/lib/cn";

// A line into a failing dependency takes its colour: the eye follows red to the cause.
const EDGE: Record<HealthStatus, { stroke: string; width: number; dash?: string }> = {
  down: { stroke: "var(--danger)", width: 2.5 },
  impacted: { stroke: "var(--danger)", width: 1.5, dash: "5 4" },
  degraded: { stroke: "var(--warning)", width: 2 },
  unknown: { stroke: "var(--muted)", width: 1.25, dash: "2 4" },
  up: { stroke: "var(--muted)", width: 1.25 },
};
const MARKERS = Object.keys(EDGE) as HealthStatus[];

/**
 * Node styling lives once on the list, not on each of hundreds of nodes: a node is an <a> with
 * its status colours, the sprite icon, the name (<b>) and the status word (<small>).
 */
const NODE_LIST = cn(
  "[&_a]:grid [&_a]:size-full [&_a]:grid-cols-[1.25rem_minmax(0,1fr)] [&_a]:content-center [&_a]:gap-x-2 [&_a]:rounded-lg [&_a]:border-2 [&_a]:px-2.5 [&_a]:leading-tight",
  "[&_a:hover]:brightness-110 [&_svg]:row-span-2 [&_svg]:size-5 [&_b]:truncate [&_b]:text-sm [&_small]:text-xs [&_small]:font-medium",
  "[&>li]:h-12 [&>li]:w-54",
);
const UP_NODE = "bg-surface [&_b]:text-fg";

function FleetNode({ s }: { s: MapNode }) {
  const look = STATUS_LOOK[s.status];
  const deps = s.dependsOn.length ? `depends on ${s.dependsOn.join(", ")}` : "depends on nothing";
  return (
    <Link
      href={`/services/${s.slug}`}
      prefetch={false}
      aria-label={`${s.name}: ${look.label}; ${deps}`}
      title={s.status !== "up" && s.reason ? `${s.name} · ${look.label}: ${s.reason}` : undefined}
      data-testid="fleet-node"
      data-slug={s.slug}
      data-status={s.status}
      className={cn(look.className, s.status === "up" && UP_NODE)}
    >
      <StatusIcon status={s.status} />
      <b>{s.name}</b>
      <small>{look.label}</small>
    </Link>
  );
}

type Layout = ReturnType<typeof layoutFleet<MapNode>>;

/** The lines, grouped by the status they point at: stroke and arrow set once per group. */
function Edges({ edges }: { edges: Layout["edges"] }) {
  return MARKERS.map((st) => {
    const mine = edges.filter((e) => e.status === st);
    if (!mine.length) return null;
    const look = EDGE[st];
    return (
      <g key={st} fill="none" stroke={look.stroke} strokeWidth={look.width} strokeDasharray={look.dash} markerEnd={`url(#arrow-${st})`}>
        {mine.map((e) => {
          const mid = Math.round((e.x1 + e.x2) / 2);
          return <path key={`${e.from}->${e.to}`} d={`M${e.x1},${Math.round(e.y1)}C${mid},${Math.round(e.y1)} ${mid},${Math.round(e.y2)} ${e.x2 - 2},${Math.round(e.y2)}`} />;
        })}
      </g>
    );
  });
}

/** Who depends on whom, laid out in layers, each service in its status colour. */
function Layers({ layout }: { layout: Layout }) {
  const { nodes, edges, width, height } = layout;
  return (
    <div className="relative" style={{ width, height }}>
      <svg width={width} height={height} className="absolute inset-0 overflow-visible" aria-hidden>
        <defs>
          {MARKERS.map((st) => (
            <marker key={st} id={`arrow-${st}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" fill={EDGE[st].stroke} strokeDasharray="none" />
            </marker>
          ))}
        </defs>
        <Edges edges={edges} />
      </svg>
      <ul className={cn(NODE_LIST, "[&>li]:absolute")}>
        {nodes.map((n) => (
          <li key={n.slug} style={{ left: n.x, top: Math.round(n.y) }}>
            <FleetNode s={n} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Services that depend on nothing and that nothing depends on: shown only when asked for. */
function Standalone({ map, hasLayers }: { map: ServiceMap; hasLayers: boolean }) {
  const { standalone: count, standaloneFailing: failing, standaloneNodes: few } = map;
  const [open, setOpen] = useState(few !== null);
  const query = useQuery({
    queryKey: serviceKeys.standalone(),
    queryFn: async ({ signal }) => (await getJson<{ nodes: MapNode[] }>("/api/services?standalone=1", signal)).nodes,
    enabled: open && few === null,
    staleTime: 30_000,
  });
  const data = few ?? query.data;
  const { isPending, error } = few ? { isPending: false, error: null } : query;
  const label = `${count.toLocaleString("en-US")} standalone service${count === 1 ? "" : "s"}${failing ? ` · ${failing} failing` : ""}`;
  return (
    <div data-testid="fleet-standalone" data-count={count}>
      <div className="mb-2 flex items-center gap-3">
        {hasLayers || !open ? <h3 className="text-xs font-semibold tracking-wider text-muted uppercase">No declared dependencies</h3> : null}
        <button
          type="button"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
          data-testid="standalone-toggle"
          className={cn("rounded-full border px-3 py-0.5 text-sm font-semibold hover:bg-surface-2", failing ? "border-danger/60 text-danger" : "border-border")}
        >
          {open ? `Hide ${label}` : label}
        </button>
      </div>
      {open && error ? <p className="text-sm text-danger">Could not load them: {error.message}</p> : null}
      {open && isPending ? <p className="text-sm text-muted">Loading…</p> : null}
      {open && data ? (
        <ul className={cn(NODE_LIST, "flex flex-wrap gap-3")}>
          {data.map((s) => (
            <li key={s.slug}>
              <FleetNode s={s} />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * Who depends on whom, in layers: only the connected part of the fleet is drawn; services with
 * no dependency either way collapse into a count that expands on demand.
 */
export function FleetMap({ initial }: { initial: ServiceMap }) {
  const { data = initial } = useQuery({
    queryKey: serviceKeys.map(),
    queryFn: ({ signal }) => getJson<ServiceMap>("/api/services?map=1", signal),
    initialData: initial,
    // Kept current by the list's deltas (useServiceDeltas); refetched whole only on a reset.
    staleTime: Number.POSITIVE_INFINITY,
  });
  const layout = layoutFleet(data.nodes);
  return (
    <section aria-labelledby="fleet-map-heading" className="mb-8">
      <div className="mb-3 flex flex-wrap items-baseline gap-x-3">
        <h2 id="fleet-map-heading" className="text-lg font-semibold">Dependency map</h2>
        <p className="text-sm text-muted">Arrows point from a service to what it depends on; foundations are on the right.</p>
      </div>
      <Card className="flex max-h-[40rem] flex-col gap-4 overflow-auto p-4" data-testid="fleet-map">
        {layout.nodes.length ? <Layers layout={layout} /> : null}
        {data.standalone ? <Standalone map={data} hasLayers={layout.nodes.length > 0} /> : null}
      </Card>
    </section>
  );
}
