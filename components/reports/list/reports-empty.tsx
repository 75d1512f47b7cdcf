import Link from "next/link";
import { FileText } from "lucide-react";
import { Card } from "@/components/ui/card";

/** No report matches: say where reports come from, since this page only lists them. */
export function ReportsEmpty({ filtered }: { filtered: boolean }) {
  return (
    <Card className="flex flex-col items-center gap-2 p-10 text-center" data-testid="reports-empty">
      <FileText className="size-8 text-muted" aria-hidden />
      <p className="text-base font-medium">{filtered ? "No report matches these filters." : "No post-incident report yet."}</p>
      <p className="max-w-xl text-sm text-muted">
        A report is written from its incident: open a resolved incident&apos;s page and choose <strong className="text-fg">Write the report</strong>.
        {filtered ? (
          <> Or <Link href="/reports" className="text-accent underline">clear the filters</Link>.</>
        ) : (
          <> Find one among the <Link href="/incidents?status=resolved" className="text-accent underline">resolved incidents</Link>.</>
        )}
      </p>
    </Card>
  );
}
