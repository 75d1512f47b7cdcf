"use client";
import { useState, useTransition } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { CheckCircle2, RefreshCw, XCircle } from "lucide-react";
import { toast } from "sonner";
import { reloadCatalogAction } from "@/lib/services/actions";
import { serviceKeys } from "@/components/services/keys";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";

type Outcome = { ok: true; message: string } | { ok: false; error: string; problems: string[] };

/**
 * Admin only: re-reads SITREP_CATALOG. A refused file leaves the catalog in force unchanged.
 * `children` (the catalog line) sits beside the button; the outcome spans the width below both.
 */
export function CatalogReloadButton({ children }: { children?: React.ReactNode }) {
  const [pending, start] = useTransition();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const client = useQueryClient();

  const reload = () =>
    start(async () => {
      const r = await reloadCatalogAction({});
      if (r.ok) {
        const message = r.message ?? "Catalog reloaded.";
        setOutcome({ ok: true, message });
        toast.success(message);
        await client.invalidateQueries({ queryKey: serviceKeys.all });
      } else {
        setOutcome({ ok: false, error: r.error, problems: r.fieldErrors?.catalog ?? [] });
        toast.error(r.error);
      }
    });

  return (
    <div className="-mt-4 mb-6 flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        {children}
        <Button variant="secondary" size="sm" onClick={reload} disabled={pending} aria-describedby={outcome ? "catalog-reload-result" : undefined}>
          <RefreshCw className={cn("size-4", pending && "animate-spin")} aria-hidden />
          {pending ? "Reloading…" : "Reload catalog"}
        </Button>
      </div>
      {outcome ? (
        <div
          id="catalog-reload-result"
          role={outcome.ok ? "status" : "alert"}
          data-testid="catalog-reload-result"
          data-ok={outcome.ok}
          className={cn(
            "rounded-md border px-3 py-2 text-sm",
            outcome.ok ? "border-ok/50 bg-ok/10" : "border-danger/60 bg-danger/10",
          )}
        >
          <p className="flex items-start gap-2 font-medium">
            {outcome.ok ? <CheckCircle2 className="mt-0.5 size-4 shrink-0 text-ok" aria-hidden /> : <XCircle className="mt-0.5 size-4 shrink-0 text-danger" aria-hidden />}
            {outcome.ok ? outcome.message : outcome.error}
          </p>
          {!outcome.ok && outcome.problems.length ? (
            <ul className="mt-2 flex list-disc flex-col gap-1 pl-10 font-mono text-xs break-words whitespace-pre-wrap" data-testid="catalog-problems">
              {outcome.problems.map((p, i) => <li key={i}>{p}</li>)}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
