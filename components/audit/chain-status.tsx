import { ShieldAlert, ShieldCheck } from "lucide-react";
import { getAuditChainReport } from "@/lib/audit/queries";

export async function ChainStatus() {
  const report = await getAuditChainReport();
  if (report.ok) {
    return (
      <p data-testid="chain-status" data-ok="true" className="mb-4 flex items-center gap-2 rounded-md border border-ok/40 bg-ok/10 px-3 py-2 text-sm text-ok">
        <ShieldCheck className="size-4" aria-hidden />
        Chain verified: {report.count.toLocaleString("en")} entries, none edited, deleted or reordered.
      </p>
    );
  }
  return (
    <p data-testid="chain-status" data-ok="false" className="mb-4 flex items-center gap-2 rounded-md border border-danger/50 bg-danger/10 px-3 py-2 text-sm font-medium text-danger">
      <ShieldAlert className="size-4" aria-hidden />
      Chain broken: {report.problem.message}. The {report.count.toLocaleString("en")} entries before it verify.
    </p>
  );
}

export function ChainStatusSkeleton() {
  return <p className="mb-4 h-9 animate-pulse rounded-md bg-surface-2" aria-label="Verifying the audit chain" />;
}
