// Builders for Alertmanager notifications, shared by the tests, the fuzzer and the benchmark.
import { createHash, randomUUID } from "node:crypto";

export type AmAlertInput = { alertname: string; status?: "firing" | "resolved"; labels?: Record<string, string>; annotations?: Record<string, string>; startsAt?: string; endsAt?: string };

export const fingerprintOf = (labels: Record<string, string>) =>
  createHash("sha256").update(JSON.stringify(Object.entries(labels).sort())).digest("hex").slice(0, 16);

/** A version-4 notification as Alertmanager sends it. */
export function amNotification(groupKey: string, alerts: AmAlertInput[], receiver = "sitrep") {
  const built = alerts.map((a) => {
    const labels = { alertname: a.alertname, ...a.labels };
    const status = a.status ?? "firing";
    return {
      status, labels, annotations: a.annotations ?? {},
      startsAt: a.startsAt ?? "2026-12-02T01:00:00.000Z",
      endsAt: status === "resolved" ? (a.endsAt ?? new Date().toISOString()) : "0001-01-01T00:00:00Z",
      generatorURL: "http://prometheus.local/graph?g0.expr=up", fingerprint: fingerprintOf(labels),
    };
  });
  return {
    version: "4", groupKey, truncatedAlerts: 0,
    status: built.some((a) => a.status === "firing") ? "firing" : "resolved",
    receiver, groupLabels: { alertname: alerts[0]?.alertname ?? "" }, commonLabels: {}, commonAnnotations: {},
    externalURL: "http://alertmanager.local:9093", alerts: built,
  };
}

export const uniqueGroupKey = (name = "test") => `{}/{sitrep="test"}:{alertname="${name}", run="${randomUUID().slice(0, 8)}"}`;
