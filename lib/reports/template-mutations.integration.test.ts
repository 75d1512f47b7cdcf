import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ConflictError, ValidationError } from "@/lib/errors";
import { SEVERITIES, type Severity } from "@/lib/incidents/rules";
import { createChecklistTemplate, setChecklistTemplateArchived, updateChecklistTemplate } from "@/lib/reports/checklist-template-mutations";
import { ensureDefaultTemplates } from "@/lib/reports/ensure-defaults";
import type { TemplateSection } from "@/lib/reports/sections";
import { getReportTemplateDetail } from "@/lib/reports/template-admin-queries";
import { createReportTemplate, setReportTemplateArchived, updateReportTemplate } from "@/lib/reports/template-mutations";
import { getReportTemplateVersion } from "@/lib/reports/template-queries";
import { createReportTemplateSchema, updateChecklistTemplateSchema, updateReportTemplateSchema } from "@/lib/reports/template-schemas";

const alice = { id: null, label: "alice@test.sitrep" };
const bob = { id: null, label: "bob@test.sitrep" };
const tag = () => randomUUID().slice(0, 8);
const section = (key: string, type: TemplateSection["type"] = "markdown"): TemplateSection => ({ key, title: `Section ${key}`, guidance: `Write about ${key}.`, type });

// Every report template as it was before this file ran: moving a default changes the seeded
// defaults too (that is the rule under test), and they are put back afterwards.
let before: { id: string; defaultFor: Severity[]; version: number; archived: boolean }[] = [];
const mine = { reports: new Set<string>(), checklists: new Set<string>() };

async function newReportTemplate(options: { defaultFor?: Severity[]; sections?: TemplateSection[]; name?: string } = {}) {
  const name = options.name ?? `Test report ${tag()}`;
  const r = await createReportTemplate(alice, { name, description: "", defaultFor: options.defaultFor ?? [], sections: options.sections ?? [section("summary", "summary"), section("cause")] });
  mine.reports.add(r.id);
  return { ...r, name };
}
const holdersOf = async (s: Severity) => (await db.reportTemplate.findMany({ where: { defaultFor: { has: s } }, select: { id: true } })).map((t) => t.id);
const row = (id: string) => db.reportTemplate.findUniqueOrThrow({ where: { id }, select: { version: true, defaultFor: true, name: true } });
const writes = async () => ({
  audit: await db.auditEntry.count(),
  versions: await db.reportTemplateVersion.count(),
  templates: await db.reportTemplate.count(),
  checklists: await db.checklistTemplate.aggregate({ _sum: { version: true }, _count: true }),
});

beforeAll(async () => {
  await ensureDefaultTemplates();
  before = await db.reportTemplate.findMany({ select: { id: true, defaultFor: true, version: true, archived: true } });
});

afterAll(async () => {
  await db.reportTemplate.deleteMany({ where: { id: { in: [...mine.reports] } } });
  await db.checklistTemplate.deleteMany({ where: { id: { in: [...mine.checklists] } } });
  for (const t of before) {
    await db.reportTemplateVersion.deleteMany({ where: { templateId: t.id, version: { gt: t.version } } });
    await db.reportTemplate.update({ where: { id: t.id }, data: { defaultFor: t.defaultFor, version: t.version, archived: t.archived } });
  }
});

