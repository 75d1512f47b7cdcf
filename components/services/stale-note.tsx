"use client";
import { TriangleAlert } from "lucide-react";
import { formatClockTime } from "@/components/services/format";

/** Said out loud when a live refresh fails: what is on screen may be old. */
export function StaleNote({ error, updatedAt }: { error: Error | null; updatedAt: number }) {
  if (!error) return null;
  return (
    <p role="alert" className="mb-3 flex items-center gap-2 rounded-md border border-warning bg-warning/10 px-3 py-2 text-sm text-fg">
      <TriangleAlert className="size-4 shrink-0 text-warning" aria-hidden />
      Could not refresh: {error.message}
      {updatedAt ? ` Showing what was current at ${formatClockTime(updatedAt, true)}.` : null}
    </p>
  );
}
