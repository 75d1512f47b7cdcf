import { Card } from "@/components/ui/card";
import type { AuditListEntry } from "@/lib/audit/queries";

type Entry = AuditListEntry;

const utc = (d: Date) => d.toISOString().replace("T", " ").slice(0, 19) + " UTC";

/** A human name for the target when the change carries one (a user's email), beside its id. */
function targetLabel(before: unknown, after: unknown): string | null {
  for (const v of [after, before]) {
    const email = v && typeof v === "object" ? (v as Record<string, unknown>).email : undefined;
    if (typeof email === "string") return email;
  }
  return null;
}

function Change({ before, after }: { before: unknown; after: unknown }) {
  if (before == null && after == null) return <span className="text-muted">—</span>;
  return (
    <details>
      <summary className="cursor-pointer text-accent">details</summary>
      <div className="mt-2 grid gap-2 md:grid-cols-2">
        {before != null ? <pre className="overflow-x-auto rounded bg-surface-2 p-2 text-xs">before {JSON.stringify(before, null, 2)}</pre> : null}
        {after != null ? <pre className="overflow-x-auto rounded bg-surface-2 p-2 text-xs">after {JSON.stringify(after, null, 2)}</pre> : null}
      </div>
    </details>
  );
}

export function AuditTable({ entries }: { entries: Entry[] }) {
  if (entries.length === 0) {
    return <Card className="p-6 text-sm text-muted">No audit entries match these filters.</Card>;
  }
  return (
    <Card className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="audit-table">
        <thead className="border-b border-border text-left text-xs uppercase tracking-wide text-muted">
          <tr>
            <th className="px-3 py-2 font-medium">#</th>
            <th className="px-3 py-2 font-medium">Time</th>
            <th className="px-3 py-2 font-medium">Actor</th>
            <th className="px-3 py-2 font-medium">Verb</th>
            <th className="px-3 py-2 font-medium">Target</th>
            <th className="px-3 py-2 font-medium">Change</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.seq.toString()} className="border-b border-border align-top last:border-0">
              <td className="px-3 py-2 font-mono text-xs text-muted" title={`hash ${e.hash}`}>{e.seq.toString()}</td>
              <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{utc(e.at)}</td>
              <td className="px-3 py-2">{e.actorLabel}</td>
              <td className="px-3 py-2 font-mono text-xs">{e.verb}</td>
              <td className="px-3 py-2 text-xs">
                {e.targetType} {targetLabel(e.before, e.after)}
                {e.targetId ? <span className="block font-mono text-muted">{e.targetId}</span> : null}
              </td>
              <td className="px-3 py-2 text-xs">
                <Change before={e.before} after={e.after} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
