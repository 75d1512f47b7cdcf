"use client";
import { useState, useTransition } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import type { ActionResult } from "@/lib/action-client";
import { warRoomKeys } from "@/components/war-room/keys";

/**
 * Runs one quick action. A conflict (someone changed it first) stays on screen beside the
 * actions with the current value; the board refetches at once rather than waiting for the stream.
 */
export function useWarRoomAction() {
  const queryClient = useQueryClient();
  const [pending, start] = useTransition();
  const [problem, setProblem] = useState<string | null>(null);

  function run<T>(call: () => Promise<ActionResult<T>>, onOk?: () => void) {
    setProblem(null);
    start(async () => {
      const result = await call();
      if (result.ok) {
        toast.success(result.message ?? "Done.");
        onOk?.();
      } else if (result.code === "CONFLICT" || result.fieldErrors) {
        setProblem(result.fieldErrors ? Object.values(result.fieldErrors).flat().join(" ") || result.error : result.error);
      } else {
        toast.error(result.error);
      }
      await queryClient.invalidateQueries({ queryKey: warRoomKeys.all });
    });
  }

  return { run, pending, problem, dismiss: () => setProblem(null) };
}