describe("report template versions", () => {
  it("saves a new version with the new sections and keeps the old one readable", async () => {
    const t = await newReportTemplate();
    const saved = await updateReportTemplate(bob, { slug: t.slug, fromVersion: 1, name: t.name, description: "Now with lessons", defaultFor: [], sections: [section("summary", "summary"), section("lessons"), section("cause")], note: "lessons learned" });
    expect(saved).toMatchObject({ version: 2, changed: true });

    expect((await getReportTemplateVersion(t.id))?.sections.map((s) => s.key)).toEqual(["summary", "lessons", "cause"]);
    expect((await getReportTemplateVersion(t.id, 1))?.sections.map((s) => s.key)).toEqual(["summary", "cause"]);
    const detail = await getReportTemplateDetail(t.slug);
    expect(detail?.versions.map((v) => [v.version, v.authorLabel, v.note])).toEqual([[2, bob.label, "lessons learned"], [1, alice.label, "Created"]]);
    expect(detail).toMatchObject({ version: 2, description: "Now with lessons", lastEditedBy: bob.label });

    const audit = await db.auditEntry.findFirst({ where: { targetType: "report_template", targetId: t.id, verb: "report_template.update" } });
    expect(audit).toMatchObject({ actorLabel: bob.label, before: { version: 1 }, after: { version: 2, note: "lessons learned" } });

    // Saving what is already there writes nothing.
    const count = await writes();
    expect(await updateReportTemplate(bob, { slug: t.slug, fromVersion: 2, name: t.name, description: "Now with lessons", defaultFor: [], sections: detail!.sections, note: "" })).toMatchObject({ version: 2, changed: false });
    expect(await writes()).toEqual(count);
  });

  it("derives a unique slug from the name, never one of the editor's own routes", async () => {
    const name = `Same name ${tag()}`;
    const [a, b] = [await newReportTemplate({ name }), await newReportTemplate({ name })];
    expect(a.slug).toBe(name.toLowerCase().replace(/ /g, "-"));
    expect(b.slug).toBe(`${a.slug}-2`);
    const c = await createChecklistTemplate(alice, { name: "New", description: "", isDefault: false, items: [{ bucket: "immediate", text: "x" }] });
    mine.checklists.add(c.id);
    expect(c.slug).toMatch(/^new-\d+$/);
  });

  it("refuses a save based on a stale version, saying who saved which version when, and writes nothing", async () => {
    const t = await newReportTemplate();
    await updateReportTemplate(bob, { slug: t.slug, fromVersion: 1, name: `${t.name} (bob)`, description: "", defaultFor: [], sections: [section("bob")], note: "" });
    const count = await writes();
    const stale = updateReportTemplate(alice, { slug: t.slug, fromVersion: 1, name: `${t.name} (alice)`, description: "", defaultFor: ["P2"], sections: [section("alice")], note: "" });
    await expect(stale).rejects.toThrow(ConflictError);
    await expect(stale).rejects.toThrow(/^bob@test\.sitrep saved version 2 at \d\d:\d\d UTC while you were editing version 1\./);
    expect(await writes()).toEqual(count);
    expect(await row(t.id)).toMatchObject({ version: 2, name: `${t.name} (bob)`, defaultFor: [] });
  });
});

