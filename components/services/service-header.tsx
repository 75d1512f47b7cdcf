import Link from "next/link";
import { ChevronLeft } from "lucide-react";
import type { HealthStatus, ServiceSummary } from "@/lib/services/types";
import { DeclareFromService } from "@/components/services/declare-from-service";
import { StatusBadge } from "@/components/services/status-badge";
import { Time } from "@/components/timeline/time";
import { cn } from "@/lib/cn";
import { isFailing } from "@/lib/services/health-strip";

const REASON_TONE: Record<HealthStatus, string> = {
  down: "border-red-600 bg-red-600/10",
  impacted: "border-danger/60 bg-danger/5",
  degraded: "border-warning/60 bg-warning/10",
  unknown: "border-border bg-surface-2",
  up: "border-ok/40 bg-ok/5",
};

/**
 * Name, status in words and colour, why, and since when: readable from across the room. A
 * failing service no open incident covers offers Declare incident to responders.
 */
export function ServiceHeader({ service: s, canDeclare = false }: { service: ServiceSummary; canDeclare?: boolean }) {
  const failing = isFailing(s.status);
  return (
    <header className="mb-6 flex flex-col gap-3" data-testid="service-header" data-status={s.status}>
      <Link href="/services" className="inline-flex w-fit items-center gap-1 text-sm text-muted hover:text-fg">
        <ChevronLeft className="size-4" aria-hidden />
        All services
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-3xl font-bold tracking-tight">{s.name}</h1>
        <StatusBadge status={s.status} size="lg" />
        {s.name !== s.slug ? <code className="font-mono text-sm text-muted">{s.slug}</code> : null}
        {failing && canDeclare && !s.openIncidents.length ? <DeclareFromService service={s} className="ml-auto" /> : null}
      </div>
      <div className={cn("flex flex-wrap items-baseline gap-x-4 gap-y-1 rounded-md border-l-4 px-3 py-2", REASON_TONE[s.status])}>
        <p className="text-lg font-medium" data-testid="service-reason">
          {s.unmonitored ? "No health check configured" : s.status === "up" ? "Every check passes" : (s.reason ?? "No reason recorded")}
        </p>
        {s.since ? (
          <p className="text-sm text-muted">
            {s.status === "up" ? "Up" : "In this state"} since <Time at={s.since} showUtc />
          </p>
        ) : null}
      </div>
    </header>
  );
}
