"use client";
import { AlertTriangle, X } from "lucide-react";

/** Someone else changed this first: said loudly, right beside the control. */
export function ConflictNotice({ message, onDismiss }: { message: string | null; onDismiss: () => void }) {
  if (!message) return null;
  return (
    <div role="alert" data-testid="conflict" className="flex items-start gap-2 rounded-md border-2 border-warning bg-warning/15 p-3 text-sm text-fg">
      <AlertTriangle className="mt-0.5 size-4 shrink-0 text-warning" aria-hidden />
      <p className="flex-1 font-medium">{message}</p>
      <button type="button" onClick={onDismiss} className="text-muted hover:text-fg" aria-label="Dismiss">
        <X className="size-4" aria-hidden />
      </button>
    </div>
  );
}
