import type { Metadata } from "next";
import Link from "next/link";
import { Upload } from "lucide-react";
import { LibraryFilters } from "@/components/runbooks/library-filters";
import { RunbooksTable } from "@/components/runbooks/runbooks-table";
import { Card, PageHeader } from "@/components/ui/card";
import { hasRole } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { getRunbookFacets, listRunbooks } from "@/lib/runbooks/queries";
import { runbookFilterSchema } from "@/lib/runbooks/schemas";

export const metadata: Metadata = { title: "Runbooks" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

export default async function RunbooksPage({ searchParams }: Props) {
  const user = await requirePageUser();
  const raw = await searchParams;
  const filter = runbookFilterSchema.parse({ q: one(raw.q), service: one(raw.service), alert: one(raw.alert), tag: one(raw.tag), archived: one(raw.archived) });
  const [rows, facets] = await Promise.all([listRunbooks(filter), getRunbookFacets()]);
  const filtered = Boolean(filter.q || filter.service || filter.alert || filter.tag);
  return (
    <>
      <PageHeader
        title="Runbooks"
        description="Your Markdown runbooks, split per scenario, searchable, and guided step by step inside an incident."
        actions={hasRole(user.role, "admin") ? (
          <Link href="/runbooks/import" className="inline-flex h-10 items-center gap-2 rounded-md bg-accent px-4 text-sm font-medium text-accent-fg hover:opacity-90">
            <Upload className="size-4" aria-hidden /> Import Markdown
          </Link>
        ) : null}
      />
      <LibraryFilters filter={filter} facets={facets} />
      {rows.length ? (
        <>
          <p className="mb-2 text-sm text-muted" data-testid="runbook-count">{rows.length} runbook{rows.length === 1 ? "" : "s"}{filtered ? " match" : ""}</p>
          <RunbooksTable rows={rows} />
        </>
      ) : (
        <Card className="p-6 text-sm text-muted" data-testid="runbooks-empty">
          {filtered ? "No runbook matches. Try fewer words, or search a command (\"kubectl rollout\")." : "No runbooks yet. An admin imports them from Markdown: paste or upload here, or run npm run runbooks:import -- <folder>."}
        </Card>
      )}
    </>
  );
}
