"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import type { ActionResult } from "@/lib/action-client";

/**
 * Runs one incident edit. A conflict (someone else changed it first) is kept for display beside
 * the control, not only toasted, and the page is refreshed so the control shows the current value.
 */
export function useIncidentMutation() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [conflict, setConflict] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});

  function run<T>(call: () => Promise<ActionResult<T>>, onOk?: (data: T) => void, onSettled?: (result: ActionResult<T>) => void) {
    setConflict(null);
    setFieldErrors({});
    start(async () => {
      const result = await call();
      if (result.ok) {
        toast.success(result.message ?? "Saved.");
        onOk?.(result.data);
      } else if (result.code === "CONFLICT") {
        setConflict(result.error);
      } else if (result.fieldErrors && Object.keys(result.fieldErrors).some((k) => k !== "form")) {
        setFieldErrors(result.fieldErrors);
      } else {
        toast.error(result.fieldErrors?.form?.join(" ") ?? result.error);
      }
      onSettled?.(result);
      router.refresh();
    });
  }

  return { run, pending, conflict, fieldErrors, dismiss: () => setConflict(null) };
}
