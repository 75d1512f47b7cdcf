import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ConflictError, ValidationError } from "@/lib/errors";
import { declareIncident } from "@/lib/incidents/mutations";
import { markableSteps } from "@/lib/runbooks/derive";
import { importRunbookDocument } from "@/lib/runbooks/import";
import { editRunbook } from "@/lib/runbooks/mutations";
import { getRunbook, listRunbooks, suggestRunbooks } from "@/lib/runbooks/queries";
import { getRun } from "@/lib/runbooks/run-queries";
import { finishRunbookRun, markRunbookStep, setRunVars, startRunbookRun } from "@/lib/runbooks/runs";

const actor = { id: null, label: "runbook-test" };
const seed = (file: string) => readFileSync(new URL(`../../demo/runbooks/${file}`, import.meta.url), "utf8");
const source = (name: string) => `test/${randomUUID().slice(0, 8)}/${name}`;

describe("importing runbooks", () => {
  it("imports a document once, skips it unchanged, versions what changed and archives what went away", async () => {
    const src = source("beacon-runner-runbook.md");
    const text = seed("beacon-runner-runbook.md");
    const first = await importRunbookDocument(actor, { source: src, text, services: ["beacon-runner"] });
    expect(first.status).toBe("imported");
    expect(first.created.length).toBeGreaterThan(5);
    expect(await db.runbook.count({ where: { source: src } })).toBe(first.created.length);
    expect((await db.runbook.findMany({ where: { source: src }, select: { services: true } })).every((r) => r.services.includes("beacon-runner"))).toBe(true);

    expect(await importRunbookDocument(actor, { source: src, text })).toMatchObject({ status: "unchanged", created: [] });

    const edited = text.replace("**Alert**: `RunnerDown`", "**Alert**: `RunnerDown`\n\nPage the platform on-call first.");
    const second = await importRunbookDocument(actor, { source: src, text: edited });
    expect(second.updated).toHaveLength(1);
    expect(second.unchanged).toHaveLength(first.created.length - 1);
    const changed = await getRunbook(second.updated[0]);
    expect(changed).toMatchObject({ version: 2, alerts: ["RunnerDown"] });
    expect(changed!.markdown).toContain("Page the platform on-call first.");
    expect(changed!.versions.map((v) => v.version)).toEqual([2, 1]);

    const cut = edited.slice(0, edited.indexOf("## Emergency Contacts"));
    const third = await importRunbookDocument(actor, { source: src, text: cut });
    expect(third.archived.length).toBeGreaterThan(0);
    expect((await listRunbooks({ archived: "1", q: "" })).some((r) => third.archived.includes(r.slug))).toBe(true);
    const audit = await db.auditEntry.findMany({ where: { verb: "runbook.import", after: { path: ["documents"], array_contains: [{ source: src }] } } });
    expect(audit).toHaveLength(3);
  });

  it("lets two concurrent imports of one document create each runbook once", async () => {
    const src = source("aitbc.md");
    const text = seed("aitbc-incident-runbooks.md");
    await Promise.all([importRunbookDocument(actor, { source: src, text }), importRunbookDocument(actor, { source: src, text })]);
    const rows = await db.runbook.findMany({ where: { source: src }, select: { sourceKey: true } });
    expect(new Set(rows.map((r) => r.sourceKey)).size).toBe(rows.length);
    expect(await db.runbookVersion.count({ where: { runbook: { source: src } } })).toBe(rows.length);
  });

  it("finds runbooks by title, alert and command words, and filters by service", async () => {
    const src = source("search-beacon.md");
    const searchSvc = `search-${randomUUID().slice(0, 8)}`;
    await importRunbookDocument(actor, { source: src, text: seed("beacon-runner-runbook.md"), services: [searchSvc] });
    const byAlert = await listRunbooks({ q: "RunnerDown", service: searchSvc });
    expect(byAlert.map((r) => r.alerts)).toContainEqual(["RunnerDown"]);
    const byCommand = await listRunbooks({ q: "flyctl restart", service: searchSvc });
    expect(byCommand.length).toBeGreaterThan(0);
    expect(await listRunbooks({ q: "no-such-word-anywhere", service: searchSvc })).toEqual([]);
  });
});

