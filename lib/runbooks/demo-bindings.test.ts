// The demo workspace's runbooks as the seed imports them, against the running demo fleet: every
// fault the fleet offers has a runbook, that runbook has a step bound to the fault's recovery
// endpoint, and what the step sends (its bound params; the others as the responder picks them)
// ends the fault. A new fault without a runbook or a bound step fails here.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { paramSchema } from "@/lib/actions/params";
import { SCENARIOS } from "@/demo/scenarios";
import { CATALOG_TEXT, setupFleet, type Json } from "@/demo/testing";
import { DEMO_RUNBOOKS } from "@/lib/runbooks/demo";
import { bindDemoDocument, catalogActionRefs } from "@/lib/runbooks/demo-bindings";
import { parseRunbookDocument } from "@/lib/runbooks/parse";
import { suggestBindings } from "@/lib/runbooks/parse/bindings";
import type { ParsedBinding, ParsedRunbook } from "@/lib/runbooks/parse/types";
import { parseCatalog } from "@/lib/services/catalog";
import type { Catalog, CatalogAction } from "@/lib/services/catalog-schema";

const parsedCatalog = parseCatalog(CATALOG_TEXT, "demo/catalog.yaml", {});
if (!parsedCatalog.ok) throw new Error("demo/catalog.yaml does not parse; demo/catalog.test.ts says why");
const catalog = parsedCatalog.catalog;
const seeds = DEMO_RUNBOOKS.map((d) => {
  const raw = readFileSync(new URL(`../../demo/runbooks/${d.file}`, import.meta.url), "utf8");
  const bound = bindDemoDocument(d.file, raw, catalog, d.steps);
  return { ...d, raw, bound, doc: parseRunbookDocument(bound.text, d.file) };
});

const path = (url: string) => new URL(url).pathname;
/** The text without sitrep-action blocks and blank lines: what binding must leave as it was. */
const stripBlocks = (md: string) => md.replace(/^ *```sitrep-action\n[\s\S]*?\n *```$/gm, "").split("\n").filter((l) => l.trim());
const boundSteps = (r: ParsedRunbook) =>
  r.phases.flatMap((p, pi) => p.steps.flatMap((s, si) => (s.binding ? [{ step: `${pi}.${si}`, text: s.text, binding: s.binding }] : [])));
const actionOf = (c: Catalog, b: ParsedBinding): CatalogAction | undefined =>
  c.services.find((s) => s.slug === b.service)?.actions.find((a) => a.name === b.action);

/** The body an executor sends: bound params, the others as the fault needs them (the responder's pick), else defaults. */
function bodyFor(action: CatalogAction, bound: Record<string, string>, recovery: Json): Json {
  const values: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.params)) values[name] = bound[name] ?? (recovery[name] !== undefined ? String(recovery[name]) : String(spec.default ?? ""));
  const template = JSON.stringify(action.http!.body ?? {});
  return JSON.parse(template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => JSON.stringify(values[k] ?? "").slice(1, -1)));
}

describe("binding the demo runbooks (pure)", () => {
  it.each(seeds.map((s) => [s.file, s] as const))("%s: binds without problems and adds only sitrep-action blocks (and blank lines around them)", (_, s) => {
    expect(s.bound.problems).toEqual([]);
    expect(s.bound.bindings.length).toBeGreaterThan(0);
    expect(stripBlocks(s.bound.text)).toEqual(stripBlocks(s.raw));
    expect(s.doc.runbooks.map((r) => r.key)).toEqual(parseRunbookDocument(s.raw, s.file).runbooks.map((r) => r.key));
  });

  it.each(seeds.map((s) => [s.file, s] as const))("%s: binding again changes nothing", (_, s) => {
    const again = bindDemoDocument(s.file, s.bound.text, catalog, s.steps);
    expect([again.text === s.bound.text, again.bindings, again.problems]).toEqual([true, [], []]);
  });

  it("applies every suggestion the catalog's matches patterns make", () => {
    const left = seeds.flatMap((s) => suggestBindings(s.doc, catalogActionRefs(catalog)).map((x) => `${s.file}#${x.runbookKey} ${x.phaseIndex}.${x.stepIndex}: ${x.service}/${x.action}`));
    expect(left).toEqual([]);
  });

  it.each(seeds.map((s) => [s.file, s] as const))("%s: binds the steps in place, code-only and table steps too, adding none", (_, s) => {
    const shape = (d: { runbooks: ParsedRunbook[] }) => d.runbooks.map((r) => [r.key, r.phases.map((p) => p.steps.map((x) => x.text))]);
    expect(shape(s.doc)).toEqual(shape(parseRunbookDocument(s.raw, s.file)));
    for (const b of s.bound.bindings) {
      const [p, i] = b.step.split(".").map(Number);
      expect(s.doc.runbooks.find((r) => r.key === b.runbook)!.phases[p].steps[i].binding, `${b.runbook} ${b.step}`).toMatchObject({ service: b.service, action: b.action });
    }
  });

  it("binds params the step implies, and no param the action lacks", () => {
    const yagna = seeds[0].doc.runbooks.find((r) => r.key === "golem-network-recovery")!;
    expect(boundSteps(yagna).map((s) => s.binding)).toEqual([{ service: "beacon-runner", action: "restart-service", params: { service: "yagna" } }]);
    for (const s of seeds) for (const r of s.doc.runbooks) for (const { binding } of boundSteps(r)) {
      const action = actionOf(catalog, binding);
      expect(action, `${binding.service}/${binding.action}`).toBeDefined();
      for (const [k, v] of Object.entries(binding.params)) expect(paramSchema(k, action!.params[k]).safeParse(v).success, `${r.key} ${k}=${v}`).toBe(true);
    }
  });
});

