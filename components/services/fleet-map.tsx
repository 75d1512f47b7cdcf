"use client";
import { useState } from "react";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import type { HealthStatus, MapNode, ServiceMap } from "@/lib/services/types";
import { layoutFleet, NODE_H, NODE_W } from "@/components/services/fleet-layout";
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

function FleetNode({ s }: { s: MapNode }) {
  const look = STATUS_LOOK[s.status];
  const deps = s.dependsOn.length ? `depends on ${s.dependsOn.join(", ")}` : "depends on nothing";
  return (
    <Link
      href={`/services/${s.slug}`}
      aria-label={`${s.name}: ${look.label}; ${deps}`}
      title={s.status !== "up" && s.reason ? `${s.name} · ${look.label}: ${s.reason}` : `${s.name} · ${look.label}`}
      data-testid="fleet-node"
      data-slug={s.slug}
      data-status={s.status}
      className={cn("flex size-full items-center gap-2 rounded-lg border-2 px-2.5 hover:brightness-110", look.className, s.status === "up" && "bg-surface")}
    >
      <StatusIcon status={s.status} className="size-5 shrink-0" />
      <span className="min-w-0 leading-tight">
        <span className={cn("block truncate text-sm font-semibold", s.status === "up" && "text-fg")}>{s.name}</span>
        <span className="block text-xs font-medium">{look.label}</span>
      </span>
    </Link>
  );
}

/** Who depends on whom, laid out in layers, each service in its status colour. */
function Layers({ layout }: { layout: ReturnType<typeof layoutFleet<MapNode>> }) {
  const { nodes, edges, width, height } = layout;
  return (
    <div className="relative" style={{ width, height }}>
      <svg width={width} height={height} className="absolute inset-0 overflow-visible" aria-hidden>
        <defs>
          {MARKERS.map((st) => (
            <marker key={st} id={`arrow-${st}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" fill={EDGE[st].stroke} />
            </marker>
          ))}
        </defs>
        {edges.map((e) => {
          const mid = (e.x1 + e.x2) / 2;
          const look = EDGE[e.status];
          return (
            <path
              key={`${e.from}->${e.to}`}
              d={`M${e.x1},${e.y1} C${mid},${e.y1} ${mid},${e.y2} ${e.x2 - 2},${e.y2}`}
              fill="none"
              stroke={look.stroke}
              strokeWidth={look.width}
              strokeDasharray={look.dash}
              markerEnd={`url(#arrow-${e.status})`}
            />
          );
        })}
      </svg>
      <ul>
        {nodes.map((n) => (
          <li key={n.slug} className="absolute" style={{ left: n.x, top: n.y, width: NODE_W, height: NODE_H }}>
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
        <ul className="flex flex-wrap gap-3">
          {data.map((s) => (
            <li key={s.slug} style={{ width: NODE_W, height: NODE_H }}>
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
