import Link from "next/link";
import { SearchX } from "lucide-react";
import { Card } from "@/components/ui/card";

export default function ServiceNotFound() {
  return (
    <Card className="flex flex-col items-center gap-3 p-10 text-center" data-testid="service-not-found">
      <SearchX className="size-8 text-muted" aria-hidden />
      <h1 className="text-xl font-semibold">No such service</h1>
      <p className="max-w-md text-sm text-muted">
        It is not in the catalog in force. Check the name (lower-case, with dashes, e.g. <code className="font-mono">beacon-runner</code>), or
        the catalog may have been reloaded without it.
      </p>
      <Link href="/services" className="text-sm font-medium text-accent underline">All services</Link>
    </Card>
  );
}
