import { Badge, Card } from "@/components/ui/card";
import { InvalidNote, plural } from "@/components/metrics/invalid-note";
import { formatDuration, MEASURES, type Measure, type MttxStats } from "@/lib/incidents/mttx";
import { MEASURE_KEYS } from "@/lib/incidents/metrics";
import { ACK_TARGET_MS } from "@/lib/incidents/rules";

function AckTarget({ meanMs }: { meanMs: number | null }) {
  if (meanMs === null) return null;
  const met = meanMs <= ACK_TARGET_MS;
  return (
    <Badge tone={met ? "ok" : "danger"} className="mt-2">
      {met ? "Within" : "Over"} the {formatDuration(ACK_TARGET_MS)} acknowledgement target
    </Badge>
  );
}

function HeadlineCard({ measure, stats, showTarget }: { measure: Measure; stats: MttxStats; showTarget: boolean }) {
  const { label, meaning } = MEASURES[measure];
  const s = stats[measure];
  return (
    <Card className="p-4" data-testid={`headline-${measure}`}>
      <p className="text-sm text-muted">
        <abbr title={`mean ${meaning}`} className="font-semibold text-fg no-underline">{label}</abbr> · mean {meaning}
      </p>
      <p className="mt-1 text-3xl font-semibold tabular-nums">{s.meanMs === null ? "—" : formatDuration(s.meanMs)}</p>
      <p className="mt-1 text-sm text-muted">{s.count ? `over ${plural(s.count, "incident")} measured` : "no incident measured"}</p>
      <InvalidNote count={s.invalid} className="text-sm" />
      {showTarget && measure === "mtta" ? <div><AckTarget meanMs={s.meanMs} /></div> : null}
    </Card>
  );
}

export function HeadlineCards({ stats, showTarget }: { stats: MttxStats; showTarget: boolean }) {
  return (
    <section aria-label="Headline" className="mb-6 grid gap-4 md:grid-cols-3">
      {MEASURE_KEYS.map((m) => (
        <HeadlineCard key={m} measure={m} stats={stats} showTarget={showTarget} />
      ))}
    </section>
  );
}
