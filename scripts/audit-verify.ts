// npm run audit:verify — walks the audit chain; exits 1 naming the first bad entry.
import { db } from "@/lib/db";
import { verifyAuditChain } from "@/lib/audit/queries";

async function main() {
  const report = await verifyAuditChain();
  if (report.ok) {
    const head = await db.auditHead.findUnique({ where: { id: 1 }, select: { hash: true } });
    console.log(`Audit chain OK: ${report.count} entries verified (last #${report.lastSeq}, hash ${head?.hash}).`);
    return 0;
  }
  console.error(`Audit chain BROKEN at entry #${report.problem.seq ?? "?"}: ${report.problem.message}.`);
  console.error(`${report.count} entries before it verify.`);
  return 1;
}

main()
  .then((code) => (process.exitCode = code))
  .catch((error) => {
    console.error("audit:verify could not read the audit log:", error?.message ?? error);
    process.exitCode = 2;
  })
  .finally(() => db.$disconnect());
