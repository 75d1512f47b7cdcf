// A layered layout for the fleet map: entry points on the left, foundations on the right, each
// service one column left of the deepest thing it needs. Pure: positions in pixels.
import type { HealthStatus } from "@/lib/services/types";
import { STATUS_RANK } from "@/components/services/format";

export const NODE_W = 216;
export const NODE_H = 48;
const COL_GAP = 72;
const ROW_GAP = 12;

type In = { slug: string; name: string; status: HealthStatus; dependsOn: string[] };
export type PlacedNode<T extends In> = T & { x: number; y: number };
export type Edge = { from: string; to: string; x1: number; y1: number; x2: number; y2: number; status: HealthStatus };

/** Services with no dependency in either direction are left out of the layers: `standalone`. */
export function layoutFleet<T extends In>(all: T[]) {
  const known = new Set(all.map((s) => s.slug));
  const linked = new Set(all.flatMap((s) => {
    const deps = s.dependsOn.filter((d) => known.has(d));
    return deps.length ? [s.slug, ...deps] : [];
  }));
  const services = all.filter((s) => linked.has(s.slug));
  const standalone = all.filter((s) => !linked.has(s.slug));
  const bySlug = new Map(services.map((s) => [s.slug, s]));
  const depth = new Map<string, number>();
  // Depth = longest chain of dependencies below; a cycle stops counting where it closes.
  const depthOf = (slug: string, seen: Set<string>): number => {
    const known = depth.get(slug);
    if (known !== undefined) return known;
    if (seen.has(slug)) return 0;
    seen.add(slug);
    const deps = (bySlug.get(slug)?.dependsOn ?? []).filter((d) => bySlug.has(d));
    const d = deps.length ? 1 + Math.max(...deps.map((x) => depthOf(x, seen))) : 0;
    seen.delete(slug);
    depth.set(slug, d);
    return d;
  };
  services.forEach((s) => depthOf(s.slug, new Set()));
  const maxDepth = Math.max(0, ...depth.values());

  // Column 0 = the deepest dependents. Foundations first, then each column ordered by where its
  // dependencies sit, so lines cross as little as a simple heuristic allows.
  const columns: T[][] = Array.from({ length: maxDepth + 1 }, () => []);
  for (const s of services) columns[maxDepth - depth.get(s.slug)!].push(s);
  const row = new Map<string, number>();
  for (let c = columns.length - 1; c >= 0; c--) {
    const score = (s: T) => {
      const placed = s.dependsOn.map((d) => row.get(d)).filter((r): r is number => r !== undefined);
      return placed.length ? placed.reduce((a, b) => a + b, 0) / placed.length : Number.POSITIVE_INFINITY;
    };
    columns[c].sort((a, b) => score(a) - score(b) || STATUS_RANK[a.status] - STATUS_RANK[b.status] || a.name.localeCompare(b.name));
    columns[c].forEach((s, i) => row.set(s.slug, i));
  }

  const rows = Math.max(0, ...columns.map((c) => c.length));
  const height = rows ? rows * NODE_H + (rows - 1) * ROW_GAP : 0;
  const width = services.length ? columns.length * NODE_W + (columns.length - 1) * COL_GAP : 0;
  const nodes: PlacedNode<T>[] = columns.flatMap((col, c) => {
    const top = (height - (col.length * NODE_H + (col.length - 1) * ROW_GAP)) / 2;
    return col.map((s, i) => ({ ...s, x: c * (NODE_W + COL_GAP), y: top + i * (NODE_H + ROW_GAP) }));
  });
  const at = new Map(nodes.map((n) => [n.slug, n]));
  const edges: Edge[] = nodes.flatMap((n) =>
    n.dependsOn.flatMap((d) => {
      const to = at.get(d);
      return to ? [{ from: n.slug, to: d, x1: n.x + NODE_W, y1: n.y + NODE_H / 2, x2: to.x, y2: to.y + NODE_H / 2, status: to.status }] : [];
    }),
  );
  return { nodes, edges, width, height, standalone };
}
