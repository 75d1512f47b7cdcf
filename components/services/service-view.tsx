"use client";
import { GitFork, HeartPulse, History, Siren } from "lucide-react";
import type { ServiceDetail, ServiceSummary } from "@/lib/services/types";
import { DependencyMap } from "@/components/services/dependency-map";
import { IncidentLinks } from "@/components/services/incident-links";
import { Section } from "@/components/services/section";
import { ServiceHeader } from "@/components/services/service-header";
import { ServiceHealth } from "@/components/services/service-health";
import { StaleNote } from "@/components/services/stale-note";
import { StatusHistory } from "@/components/services/status-history";
import { useServiceDetail, useServiceList } from "@/components/services/use-services";

type Props = { initial: ServiceDetail; neighbours: ServiceSummary[]; about: React.ReactNode; canDeclare?: boolean };

/**
 * The live part of a service page: status, health, dependencies, incidents and history follow
 * every check (polled every 5 s, and at once on a status change). `about` is static, from the server.
 */
export function ServiceView({ initial, neighbours, about, canDeclare = false }: Props) {
  const { data: s = initial, error, dataUpdatedAt } = useServiceDetail(initial.slug, initial);
  const slugs = [...new Set([...s.dependsOn, ...s.dependents])];
  const { data: around = neighbours } = useServiceList({ slugs, initial: neighbours });
  return (
    <>
      <ServiceHeader service={s} canDeclare={canDeclare} />
      <StaleNote error={error} updatedAt={dataUpdatedAt} />
      <div className="mb-6 grid items-start gap-5 xl:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="flex min-w-0 flex-col gap-5">
          <Section id="health-heading" title="Health" icon={HeartPulse}>
            <ServiceHealth service={s} />
          </Section>
          <Section id="deps-heading" title="Dependencies" icon={GitFork} testId="service-dependencies">
            <DependencyMap service={s} neighbours={around} />
          </Section>
        </div>
        <div className="flex min-w-0 flex-col gap-5">
          <Section id="incidents-heading" title="Open incidents" icon={Siren} testId="service-incidents">
            <IncidentLinks incidents={s.openIncidents} withTitles empty="No open incident lists this service." />
          </Section>
          {about}
          <Section id="history-heading" title="Status history" icon={History}>
            <StatusHistory history={s.history} />
          </Section>
        </div>
      </div>
    </>
  );
}
