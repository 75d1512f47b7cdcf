"use client";
import { useRef, useState } from "react";
import { Siren } from "lucide-react";
import { DeclareDialog } from "@/components/incidents/declare-dialog";
import { Button } from "@/components/ui/button";
import { declarePrefill } from "@/lib/services/health-strip";
import type { HealthStatus } from "@/lib/services/types";

type Failing = { slug: string; name: string; tier: number | null; status: HealthStatus; reason: string | null; since: string | null };

/**
 * "Declare incident" from a failing service: the usual declare dialog, opened with the
 * service, a title, the severity its tier suggests and its runbook. Responders only: the caller
 * leaves it out for viewers, and the declare action checks the role again.
 */
export function DeclareFromService({ service, size = "md", className }: { service: Failing; size?: "sm" | "md"; className?: string }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  return (
    <>
      <Button
        ref={button}
        variant="danger"
        size={size}
        className={className}
        onClick={() => setOpen(true)}
        data-testid="declare-from-service"
        aria-label={`Declare incident: ${service.name} is ${service.status}`}
      >
        <Siren className="size-4 shrink-0" aria-hidden />
        Declare incident
      </Button>
      {open ? (
        <DeclareDialog
          prefill={declarePrefill(service)}
          onClose={() => {
            setOpen(false);
            button.current?.focus();
          }}
        />
      ) : null}
    </>
  );
}
