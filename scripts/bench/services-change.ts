// The one status change of `npm run bench:services-page`, in a tsx process (lib code is
// "server-only"): BENCH_SLUG goes down the way the poller records it (state row + audit entry
// in one transaction), so the delta poll after it carries exactly one changed service.
import { appendAudit, SYSTEM_ACTOR } from "@/lib/audit/mutations";
import { db } from "@/lib/db";

const slug = process.env.BENCH_SLUG!;
const reason = "HTTP 503 (bench)";

await db.$transaction(async (tx) => {
  const before = await tx.serviceState.findUnique({ where: { slug }, select: { status: true } });
  await tx.serviceState.update({ where: { slug }, data: { status: "down", reason, since: new Date(), checkedAt: new Date() } });
  await appendAudit(tx, {
    actor: SYSTEM_ACTOR,
    verb: "service.status",
    target: { type: "service", id: slug },
    before: { status: before?.status ?? "unknown" },
    after: { from: before?.status ?? "unknown", to: "down", reason },
  });
});
await db.$disconnect();
