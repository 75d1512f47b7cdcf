"use client";
import Link from "next/link";
import { BookOpen, HeartPulse, Zap } from "lucide-react";
import { ActionRunsPanel } from "@/components/actions/action-runs-panel";
import { incidentRef, type Severity } from "@/lib/incidents/rules";
import type { WarRoomData } from "@/lib/live/war-room";
import { SeverityBadge, StatusBadge } from "@/components/incidents/badges";
import { QuickActions } from "@/components/war-room/quick-actions";
import { TimelineList } from "@/components/war-room/timeline-list";
import { WarRoomRuns } from "@/components/war-room/war-room-runs";
import { Card } from "@/components/ui/card";
import { AffectedServices } from "@/components/services/affected-services";
import type { Status } from "@/lib/incidents/rules";

const panelTitle = "mb-3 flex items-center gap-2 text-sm font-bold uppercase tracking-wider text-muted";

/** The selected incident: quick actions, live timeline, its services' health, recovery actions (approve here), runbooks. */
export function SelectedIncident({ selected, canAct }: { selected: NonNullable<WarRoomData["selected"]>; canAct: boolean }) {
  const { incident: i, timeline } = selected;
  return (
    <div className="flex flex-col gap-5" data-testid="war-room-selected" data-incident={i.number}>
      <Card className="flex flex-col gap-4 p-5">
        <div className="flex flex-wrap items-center gap-3">
          <SeverityBadge severity={i.severity as Severity} size="lg" />
          <Link href={`/incidents/${i.number}`} className="text-2xl font-black tabular-nums hover:underline">{incidentRef(i.number)}</Link>
          <StatusBadge status={i.status as Status} size="lg" />
        </div>
        <h2 className="text-3xl leading-tight font-bold">{i.title}</h2>
        {canAct ? <QuickActions key={i.id} incident={i} /> : null}
      </Card>
      <div className="grid gap-5 2xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Card className="p-5">
          <h3 className={panelTitle}>Timeline</h3>
          <div className="max-h-[60vh] overflow-y-auto pr-2">
            <TimelineList events={timeline} />
          </div>
        </Card>
        <div className="flex flex-col gap-5">
          <Card className="p-5" data-testid="services-health">
            <h3 className={panelTitle}><HeartPulse className="size-4" aria-hidden />Affected services&apos; health</h3>
            <AffectedServices slugs={i.services} />
          </Card>
          <Card className="p-5" data-testid="war-room-actions">
            <h3 className={panelTitle}><Zap className="size-4" aria-hidden />Recovery actions</h3>
            <ActionRunsPanel scope={{ incidentId: i.id }} infos={[]} canAct={canAct} context={{ incidentId: i.id }} showButtons={false} />
          </Card>
          <Card className="p-5" data-testid="war-room-runs">
            <h3 className={panelTitle}><BookOpen className="size-4" aria-hidden />Runbook in progress</h3>
            <WarRoomRuns incidentNumber={i.number} runs={selected.runs} />
          </Card>
        </div>
      </div>
    </div>
  );
}
