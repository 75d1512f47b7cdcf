"use client";
import Link from "next/link";
import { Button } from "@/components/ui/button";

export default function IncidentError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-danger/40 bg-danger/10 p-6">
      <h2 className="text-lg font-semibold text-danger">This incident failed to load</h2>
      <p className="mt-1 text-sm text-muted">
        Try again. If it keeps failing, tell an admin{error.digest ? ` and quote the reference ${error.digest}` : ""}.
      </p>
      <div className="mt-4 flex gap-2">
        <Button variant="secondary" onClick={reset}>Try again</Button>
        <Link href="/incidents" className="inline-flex h-10 items-center px-4 text-sm font-medium text-accent underline">Back to incidents</Link>
      </div>
    </div>
  );
}
