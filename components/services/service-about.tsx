import { ExternalLink, Phone } from "lucide-react";
import type { ServiceDetail } from "@/lib/services/types";

const TIER_HINT: Record<number, string> = { 0: "most critical", 1: "critical", 2: "important", 3: "supporting", 4: "low impact" };

/** Who owns it, how critical it is, where to look, and whom to call. */
export function ServiceAbout({ service: s }: { service: ServiceDetail }) {
  return (
    <div className="flex flex-col gap-4 text-sm" data-testid="service-about">
      {s.description ? <p className="text-base">{s.description}</p> : <p className="text-muted">No description in the catalog.</p>}
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5">
        <dt className="text-muted">Owner</dt>
        <dd>{s.owner ?? "—"}</dd>
        <dt className="text-muted">Team</dt>
        <dd>{s.team ?? "—"}</dd>
        <dt className="text-muted">Tier</dt>
        <dd>{s.tier === null ? "—" : `${s.tier} · ${TIER_HINT[s.tier] ?? ""}`}</dd>
      </dl>
      <div>
        <h3 className="mb-1.5 text-xs font-semibold tracking-wider text-muted uppercase">Links</h3>
        {s.links.length ? (
          <ul className="flex flex-col gap-1">
            {s.links.map((l) => (
              <li key={l.url}>
                <a href={l.url} target="_blank" rel="noreferrer" className="inline-flex items-center gap-1.5 font-medium text-accent hover:underline">
                  <ExternalLink className="size-3.5" aria-hidden />
                  {l.title}
                  <span className="sr-only">(opens in a new tab)</span>
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-muted">No dashboards or logs linked.</p>
        )}
      </div>
      <div>
        <h3 className="mb-1.5 text-xs font-semibold tracking-wider text-muted uppercase">Escalation</h3>
        {s.escalation.length ? (
          <ol className="flex flex-col gap-2" data-testid="escalation">
            {s.escalation.map((e, i) => (
              <li key={`${e.name}-${i}`} className="flex items-start gap-2">
                <Phone className="mt-0.5 size-4 shrink-0 text-muted" aria-hidden />
                <div>
                  <p className="font-medium">{e.name}</p>
                  <p className="font-mono text-xs break-all">{e.contact}</p>
                  {e.when ? <p className="text-xs text-muted">{e.when}</p> : null}
                </div>
              </li>
            ))}
          </ol>
        ) : (
          <p className="text-muted">No escalation contacts in the catalog.</p>
        )}
      </div>
    </div>
  );
}
