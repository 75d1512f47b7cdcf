import Link from "next/link";
import { History } from "lucide-react";
import { Time } from "@/components/timeline/time";
import type { TemplateVersionEntry } from "@/lib/reports/template-admin-queries";

/** Says loudly that these are not the sections new reports get, and how to bring them back. */
export function OldVersionNotice({ slug, entry, current, canEdit }: { slug: string; entry: TemplateVersionEntry; current: number; canEdit: boolean }) {
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-md border border-warning bg-warning/10 p-3 text-sm" data-testid="old-version">
      <History className="size-4 text-warning" aria-hidden />
      <p className="flex-1">
        Version {entry.version} of {current}, saved <Time at={entry.createdAt.toISOString()} /> by {entry.authorLabel}. New reports use version {current}.
      </p>
      <Link href={`/reports/templates/${slug}`} className="text-accent hover:underline">Back to the current version</Link>
      {canEdit ? <Link href={`/reports/templates/${slug}?from=${entry.version}`} className="text-accent hover:underline">Edit starting from these sections</Link> : null}
    </div>
  );
}
