import Link from "next/link";
import { Time } from "@/components/timeline/time";
import { Card } from "@/components/ui/card";
import { cn } from "@/lib/cn";
import { diffVersions } from "@/lib/runbooks/diff";
import { getRunbookVersionText, type RunbookDetail } from "@/lib/runbooks/queries";

const TONE = { add: "bg-ok/15 text-fg", del: "bg-danger/15 text-fg", same: "text-muted", gap: "bg-surface-2 text-muted" } as const;
const MARK = { add: "+", del: "−", same: " ", gap: "" } as const;

async function Diff({ slug, a, b }: { slug: string; a: number; b: number }) {
  const [before, after] = await Promise.all([getRunbookVersionText(slug, a), getRunbookVersionText(slug, b)]);
  if (before === null || after === null) return <p className="text-sm text-danger">That version does not exist.</p>;
  const d = diffVersions(before, after);
  return (
    <Card className="overflow-x-auto" data-testid="version-diff">
      <p className="border-b border-border px-3 py-2 text-sm">
        Version {a} → {b}: <span className="text-ok">+{d.added}</span> <span className="text-danger">−{d.removed}</span> line(s)
      </p>
      {d.lines.length ? (
        <pre className="font-mono text-xs leading-relaxed">
          {d.lines.map((l, i) => (
            <div key={i} className={cn("flex gap-2 px-3", TONE[l.kind])} data-kind={l.kind}>
              <span className="w-8 shrink-0 text-right text-muted select-none">{l.oldLine ?? ""}</span>
              <span className="w-8 shrink-0 text-right text-muted select-none">{l.newLine ?? ""}</span>
              <span className="w-3 shrink-0 select-none">{MARK[l.kind]}</span>
              <span className="whitespace-pre-wrap">{l.text}</span>
            </div>
          ))}
        </pre>
      ) : <p className="px-3 py-2 text-sm text-muted">No differences.</p>}
    </Card>
  );
}

/** Every version, newest first, each comparable with the one before it. */
export function VersionHistory({ runbook: rb, a, b }: { runbook: RunbookDetail; a: number | null; b: number | null }) {
  return (
    <div className="flex flex-col gap-4">
      {a && b ? <Diff slug={rb.slug} a={a} b={b} /> : null}
      <Card className="divide-y divide-border" data-testid="versions">
        {rb.versions.map((v) => (
          <div key={v.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm">
            <span className="font-semibold tabular-nums">v{v.version}</span>
            <span className="text-muted"><Time at={v.createdAt.toISOString()} /> by {v.authorLabel}</span>
            <span className="min-w-0 flex-1 truncate">{v.note}</span>
            {v.version > 1 ? (
              <Link href={`/runbooks/${rb.slug}?view=versions&a=${v.version - 1}&b=${v.version}`} className="text-accent hover:underline">
                Changes from v{v.version - 1}
              </Link>
            ) : null}
          </div>
        ))}
      </Card>
    </div>
  );
}