describe("editing", () => {
  it("saves a new version, and refuses a save based on an older one", async () => {
    const src = source("edit.md");
    const { created } = await importRunbookDocument(actor, { source: src, text: "# NATS down\n\n1. Restart NATS: `systemctl restart nats`\n" });
    const slug = created[0];
    const saved = await editRunbook(actor, { slug, fromVersion: 1, markdown: "# NATS down\n\n1. Restart NATS: `systemctl restart nats`\n2. Check `nats server check`\n", note: "check step" });
    expect(saved).toEqual({ version: 2, changed: true });
    await expect(editRunbook({ id: null, label: "bob" }, { slug, fromVersion: 1, markdown: "# stale\n", note: "" })).rejects.toThrow(ConflictError);
    await expect(editRunbook(actor, { slug, fromVersion: 1, markdown: "# stale\n", note: "" })).rejects.toThrow(/saved version 2 .* while you were editing version 1/);
    const rb = await getRunbook(slug);
    expect(rb!.version).toBe(2);
    expect(markableSteps(rb!.parsed)).toHaveLength(2);
  });
});

describe("guided runs", () => {
  async function setup() {
    const src = source("guided.md");
    const text = "# JetStream overflow\n\n**Alert**: `JetStreamOverflow`\n\n### Immediate Actions (0-2 minutes)\n1. **Check the stream**: `nats stream info <STREAM_NAME>`\n2. **Purge it**: `nats stream purge <STREAM_NAME>` (DANGER: data loss)\n3. **Tell the router**: `curl -H \"Authorization: Bearer $API_TOKEN\" http://router/reload`\n";
    const service = `guided-${randomUUID().slice(0, 8)}`;
    const { created } = await importRunbookDocument(actor, { source: src, text, services: [service] });
    const incident = await declareIncident(actor, { title: `JetStreamOverflow firing ${randomUUID().slice(0, 6)}`, severity: "P2", services: [service], summary: "" });
    return { slug: created[0], incident, service };
  }

  it("suggests the runbook, runs it once for everyone, and writes each step on the timeline", async () => {
    const { slug, incident, service } = await setup();
    const suggested = await suggestRunbooks({ services: [service], title: incident.title, summary: "" });
    expect(suggested.map((s) => s.slug)).toContain(slug);

    const a = await startRunbookRun({ id: null, label: "alice" }, { incidentId: incident.id, slug, drill: false });
    const b = await startRunbookRun({ id: null, label: "bob" }, { incidentId: incident.id, slug, drill: false });
    expect(b).toEqual({ runId: a.runId, joined: true });

    await setRunVars({ id: null, label: "alice" }, { runId: a.runId, vars: { "<STREAM_NAME>": "ROUTER" } });
    await expect(setRunVars(actor, { runId: a.runId, vars: { $NOPE: "x" } })).rejects.toThrow(ValidationError);
    // A secret never reaches the database, whoever types it.
    await expect(setRunVars(actor, { runId: a.runId, vars: { $API_TOKEN: "s3cr3t-value" } })).rejects.toThrow(/does not store secrets/);

    await markRunbookStep({ id: null, label: "alice" }, { runId: a.runId, step: "0.0", from: "", status: "done", note: "stream is full" });
    // Bob saw the step unmarked: his mark is refused, not silently applied over Alice's.
    await expect(markRunbookStep({ id: null, label: "bob" }, { runId: a.runId, step: "0.0", from: "", status: "failed", note: "" })).rejects.toThrow(/alice marked it done/);
    await expect(markRunbookStep(actor, { runId: a.runId, step: "9.9", from: "", status: "done", note: "" })).rejects.toThrow(ValidationError);

    const run = (await getRun(a.runId))!.run;
    expect(run.progress).toEqual({ marked: 1, total: 3, failed: 0 });
    expect(run.parsed.placeholders).toEqual(["<STREAM_NAME>", "$API_TOKEN"]);
    expect(JSON.stringify(await db.runbookRun.findMany({ where: { id: a.runId } }))).not.toContain("s3cr3t-value");
    expect(await db.auditEntry.count({ where: { after: { string_contains: "s3cr3t-value" } } })).toBe(0);
    expect(run.vars).toEqual({ "<STREAM_NAME>": "ROUTER" });
    const events = await db.timelineEvent.findMany({ where: { incidentId: incident.id, kind: "runbook" }, orderBy: { id: "asc" }, select: { data: true, actorLabel: true } });
    expect(events.map((e) => (e.data as { event: string }).event)).toEqual(["started", "vars", "step"]);
    expect(events[2]).toMatchObject({ actorLabel: "alice", data: expect.objectContaining({ number: 1, title: "Check the stream", status: "done", note: "stream is full" }) });

    await finishRunbookRun(actor, { runId: a.runId, status: "completed" });
    await expect(markRunbookStep(actor, { runId: a.runId, step: "0.1", from: "", status: "done", note: "" })).rejects.toThrow(/completed/);
    expect((await getRunbook(slug))!.lastUsedAt).toBeInstanceOf(Date);
  });
});