describe("one default per severity", () => {
  it("moves a severity from its old template to the new one in the same transaction, audited on both", async () => {
    const [oldHolder] = await holdersOf("P1");
    const oldVersion = oldHolder ? (await row(oldHolder)).version : 0;
    const x = await newReportTemplate({ defaultFor: ["P1"] });
    expect(await holdersOf("P1")).toEqual([x.id]);
    if (oldHolder) {
      const former = await db.reportTemplate.findUniqueOrThrow({ where: { id: oldHolder }, select: { slug: true, version: true, defaultFor: true } });
      expect(former.version).toBe(oldVersion + 1);
      expect(former.defaultFor).not.toContain("P1");
      expect(x.moved).toEqual([expect.objectContaining({ slug: former.slug, severities: ["P1"] })]);
      const created = await db.auditEntry.findFirst({ where: { targetId: x.id, verb: "report_template.create" } });
      expect(created?.after).toMatchObject({ defaultFor: ["P1"], defaultsTakenFrom: [`P1 from ${former.slug}`] });
      const moved = await db.auditEntry.findFirst({ where: { targetId: oldHolder, verb: "report_template.default_moved" }, orderBy: { seq: "desc" } });
      expect(moved?.after).toMatchObject({ severities: ["P1"], movedTo: x.slug, version: oldVersion + 1 });
      expect((await getReportTemplateDetail(former.slug))?.versions[0].note).toBe(`Default for P1 moved to ${x.name}`);
    }

    // Y takes P1 and P3 by an edit: X loses P1 (a new version of X), P3's holder loses P3.
    const y = await newReportTemplate();
    const r = await updateReportTemplate(bob, { slug: y.slug, fromVersion: 1, name: y.name, description: "", defaultFor: ["P3", "P1"], sections: [section("only")], note: "" });
    expect(r.moved.map((m) => m.slug)).toContain(x.slug);
    expect(await row(y.id)).toMatchObject({ defaultFor: ["P1", "P3"], version: 2 });
    expect(await row(x.id)).toMatchObject({ defaultFor: [], version: 2 });
    for (const s of SEVERITIES) expect((await holdersOf(s)).length, s).toBeLessThanOrEqual(1);
    expect(await holdersOf("P3")).toEqual([y.id]);
  });

  it("lets only one of two admins giving the same severity at once keep it", async () => {
    const [a, b] = await Promise.all([newReportTemplate(), newReportTemplate()]);
    await Promise.all([a, b].map((t) => updateReportTemplate(alice, { slug: t.slug, fromVersion: 1, name: t.name, description: "", defaultFor: ["P4"], sections: [section("one")], note: "" })));
    const holders = await holdersOf("P4");
    expect(holders).toHaveLength(1);
    expect([a.id, b.id]).toContain(holders[0]);
  });

  it("moves nothing when the save that would take the default is refused", async () => {
    const t = await newReportTemplate();
    await updateReportTemplate(bob, { slug: t.slug, fromVersion: 1, name: t.name, description: "", defaultFor: [], sections: [section("v2")], note: "" });
    const holders = await holdersOf("P2");
    await expect(updateReportTemplate(alice, { slug: t.slug, fromVersion: 1, name: t.name, description: "", defaultFor: ["P2"], sections: [section("v2")], note: "" })).rejects.toThrow(ConflictError);
    expect(await holdersOf("P2")).toEqual(holders);
  });

  it("never archives a default, and gives no default to an archived template", async () => {
    const t = await newReportTemplate({ defaultFor: ["P2"] });
    await expect(setReportTemplateArchived(alice, t.slug, true)).rejects.toThrow(/default for P2: make another template their default first/);
    const plain = await newReportTemplate();
    await setReportTemplateArchived(alice, plain.slug, true);
    const giving = updateReportTemplate(alice, { slug: plain.slug, fromVersion: 1, name: plain.name, description: "", defaultFor: ["P2"], sections: [section("x")], note: "" });
    await expect(giving).rejects.toThrow(ValidationError);
    expect(await holdersOf("P2")).toEqual([t.id]);
    expect(await db.auditEntry.count({ where: { targetId: plain.id, verb: "report_template.archive" } })).toBe(1);
  });
});

describe("validation", () => {
  // The actions parse with these schemas before any handler runs, and answer each issue under
  // its path joined by dots (lib/action-client.ts): the editors show it beside that field.
  const paths = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => (r.error?.issues ?? []).map((i) => i.path.join(".")).sort();

  it("names each bad field by its path, down to the section or item", () => {
    const bad = createReportTemplateSchema.safeParse({ name: "Bad", defaultFor: ["P1", "P9"], sections: [section("ok"), { key: "Bad Key", title: "", type: "nope", guidance: "" }] });
    expect(paths(bad)).toEqual(["defaultFor.1", "sections.1.key", "sections.1.title", "sections.1.type"]);
    const twice = createReportTemplateSchema.safeParse({ name: "Twice", sections: [section("ok"), section("ok")] });
    expect(twice.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["sections.1.key", 'Two sections use the key "ok": keys must be unique.']]);
    expect(paths(updateReportTemplateSchema.safeParse({ slug: "x", fromVersion: 1, name: " ", sections: [] }))).toEqual(["name", "sections"]);
    expect(paths(updateChecklistTemplateSchema.safeParse({ slug: "x", fromVersion: 1, name: "x", items: [{ bucket: "short", text: "ok" }, { bucket: "later", text: " " }] }))).toEqual(["items.1.bucket", "items.1.text"]);
    expect(createReportTemplateSchema.parse({ name: " Trimmed ", defaultFor: "P3, P1, P3", sections: [section("a")] })).toMatchObject({ name: "Trimmed", defaultFor: ["P1", "P3"], description: "" });
  });

  it("writes nothing when a save is refused after parsing", async () => {
    const t = await newReportTemplate();
    await setReportTemplateArchived(alice, t.slug, true);
    const count = await writes();
    await expect(updateReportTemplate(alice, { slug: t.slug, fromVersion: 1, name: "Renamed", description: "", defaultFor: ["P3"], sections: [section("x")], note: "" })).rejects.toThrow(ValidationError);
    await expect(updateReportTemplate(alice, { slug: `${t.slug}-gone`, fromVersion: 1, name: "Renamed", description: "", defaultFor: [], sections: [section("x")], note: "" })).rejects.toThrow(/does not exist/);
    expect(await writes()).toEqual(count);
    expect(await row(t.id)).toMatchObject({ version: 1, name: t.name, defaultFor: [] });
  });
});

