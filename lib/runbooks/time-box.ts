// A phase's time box ("Immediate Actions (0-2 minutes)") read against the incident's clock.
export type TimeBoxState = { state: "upcoming" | "now" | "over"; text: string };

/** 100 s → "1:40"; 3,725 s → "1:02:05" */
export function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = String(s % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

export function timeBoxState(phase: { fromMin: number | null; toMin: number | null }, elapsedMs: number): TimeBoxState | null {
  if (phase.toMin === null) return null;
  const from = (phase.fromMin ?? 0) * 60_000, to = phase.toMin * 60_000;
  const elapsed = `${clock(elapsedMs)} elapsed`;
  if (elapsedMs < from) return { state: "upcoming", text: `${elapsed}, starts in ${clock(from - elapsedMs)}` };
  if (elapsedMs <= to) return { state: "now", text: `${elapsed}, ${clock(to - elapsedMs)} left` };
  return { state: "over", text: `${elapsed}, ${clock(elapsedMs - to)} over` };
}