describe("the demo fleet's faults, fixed from their runbook pages", () => {
  const f = setupFleet();
  const mapped = new Map(seeds.flatMap((s) => Object.entries(s.scenarios).map(([fault, key]) => [fault, { seed: s, key }] as const)));

  it("every runbook scenario names a fault the fleet offers", () => {
    const offered = new Set(f.index.services.flatMap((s: Json) => s.faults.map((x: Json) => `${s.slug}/${x.name}`)));
    expect([...mapped.keys()].filter((k) => !offered.has(k))).toEqual([]);
  });

  it("every fault has a runbook with a step bound to its recovery endpoint, and that step ends the fault", async () => {
    const failures: string[] = [];
    for (const service of f.index.services) {
      for (const fault of service.faults as Json[]) {
        const key = `${service.slug}/${fault.name}`;
        const where = mapped.get(key);
        const r = where?.seed.doc.runbooks.find((x) => x.key === where.key);
        if (!where || !r) {
          failures.push(`${key}: no demo runbook answers it (add it to a DEMO_RUNBOOKS entry's scenarios in lib/runbooks/demo.ts${where ? `; ${where.seed.file} has no runbook ${where.key}` : ""})`);
          continue;
        }
        const endpoint = path(fault.recovery.url);
        const steps = boundSteps(r).map((s) => ({ ...s, action: actionOf(f.catalog, s.binding) }));
        const hits = steps.filter((s) => s.action?.http && path(s.action.http.url) === endpoint);
        if (!hits.length) {
          const bound = steps.map((s) => `${s.step} ${s.binding.service}/${s.binding.action}`).join(", ") || "none";
          failures.push(`${key}: ${where.seed.file}#${where.key} has no step bound to ${fault.recovery.action} (POST ${endpoint}); bound steps: ${bound}`);
          continue;
        }
        for (const hit of hits) failures.push(...(await endsFault(key, hit.step, hit.action!, hit.binding.params)));
      }
    }
    expect(failures).toEqual([]);
  });

  /** Injects the fault into a reset fleet, sends what the bound step sends, and checks the fault is gone. */
  async function endsFault(key: string, step: string, action: CatalogAction, bound: Record<string, string>): Promise<string[]> {
    const [slug, name] = key.split("/");
    expect((await f.api.post("/reset")).status).toBe(200);
    const injected = await f.api.post(`/${slug}/faults/${name}`, SCENARIOS[key]?.inject);
    if (injected.status !== 200) return [`${key}: injecting it failed: ${injected.text}`];
    const recovery = injected.json.recovery.body;
    const problems = Object.entries(recovery).flatMap(([k, v]) => {
      if (bound[k] !== undefined || !action.params[k]) return [];
      return paramSchema(k, action.params[k]).safeParse(String(v)).success ? [] : [`${key} step ${step}: ${k} cannot be set to ${String(v)}`];
    });
    const body = bodyFor(action, bound, recovery);
    const sent = await f.api.post(path(action.http!.url), body);
    const active: string[] = (await f.api.get(`/${slug}/faults`)).json.active;
    if (sent.status !== 200 || active.includes(name)) problems.push(`${key} step ${step}: ${JSON.stringify(body)} gave HTTP ${sent.status} and left the fault ${active.includes(name) ? "active" : "cleared"}: ${sent.text.slice(0, 200)}`);
    return problems;
  }
});
