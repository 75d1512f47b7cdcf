import Link from "next/link";
import { cn } from "@/lib/cn";
import type { MetricsParams } from "@/lib/incidents/metrics";

type Option = { value: string; label: string };
type Key = "range" | "bucket" | "by";

const OPTIONS: Record<Key, { label: string; options: Option[] }> = {
  range: { label: "Range", options: [{ value: "7d", label: "7 days" }, { value: "30d", label: "30 days" }, { value: "90d", label: "90 days" }] },
  bucket: { label: "Bucket", options: [{ value: "day", label: "Day" }, { value: "week", label: "Week" }] },
  by: { label: "Group by", options: [{ value: "severity", label: "Severity" }, { value: "service", label: "Service" }] },
};

/** The URL with one setting changed; a bucket left at its default follows the range. */
function hrefWith(p: MetricsParams, key: Key, value: string): string {
  const q = new URLSearchParams({ range: p.range, by: p.by });
  if (!p.bucketIsDefault) q.set("bucket", p.bucket);
  q.set(key, value);
  return `/incidents/metrics?${q.toString()}`;
}

/** Plain links, so every view is a URL that can be shared and bookmarked. */
export function MetricsControls({ params }: { params: MetricsParams }) {
  return (
    <div className="mb-6 flex flex-wrap items-center gap-x-6 gap-y-3">
      {(Object.keys(OPTIONS) as Key[]).map((key) => (
        <nav key={key} aria-label={OPTIONS[key].label} className="flex items-center gap-2 text-sm">
          <span className="text-xs font-medium uppercase tracking-wide text-muted">{OPTIONS[key].label}</span>
          <ul className="flex overflow-hidden rounded-md border border-border">
            {OPTIONS[key].options.map((o) => {
              const active = params[key] === o.value;
              return (
                <li key={o.value} className="border-l border-border first:border-l-0">
                  <Link
                    href={hrefWith(params, key, o.value)}
                    aria-current={active ? "page" : undefined}
                    className={cn("block px-3 py-1.5", active ? "bg-surface-2 font-medium text-fg" : "bg-surface text-muted hover:text-fg")}
                  >
                    {o.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
      ))}
    </div>
  );
}
