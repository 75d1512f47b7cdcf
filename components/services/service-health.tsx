import { CheckCircle2, CircleDashed, CircleDot, TriangleAlert, XCircle } from "lucide-react";
import type { ServiceDetail, SubCheck } from "@/lib/services/types";
import { formatLatency } from "@/components/services/format";
import { StatusBadge } from "@/components/services/status-badge";
import { Time } from "@/components/timeline/time";
import { cn } from "@/lib/cn";

// Circuit breaker states, whatever the service spells them: closed is healthy, open is broken,
// half-open is trying again.
const BREAKER: Record<string, { label: string; className: string; icon: typeof CheckCircle2 }> = {
  closed: { label: "Closed", className: "border-ok/50 bg-ok/10 text-ok", icon: CheckCircle2 },
  open: { label: "Open", className: "border-red-700 bg-red-600 text-white", icon: XCircle },
  halfopen: { label: "Half-open", className: "border-warning/60 bg-warning/15 text-warning", icon: CircleDot },
};
const breakerState = (value: string) => BREAKER[value.toLowerCase().replace(/[^a-z]/g, "")];

function ValueChip({ check }: { check: SubCheck }) {
  const b = breakerState(check.value);
  if (b) {
    return (
      <span className={cn("inline-flex items-center gap-1 rounded-md border px-2 py-0.5 text-sm font-semibold whitespace-nowrap", b.className)} data-testid="breaker-state" data-state={b.label.toLowerCase()}>
        <b.icon className="size-4" aria-hidden />
        {b.label}
      </span>
    );
  }
  return <code className={cn("rounded bg-surface-2 px-1.5 py-0.5 font-mono text-sm", check.value.length <= 24 ? "whitespace-nowrap" : "break-all")}>{check.value}</code>;
}

function Verdict({ check }: { check: SubCheck }) {
  if (check.ok === null) return <span className="inline-flex items-center gap-1 text-muted"><CircleDashed className="size-4" aria-hidden />Shown only</span>;
  if (check.ok) return <span className="inline-flex items-center gap-1 font-medium text-ok"><CheckCircle2 className="size-4" aria-hidden />OK</span>;
  const down = check.severity === "down";
  return (
    <span className={cn("inline-flex items-center gap-1 font-bold", down ? "text-danger" : "text-warning")}>
      {down ? <XCircle className="size-4" aria-hidden /> : <TriangleAlert className="size-4" aria-hidden />}
      Failing → {down ? "down" : "degraded"}
    </span>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0 max-w-full">
      <dt className="text-xs font-semibold tracking-wider text-muted uppercase">{label}</dt>
      <dd className="mt-0.5 break-words">{children}</dd>
    </div>
  );
}

/** The health check: where it points, when it last ran, and each declared field it reads. */
// Failing checks first (those that make the service down before those that degrade it).
const rank = (c: SubCheck) => (c.ok === false ? (c.severity === "down" ? 0 : 1) : 2);

export function ServiceHealth({ service: s }: { service: ServiceDetail }) {
  const failing = s.subChecks.filter((c) => c.ok === false).length;
  const checks = s.subChecks.map((c, i) => ({ c, i })).sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i).map((x) => x.c);
  return (
    <div className="flex flex-col gap-4" data-testid="service-health">
      <dl className="flex flex-wrap gap-x-10 gap-y-3">
        <Fact label="Health URL">
          {s.healthUrl ? <code className="font-mono text-sm break-all">{s.healthUrl}</code> : <span className="text-muted">No health check configured</span>}
        </Fact>
        <Fact label="Own check">
          <StatusBadge status={s.checkStatus} testId="own-check-status" />
          {s.checkStatus !== s.status ? <span className="ml-2 text-sm text-muted">(shown as {s.status})</span> : null}
        </Fact>
        <Fact label="Last check">{s.checkedAt ? <Time at={s.checkedAt} showUtc /> : <span className="text-muted">Not checked yet</span>}</Fact>
        <Fact label="Latency"><span className="tabular-nums">{formatLatency(s.latencyMs)}</span></Fact>
      </dl>
      {s.subChecks.length ? (
        <div className="overflow-x-auto rounded-md border border-border">
          <table className="w-full text-sm" data-testid="sub-checks">
            <caption className="px-3 py-2 text-left text-sm font-semibold">
              Sub-checks{" "}
              <span className={cn("font-normal", failing ? "text-danger" : "text-muted")}>
                ({failing ? `${failing} failing of ${s.subChecks.length}` : `all ${s.subChecks.length} passing or shown only`})
              </span>
            </caption>
            <thead className="border-y border-border bg-surface-2/50 text-left text-xs tracking-wide text-muted uppercase">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">Check</th>
                <th scope="col" className="px-3 py-2 font-medium">Value</th>
                <th scope="col" className="px-3 py-2 font-medium">Result</th>
                <th scope="col" className="px-3 py-2 font-medium">Field</th>
              </tr>
            </thead>
            <tbody>
              {checks.map((c) => (
                <tr key={c.path + c.label} data-testid="sub-check" data-ok={String(c.ok)} className={cn("border-b border-border last:border-0", c.ok === false && (c.severity === "down" ? "bg-danger/10" : "bg-warning/10"))}>
                  <th scope="row" className="px-3 py-2 text-left font-medium">{c.label}</th>
                  <td className="px-3 py-2"><ValueChip check={c} /></td>
                  <td className="px-3 py-2 whitespace-nowrap"><Verdict check={c} /></td>
                  <td className="px-3 py-2 font-mono text-xs break-all text-muted">{c.path}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="text-sm text-muted">{s.healthUrl ? "The catalog declares no fields to read from the health response: only the HTTP status is judged." : "Add a health check to the catalog to see sub-checks here."}</p>
      )}
    </div>
  );
}
