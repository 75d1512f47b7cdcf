import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "@/components/ui/card";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { ChainStatus, ChainStatusSkeleton } from "@/components/audit/chain-status";
import { requirePageUser } from "@/lib/auth/session";
import { auditFilterSchema } from "@/lib/audit/schemas";
import { listAuditEntries, listAuditVerbs } from "@/lib/audit/queries";

export const metadata: Metadata = { title: "Audit" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AuditPage({ searchParams }: Props) {
  await requirePageUser();
  const raw = await searchParams;
  const parsed = auditFilterSchema.safeParse(Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === "string")));
  const filter = parsed.success ? parsed.data : auditFilterSchema.parse({});
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${String(i.path[0])} ${i.message}`);
  const [{ entries, nextBefore }, verbs] = await Promise.all([listAuditEntries(filter), listAuditVerbs()]);
  const params = new URLSearchParams(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === "string" && e[0] !== "before"));

  return (
    <>
      <PageHeader title="Audit log" description="Every change in Sitrep, append-only and hash-chained." />
      <Suspense fallback={<ChainStatusSkeleton />}>
        <ChainStatus />
      </Suspense>
      <AuditFilters values={raw} verbs={verbs} problems={problems} />
      <AuditTable entries={entries} />
      {nextBefore ? (
        <a href={`/audit?${params.toString()}${params.size ? "&" : ""}before=${nextBefore}`} className="mt-4 inline-block text-sm text-accent hover:underline">
          Older entries →
        </a>
      ) : null}
    </>
  );
}
