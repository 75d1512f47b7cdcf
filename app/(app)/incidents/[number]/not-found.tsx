import Link from "next/link";
import { SearchX } from "lucide-react";
import { Card } from "@/components/ui/card";

export default function IncidentNotFound() {
  return (
    <Card className="flex flex-col items-center gap-3 p-10 text-center" data-testid="incident-not-found">
      <SearchX className="size-8 text-muted" aria-hidden />
      <h1 className="text-xl font-semibold">No such incident</h1>
      <p className="text-sm text-muted">Check the number (INC-42 or 42), or find it in the list.</p>
      <Link href="/incidents?status=all" className="text-sm font-medium text-accent underline">All incidents</Link>
    </Card>
  );
}
