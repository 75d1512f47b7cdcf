// What the services' data layer hands to pages, components and the JSON routes. Plain data
// (ISO strings, numbers), so it crosses the server/client boundary unchanged.

/** A service's own check result. */
export type CheckStatus = "up" | "degraded" | "down" | "unknown";
/** What the user sees: a failing service whose dependency is down shows "impacted", not "down". */
export type HealthStatus = CheckStatus | "impacted";

export const PANEL_RANGES = ["15m", "1h", "6h", "24h"] as const;
export type PanelRange = (typeof PANEL_RANGES)[number];

export type SubCheck = {
  /** e.g. "Circuit breaker · payments" */
  label: string;
  /** the JSON path read, e.g. services[2].circuit_breaker_stats.state */
  path: string;
  /** the value as text ("closed", "open", "half-open", "42", "true") */
  value: string;
  /** true healthy, false unhealthy, null not judged (no `ok` values declared) */
  ok: boolean | null;
  severity: "degraded" | "down";
};

export type OpenIncidentRef = { number: number; title: string; severity: "P1" | "P2" | "P3" | "P4"; status: string };

export type ServiceSummary = {
  slug: string;
  name: string;
  team: string | null;
  owner: string | null;
  tier: number | null;
  description: string;
  status: HealthStatus;
  /** the service's own check, before dependencies are considered */
  checkStatus: CheckStatus;
  /** why: "timeout after 5 s", "HTTP 503", "depends on nats, which is down" */
  reason: string | null;
  /** ISO time the current status began */
  since: string | null;
  /** ISO time of the last check */
  checkedAt: string | null;
  latencyMs: number | null;
  /** fraction 0..1 of checks that were not down; null when there were no checks */
  uptime24h: number | null;
  uptime7d: number | null;
  dependsOn: string[];
  /** services that depend on this one */
  dependents: string[];
  openIncidents: OpenIncidentRef[];
  /** true when the service has no health check configured */
  unmonitored: boolean;
};

export type ServiceLink = { title: string; url: string };
export type EscalationContact = { name: string; contact: string; when?: string };

export type ServiceDetail = ServiceSummary & {
  links: ServiceLink[];
  escalation: EscalationContact[];
  healthUrl: string | null;
  subChecks: SubCheck[];
  /** recent status changes, newest first */
  history: { at: string; status: CheckStatus; reason: string | null }[];
  panels: PanelInfo[];
  /** declared recovery actions (run by the actions feature) */
  actions: { name: string; title: string; description: string; danger: "safe" | "caution" | "destructive"; approval: boolean }[];
};

export type PanelThresholds = { warn?: number; crit?: number; direction: "above" | "below" };

/** A panel's definition, without data. `index` addresses it in the panel data route. */
export type PanelInfo = {
  index: number;
  title: string;
  unit: string | null;
  key: boolean;
  thresholds: PanelThresholds | null;
  source: "direct" | "prometheus";
  /** the PromQL behind each line: the panel's own queries, or the equivalent of a direct panel */
  promql: string[];
};

export type PanelSeries = { label: string; points: { t: number; v: number | null }[] };

export type PanelData = PanelInfo & {
  range: PanelRange;
  /** epoch ms */
  start: number;
  end: number;
  stepMs: number;
  series: PanelSeries[];
  /** "Prometheus at http://…: timeout after 5 s", "no samples yet" */
  error: string | null;
};

/** How many services show each status, over the whole catalog. */
export type StatusCounts = Partial<Record<HealthStatus, number>>;

/** One page of the services list (worst first), with the audit seq it is current to. */
export type ServicePage = {
  rows: ServiceSummary[];
  /** catalog services in all */
  total: number;
  /** services matching the search and status filter */
  matched: number;
  page: number;
  pageCount: number;
  per: number;
  q: string;
  status: string;
  counts: StatusCounts;
  /** the status of every service the rows depend on (they may sit on other pages) */
  dependencyStatus: Record<string, HealthStatus>;
  /** audit seq: ask /api/services?since=<cursor> for what changed after it */
  cursor: string;
};

/** A dependency-map node: just enough to draw and link it. */
export type MapNode = { slug: string; name: string; status: HealthStatus; reason: string | null; tier: number | null; dependsOn: string[] };

/** The connected part of the fleet; services with no dependency either way are only counted. */
export type ServiceMap = {
  nodes: MapNode[];
  standalone: number;
  standaloneFailing: number;
  /** the standalone services themselves when they are few; null: fetch them on demand */
  standaloneNodes: MapNode[] | null;
};

/** What changed after a cursor: the services whose status (or incidents) changed, or "refetch all". */
export type ServiceDelta =
  | { reset: true; cursor: string; reason: string }
  | { reset: false; cursor: string; changed: ServiceSummary[]; counts: StatusCounts; total: number; standaloneFailing: number };
