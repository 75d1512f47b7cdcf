"use client";
import { useState } from "react";
import { Zap } from "lucide-react";
import { ActionDialog } from "@/components/actions/action-dialog";
import { Button } from "@/components/ui/button";
import type { ActionContext, ActionInfo } from "@/lib/actions/info-types";

/** A recovery action's button: opens the preflight dialog, which runs it (or asks for approval). */
export function ActionButton({ info, context, bound, rollbackOfId, label, size = "sm" }: {
  info: ActionInfo; context: ActionContext; bound?: Record<string, string | number>; rollbackOfId?: string; label?: string; size?: "sm" | "md";
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size={size} variant={info.danger === "destructive" ? "danger" : "primary"} onClick={() => setOpen(true)} data-testid="action-button" data-action={`${info.service}/${info.name}`}>
        <Zap className="size-4" aria-hidden />{label ?? info.title}
      </Button>
      {open ? <ActionDialog info={info} context={context} bound={bound} rollbackOfId={rollbackOfId} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
