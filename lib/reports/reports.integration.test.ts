import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { changeIncidentStatus, declareIncident, pinTimelineEvent, addTimelineNote } from "@/lib/incidents/mutations";
import { ConflictError, ValidationError } from "@/lib/errors";
import { uniqueEmail } from "@/lib/testing/db";
import { ensureDefaultTemplates } from "@/lib/reports/ensure-defaults";
import { changeReportStatus, createReport, saveReportSection, startReportRevision } from "@/lib/reports/mutations";
import { getReportForIncident } from "@/lib/reports/queries";
import { parseReportMarkdown, reportToMarkdown } from "@/lib/reports/markdown";

const alice = { id: null, label: "alice@reports.test" };
const bob = { id: null, label: "bob@reports.test" };
let templateId = "";

async function resolvedIncident() {
  const i = await declareIncident(alice, { title: `Outbox stuck ${uniqueEmail("r")}`, severity: "P1", services: [], summary: "Jobs queued" });
  await changeIncidentStatus(alice, i.id, "triggered", "acknowledged", false);
  const note = await addTimelineNote(alice, i.id, "Outbox count 12k and growing");
  await pinTimelineEvent(alice, BigInt(note.id), true);
  await changeIncidentStatus(alice, i.id, "acknowledged", "resolved", false);
  return i;
}

beforeAll(async () => {
  await ensureDefaultTemplates();
  templateId = (await db.reportTemplate.findUniqueOrThrow({ where: { slug: "incident-report" } })).id;
});

