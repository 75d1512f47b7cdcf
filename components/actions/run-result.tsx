"use client";
import { ArrowRight, CircleCheck, CircleX, LoaderCircle } from "lucide-react";
import { cn } from "@/lib/cn";
import type { ActionRunView } from "@/lib/actions/run-view";
import type { HealthSnapshot } from "@/lib/actions/verify-rules";

const HEALTH_TONE: Record<string, string> = { up: "text-ok", degraded: "text-warning", down: "text-danger", unknown: "text-muted" };

function Health({ s, label }: { s: HealthSnapshot | null; label: string }) {
  if (!s) return <span className="text-muted">{label}: not checked</span>;
  return (
    <span title={[s.reason, ...s.failing].filter(Boolean).join("\n")}>
      {label}: <span className={cn("font-semibold", HEALTH_TONE[s.status])}>{s.status}</span>
      {s.failing.length ? <span className="text-muted"> ({s.failing.slice(0, 2).join(", ")}{s.failing.length > 2 ? "…" : ""})</span> : null}
    </span>
  );
}

/** After a run: health before → after, the verification's verdict, the error and the output. */
export function RunResult({ run }: { run: ActionRunView }) {
  const verify = run.verifyStatus;
  return (
    <div className="flex flex-col gap-2 text-sm">
      {run.healthBefore || run.healthAfter ? (
        <p className="flex flex-wrap items-center gap-2" data-testid="run-health">
          <Health s={run.healthBefore} label="Health before" /><ArrowRight className="size-3.5 text-muted" aria-hidden /><Health s={run.healthAfter} label="after" />
        </p>
      ) : null}
      {verify && verify !== "skipped" ? (
        <p className={cn("flex items-center gap-1.5 font-medium", verify === "passed" ? "text-ok" : verify === "failed" ? "text-danger" : "text-muted")} data-testid="run-verify" data-status={verify}>
          {verify === "pending" ? <LoaderCircle className="size-4 animate-spin" aria-hidden /> : verify === "passed" ? <CircleCheck className="size-4" aria-hidden /> : <CircleX className="size-4" aria-hidden />}
          {verify === "pending" ? "Verifying…" : verify === "passed" ? "Verified" : "Verification failed"}
          {run.verifyDetail ? <span className="font-normal text-muted">({run.verifyDetail})</span> : null}
        </p>
      ) : null}
      {run.error ? <p className="font-medium text-danger" data-testid="run-error">{run.error}</p> : null}
      {run.output ? (
        <details>
          <summary className="cursor-pointer text-muted">Output ({(run.outputBytes ?? 0).toLocaleString("en")} bytes{run.outputDigest ? `, sha256 ${run.outputDigest.slice(0, 12)}` : ""})</summary>
          <pre className="mt-1 max-h-64 overflow-auto rounded-md bg-surface-2 px-3 py-2 font-mono text-xs whitespace-pre-wrap" data-testid="run-output">{run.output}</pre>
        </details>
      ) : null}
    </div>
  );
}