describe("checklist templates", () => {
  it("saves items grouped by bucket as a new version, refuses a stale save, and archives", async () => {
    const c = await createChecklistTemplate(alice, { name: `Checklist ${tag()}`, description: "", isDefault: false, items: [{ bucket: "long", text: "Post-mortem" }, { bucket: "immediate", text: "Restored" }] });
    mine.checklists.add(c.id);
    const stored = async () => db.checklistTemplate.findUniqueOrThrow({ where: { id: c.id }, select: { items: true, version: true, isDefault: true, updatedByLabel: true, archived: true } });
    expect((await stored()).items).toEqual([{ bucket: "immediate", text: "Restored" }, { bucket: "long", text: "Post-mortem" }]);

    const items = [{ bucket: "immediate" as const, text: "Restored" }, { bucket: "short" as const, text: "Post-mortem" }];
    expect(await updateChecklistTemplate(bob, { slug: c.slug, fromVersion: 1, name: "Renamed", description: "", isDefault: true, items })).toEqual({ version: 2, changed: true });
    expect(await stored()).toMatchObject({ version: 2, items, isDefault: true, updatedByLabel: bob.label });
    const audit = await db.auditEntry.findFirst({ where: { targetType: "checklist_template", targetId: c.id, verb: "checklist_template.update" } });
    expect(audit).toMatchObject({ before: { version: 1, items: [{ bucket: "immediate" }, { bucket: "long" }] }, after: { version: 2, items } });

    await expect(updateChecklistTemplate(alice, { slug: c.slug, fromVersion: 1, name: "Stale", description: "", isDefault: false, items })).rejects.toThrow(/^bob@test\.sitrep saved version 2 at .* while you were editing version 1/);
    await setChecklistTemplateArchived(alice, c.slug, true);
    expect(await stored()).toMatchObject({ version: 2, archived: true, isDefault: true });
    // The archive is no save: a stale editor is still told about bob's version.
    await expect(updateChecklistTemplate(alice, { slug: c.slug, fromVersion: 1, name: "Stale", description: "", isDefault: false, items })).rejects.toThrow(/^bob@test\.sitrep saved version 2/);
  });
});

describe("ensureDefaultTemplates", () => {
  it("adds nothing a second time and leaves an edited default as the admin left it", async () => {
    const def = await getReportTemplateDetail("incident-report");
    expect(def).not.toBeNull();
    await updateReportTemplate(bob, { slug: "incident-report", fromVersion: def!.version, name: "Incident report (edited)", description: def!.description, defaultFor: def!.defaultFor, sections: def!.sections.slice(0, 2), note: "trimmed" });
    const checklist = await db.checklistTemplate.findUniqueOrThrow({ where: { slug: "post-incident" }, select: { items: true, version: true } });
    const count = await writes();

    expect(await ensureDefaultTemplates()).toEqual({ created: [] });
    expect(await writes()).toEqual(count);
    const edited = await getReportTemplateDetail("incident-report");
    expect(edited).toMatchObject({ name: "Incident report (edited)", version: def!.version + 1 });
    expect(edited!.sections).toHaveLength(2);
    expect(await db.checklistTemplate.findUniqueOrThrow({ where: { slug: "post-incident" }, select: { items: true, version: true } })).toEqual(checklist);
    await db.reportTemplate.update({ where: { id: def!.id }, data: { name: def!.name } });
  });
});
