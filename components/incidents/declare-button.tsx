"use client";
import { useEffect, useRef, useState } from "react";
import { Siren } from "lucide-react";
import { toast } from "sonner";
import { DeclareDialog } from "@/components/incidents/declare-dialog";
import { useHydrated } from "@/components/timeline/use-now";
import { cn } from "@/lib/cn";

const VIEWER_REASON = "Viewers can read incidents but not declare them. Ask an admin for the responder role.";

/** Typing in a field, or with a modifier held, is never a shortcut. */
function isTyping(e: KeyboardEvent) {
  const t = e.target as HTMLElement | null;
  return Boolean(t && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName) || t.closest("dialog[open]")));
}

/** The global "Declare incident" button, and its `d` shortcut, in the app shell. */
export function DeclareButton({ canDeclare }: { canDeclare: boolean }) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const hydrated = useHydrated();

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.key !== "d" || e.ctrlKey || e.metaKey || e.altKey || e.repeat || isTyping(e)) return;
      e.preventDefault();
      if (canDeclare) setOpen(true);
      else toast.info(VIEWER_REASON);
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [canDeclare]);

  return (
    <>
      <span title={canDeclare ? "Declare an incident (shortcut: D)" : VIEWER_REASON} className="block">
        <button
          ref={buttonRef}
          type="button"
          disabled={!canDeclare}
          aria-describedby={canDeclare ? undefined : "declare-disabled-reason"}
          aria-keyshortcuts="d"
          data-hydrated={hydrated}
          onClick={() => setOpen(true)}
          className={cn(
            "flex h-10 w-full items-center gap-2 rounded-md bg-danger px-3 text-sm font-semibold text-white transition hover:opacity-90 dark:text-bg",
            "disabled:cursor-not-allowed disabled:opacity-50",
          )}
        >
          <Siren className="size-4 shrink-0" aria-hidden />
          <span className="flex-1 text-left">Declare incident</span>
          <kbd className="rounded border border-white/50 px-1.5 font-mono text-xs dark:border-bg/50">D</kbd>
        </button>
      </span>
      {!canDeclare ? (
        <p id="declare-disabled-reason" className="sr-only">
          {VIEWER_REASON}
        </p>
      ) : null}
      {open ? (
        <DeclareDialog
          onClose={() => {
            setOpen(false);
            buttonRef.current?.focus();
          }}
        />
      ) : null}
    </>
  );
}
