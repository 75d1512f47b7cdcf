import { describe, expect, it } from "vitest";
import { DEFAULT_CHECKLIST_TEMPLATES, DEFAULT_REPORT_TEMPLATES } from "@/lib/reports/defaults";
import { templateSectionsSchema } from "@/lib/reports/sections";
import { SEVERITIES } from "@/lib/incidents/rules";

describe("default templates", () => {
  it("are valid templates", () => {
    for (const t of DEFAULT_REPORT_TEMPLATES) expect(templateSectionsSchema.safeParse(t.sections).success, t.slug).toBe(true);
  });
  it("give every severity exactly one default report template", () => {
    for (const s of SEVERITIES) expect(DEFAULT_REPORT_TEMPLATES.filter((t) => t.defaultFor.includes(s)), s).toHaveLength(1);
  });
  it("follow the seed's incident report template", () => {
    const full = DEFAULT_REPORT_TEMPLATES.find((t) => t.slug === "incident-report")!;
    expect(full.sections.map((s) => s.title)).toEqual(["Summary", "Timeline", "Root cause", "Resolution", "Lessons learned", "Action items"]);
  });
  it("carry the seeds' post-incident checklists, in their buckets", () => {
    const main = DEFAULT_CHECKLIST_TEMPLATES.find((t) => t.isDefault)!;
    expect(main.items.filter((i) => i.bucket === "immediate").map((i) => i.text)).toEqual(["Service fully restored", "Monitoring normal", "Status page updated", "Stakeholders notified"]);
    const worker = DEFAULT_CHECKLIST_TEMPLATES.find((t) => t.slug === "worker-post-incident")!;
    expect(worker.items.map((i) => i.text)).toContain("Review monitoring gaps");
    expect(worker.items).toHaveLength(8);
  });
  it("rejects duplicate section keys with a message naming the key", () => {
    const r = templateSectionsSchema.safeParse([
      { key: "a", title: "A", type: "markdown" },
      { key: "a", title: "B", type: "markdown" },
    ]);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toContain('"a"');
  });
});