describe("reports", () => {
  it("creates a report prefilled from the incident, once per incident", async () => {
    const i = await resolvedIncident();
    await createReport(alice, i.id, templateId);
    const r = (await getReportForIncident(i.id))!;
    expect(r.sections.map((s) => s.title)).toEqual(["Summary", "Timeline", "Root cause", "Resolution", "Lessons learned", "Action items"]);
    expect(r.sections[0].content).toContain("- **Severity**: P1 (Critical)");
    expect(r.sections[0].content).toContain("- **Impact**: Jobs queued");
    expect(r.sections[1].content).toContain("📌 Outbox count 12k and growing");
    expect(r.sections[1].content).toContain("Service restored");
    await expect(createReport(bob, i.id, templateId)).rejects.toThrow(ConflictError);
    expect(await db.report.count({ where: { incidentId: i.id } })).toBe(1);
    expect(await db.auditEntry.count({ where: { targetId: i.id, verb: "report.create" } })).toBe(1);
  });

  it("prefills the recovery actions executed and the MTTR target of the runbooks run", async () => {
    const i = await resolvedIncident();
    const tag = uniqueEmail("rb");
    const runbook = await db.runbook.create({ data: { slug: `report-test-${tag}`, title: "Outbox stuck", source: `report-test/${tag}.md`, sourceKey: "outbox", mttrMinutes: 5, lastEditedBy: "test" } });
    const version = await db.runbookVersion.create({ data: { runbookId: runbook.id, version: 1, markdown: "1. Do it", sha256: "x", parsed: {}, authorLabel: "test" } });
    await db.runbookRun.create({ data: { runbookId: runbook.id, versionId: version.id, incidentId: i.id, startedByLabel: "alice" } });
    const base = { service: "beacon-runner", params: {}, danger: "caution", targetHash: "x", incidentId: i.id, requestedByLabel: "alice@reports.test" };
    await db.actionRun.createMany({
      data: [
        { ...base, action: "reset-breaker", idempotencyKey: `r1-${tag}`, status: "succeeded", verifyStatus: "passed", approvedByLabel: "bob@reports.test", startedAt: new Date("2026-11-30T10:30:00Z") },
        // Denied before it ran: not part of the resolution.
        { ...base, action: "flush-outbox", idempotencyKey: `r2-${tag}`, status: "denied" },
      ],
    });
    await createReport(alice, i.id, templateId);
    const sections = (await getReportForIncident(i.id))!.sections;
    const resolution = sections.find((s) => s.key === "resolution")!.content;
    expect(resolution).toContain("- 10:30 UTC – **reset-breaker** on beacon-runner: succeeded, verified (run by alice@reports.test, approved by bob@reports.test)");
    expect(resolution).not.toContain("flush-outbox");
    expect(sections[0].content).toMatch(/- \*\*MTTR\*\*: .* \(target 5 min, from the runbook “Outbox stuck”: (met|missed)\)/);
  });

  it("lets two people edit different sections at once, and refuses a stale save of the same section", async () => {
    const i = await resolvedIncident();
    const { id } = await createReport(alice, i.id, templateId);
    // Both start from version 0 of their sections, at the same time.
    const [a, b] = await Promise.all([
      saveReportSection(alice, { reportId: id, key: "root-cause", content: "A lease was never released.", baseVersion: 0 }),
      saveReportSection(bob, { reportId: id, key: "lessons-learned", content: "### What went well\n\n- Fast ack", baseVersion: 0 }),
    ]);
    expect([a.version, b.version]).toEqual([1, 1]);
    // Same section, same base version, concurrently: exactly one wins, the other is told who won.
    const results = await Promise.allSettled([
      saveReportSection(alice, { reportId: id, key: "resolution", content: "alice's fix", baseVersion: 0 }),
      saveReportSection(bob, { reportId: id, key: "resolution", content: "bob's fix", baseVersion: 0 }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0].reason).toBeInstanceOf(ConflictError);
    expect(lost[0].reason.message).toMatch(/(alice|bob)@reports\.test saved “Resolution” at \d\d:\d\d UTC while you were editing/);
    const saved = (await getReportForIncident(i.id))!.sections.find((s) => s.key === "resolution")!;
    expect(["alice's fix", "bob's fix"]).toContain(saved.content);
    expect(saved.version).toBe(1);
  });

  it("goes draft → in review → published, stores the published document, and reopens as revision 2", async () => {
    const i = await resolvedIncident();
    const { id } = await createReport(alice, i.id, templateId);
    await expect(changeReportStatus(alice, { reportId: id, from: "draft", to: "published" })).rejects.toThrow(ValidationError);
    await changeReportStatus(alice, { reportId: id, from: "draft", to: "in_review" });
    await changeReportStatus(bob, { reportId: id, from: "in_review", to: "published" });
    await expect(saveReportSection(alice, { reportId: id, key: "root-cause", content: "late edit", baseVersion: 0 })).rejects.toThrow(/published and read-only/);

    const report = (await getReportForIncident(i.id))!;
    const stored = await db.reportRevision.findFirstOrThrow({ where: { reportId: id, revision: 1 } });
    expect(stored.markdown).toBe(reportToMarkdown(report.doc));
    expect(parseReportMarkdown(stored.markdown)?.sections.map((s) => s.key)).toEqual(report.sections.map((s) => s.key));

    // Published is frozen: an action item added later is tracked, but the published document stays.
    await db.actionItem.create({ data: { incidentId: i.id, title: "Alert on lease age", createdByLabel: "test" } });
    const frozen = (await getReportForIncident(i.id))!;
    expect(frozen.publishedMarkdown).toBe(stored.markdown);
    expect(reportToMarkdown(frozen.doc)).toBe(stored.markdown);
    expect(stored.markdown).not.toContain("Alert on lease age");

    await expect(startReportRevision(alice, { reportId: id, revision: 2 })).rejects.toThrow(ConflictError);
    await startReportRevision(alice, { reportId: id, revision: 1 });
    const reopened = (await getReportForIncident(i.id))!;
    expect(reopened).toMatchObject({ status: "draft", revision: 2 });
    expect(reopened.revisions.map((r) => r.revision)).toEqual([1]);
    // The draft lists the tracker's items as they stand.
    expect(reopened.doc.sections.find((s) => s.key === "action-items")?.body).toBe("- [ ] Alert on lease age (no owner, open)");
    await saveReportSection(alice, { reportId: id, key: "root-cause", content: "Revised cause", baseVersion: 0 });
  });

  it("refuses a stale status change and leaves the report as it was", async () => {
    const i = await resolvedIncident();
    const { id } = await createReport(alice, i.id, templateId);
    await changeReportStatus(alice, { reportId: id, from: "draft", to: "in_review" });
    await expect(changeReportStatus(bob, { reportId: id, from: "draft", to: "in_review" })).rejects.toThrow(/moved this report to “In review”/);
    expect(await db.reportRevision.count({ where: { reportId: id } })).toBe(0);
  });
});
