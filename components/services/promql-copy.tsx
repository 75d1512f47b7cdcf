"use client";
import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";

/** navigator.clipboard needs a secure context; Sitrep is often reached over plain http on a LAN. */
async function copyText(text: string): Promise<boolean> {
  try {
    if (window.isSecureContext && navigator.clipboard) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the old way
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.append(area);
  area.select();
  const ok = document.execCommand("copy");
  area.remove();
  return ok;
}

function Row({ query, label }: { query: string; label: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    if (await copyText(query)) {
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
      toast.success("PromQL copied");
    } else {
      toast.error("Could not copy: select the query and copy it by hand.");
    }
  };
  return (
    <li className="flex items-start gap-1.5">
      <code className="min-w-0 flex-1 rounded bg-surface-2 px-2 py-1 font-mono text-xs break-all text-fg select-all" data-testid="promql">
        {query}
      </code>
      <button
        type="button"
        onClick={copy}
        aria-label={`Copy PromQL for ${label}`}
        title="Copy PromQL"
        className="inline-flex size-7 shrink-0 items-center justify-center rounded border border-border text-muted hover:bg-surface-2 hover:text-fg"
      >
        {copied ? <Check className="size-4 text-ok" aria-hidden /> : <Copy className="size-4" aria-hidden />}
      </button>
    </li>
  );
}

/** Each line's PromQL, to paste into Prometheus or Grafana. */
export function PromqlCopy({ queries, title }: { queries: string[]; title: string }) {
  if (!queries.length) return null;
  return (
    <details className="group text-sm" open>
      <summary className="cursor-pointer text-xs font-semibold tracking-wider text-muted uppercase select-none">PromQL</summary>
      <ul className="mt-1.5 flex flex-col gap-1">
        {queries.map((q, i) => (
          <Row key={i} query={q} label={queries.length > 1 ? `${title}, line ${i + 1}` : title} />
        ))}
      </ul>
    </details>
  );
}
