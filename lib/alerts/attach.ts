// One outage, one incident: which open incident a new alert group joins instead of declaring its
// own (SITREP_ALERT_ATTACH). Pure: the catalog is read before the ingest transaction opens, the
// open incidents inside it; this only decides.
import type { Severity } from "@/lib/incidents/rules";
import type { AlertSource, IncomingAlert } from "@/lib/alerts/normalize";

export type AttachMode = "dependencies" | "service" | "off";

export type AttachCatalog = {
  mode: AttachMode;
  /** every catalog service's slug */
  services: Set<string>;
  /** slug → the services it depends on (the catalog's dependsOn) */
  dependsOn: Map<string, string[]>;
  /** `service/alertname` of the catalog rules with `attach: false` */
  ruleOptOut: Set<string>;
};

export type Candidate = { id: string; number: number; severity: Severity; startedAt: Date; services: string[] };

export type JoinTarget = { incident: Candidate; service: string; why: string; sameService: boolean };

/** The catalog services an alert names, in the order ingest has always read them. */
export const servicesOf = (a: Pick<IncomingAlert, "labels">, services: Set<string>) =>
  [a.labels.service, a.labels.job, a.labels.app].filter((s): s is string => Boolean(s) && services.has(s!));

export const touchedServices = (alerts: Pick<IncomingAlert, "labels">[], services: Set<string>) =>
  [...new Set(alerts.flatMap((a) => servicesOf(a, services)))];

/** An alert labelled sitrep_attach="false", or raised by a catalog rule with `attach: false`, opens its own incident. */
export function optsOut(alerts: Pick<IncomingAlert, "labels" | "alertname">[], source: AlertSource, ruleOptOut: Set<string>): boolean {
  return alerts.some((a) =>
    a.labels.sitrep_attach?.trim().toLowerCase() === "false" || (source === "rule" && ruleOptOut.has(`${a.labels.service}/${a.alertname}`)));
}

/** Services directly related to `slug` by dependsOn, either way: what it depends on, and what depends on it. */
function neighbours(slug: string, catalog: AttachCatalog): { slug: string; dependsOnIt: boolean }[] {
  const out = (catalog.dependsOn.get(slug) ?? []).map((d) => ({ slug: d, dependsOnIt: false }));
  for (const [other, deps] of catalog.dependsOn) if (deps.includes(slug)) out.push({ slug: other, dependsOnIt: true });
  return out;
}

/**
 * Every service whose open incident the group could join: its own, and in `dependencies` mode
 * their direct neighbours. Sorted: ingest takes an advisory lock on each, in this order, so two
 * groups of one outage arriving at once queue up and the second joins the first's incident.
 */
export function neighbourhood(touched: string[], catalog: AttachCatalog): string[] {
  if (catalog.mode === "off") return [];
  const all = new Set(touched);
  if (catalog.mode === "dependencies") for (const s of touched) for (const n of neighbours(s, catalog)) all.add(n.slug);
  return [...all].sort();
}

const RANK: Record<Severity, number> = { P1: 1, P2: 2, P3: 3, P4: 4 };

/**
 * The open incident to join, or null. When several qualify the choice is deterministic: an
 * incident already affecting one of the group's own services first (the same failure), then the
 * most severe (where people already are), then the oldest, then the lowest number.
 */
export function chooseTarget(alertnames: string[], touched: string[], candidates: Candidate[], catalog: AttachCatalog): JoinTarget | null {
  if (catalog.mode === "off" || !touched.length) return null;
  const names = [...new Set(alertnames)];
  const what = names.length > 2 ? `${names.slice(0, 2).join(", ")} and ${names.length - 2} more` : names.join(" and ");
  const options: JoinTarget[] = [];
  for (const incident of candidates) {
    const same = touched.find((s) => incident.services.includes(s));
    if (same) {
      options.push({ incident, service: same, sameService: true, why: `${what} joined: ${same}, already affected by this incident` });
      continue;
    }
    if (catalog.mode !== "dependencies") continue;
    for (const s of touched) {
      const n = neighbours(s, catalog).find((x) => incident.services.includes(x.slug));
      if (!n) continue;
      const why = n.dependsOnIt ? `${what} joined: ${s}, which ${n.slug} depends on` : `${what} joined: ${s}, which depends on ${n.slug}`;
      options.push({ incident, service: s, sameService: false, why });
      break;
    }
  }
  options.sort((a, b) =>
    Number(b.sameService) - Number(a.sameService) ||
    RANK[a.incident.severity] - RANK[b.incident.severity] ||
    a.incident.startedAt.getTime() - b.incident.startedAt.getTime() ||
    a.incident.number - b.incident.number);
  return options[0] ?? null;
}
