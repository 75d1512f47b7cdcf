"use client";
import { Button } from "@/components/ui/button";

export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-danger/40 bg-danger/10 p-6">
      <h2 className="text-lg font-semibold text-danger">This page failed to load</h2>
      <p className="mt-1 text-sm text-muted">
        Try again. If it keeps failing, tell an admin{error.digest ? ` and quote the reference ${error.digest}` : ""}.
      </p>
      <Button className="mt-4" variant="secondary" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
