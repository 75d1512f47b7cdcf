// Parses and validates the service catalog. Every problem is reported with its file, line,
// column and field, and a catalog with any problem is refused whole: Sitrep never runs half-loaded.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from "yaml";
import { catalogSchema, type Catalog } from "@/lib/services/catalog-schema";

export type CatalogProblem = { file: string; line: number; column: number; path: string; message: string };
export type CatalogResult = { ok: true; catalog: Catalog } | { ok: false; problems: CatalogProblem[] };

type Path = (string | number)[];

export const formatProblem = (p: CatalogProblem) => `${p.file}:${p.line}:${p.column}: ${p.path ? `${p.path}: ` : ""}${p.message}`;

function pathText(path: Path): string {
  return path.reduce<string>((s, k) => (typeof k === "number" ? `${s}[${k}]` : s ? `${s}.${k}` : k), "");
}

/** The position of the YAML node at `path`, or of its nearest existing ancestor. */
function locate(doc: Document, lines: LineCounter, path: Path, key?: string): { line: number; column: number } {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    const range = node && typeof node === "object" && "range" in node ? (node.range as [number, number, number] | null) : null;
    if (!range) continue;
    let offset = range[0];
    if (key && n === path.length && isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
      if (pair && isScalar(pair.key) && pair.key.range) offset = pair.key.range[0];
    }
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  }
  return { line: 1, column: 1 };
}

/** A field that takes one item or a list (a rule's `over`) is read as a list: name a single item as written. */
function asWritten(doc: Document, path: Path): Path {
  return path.filter((k, i) => k !== 0 || isSeq(doc.getIn(path.slice(0, i), true)) || !isMap(doc.getIn(path.slice(0, i), true)));
}

const VAR = /\$\{(?!env:)([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * `${NAME}` and `${NAME:-default}` in string values are filled from `vars` when the catalog is
 * loaded (the demo catalog's fleet address). `${env:NAME}` is left alone: action secrets are
 * resolved only when an action runs, so they never sit in the stored catalog.
 */
function expand(value: unknown, vars: Record<string, string | undefined>, path: Path, missing: [Path, string][]): unknown {
  if (typeof value === "string") {
    return value.replace(VAR, (whole, name: string, fallback: string | undefined) => {
      const v = vars[name] ?? fallback;
      if (v === undefined) missing.push([path, `uses \${${name}}, which is not set (give a default with \${${name}:-value})`]);
      return v ?? whole;
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => expand(v, vars, [...path, i], missing));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expand(v, vars, [...path, k], missing)]));
  }
  return value;
}

export function parseCatalog(text: string, file = "catalog.yaml", vars: Record<string, string | undefined> = {}): CatalogResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) {
    return {
      ok: false,
      problems: doc.errors.map((e) => {
        const { line, col } = lines.linePos(e.pos[0]);
        return { file, line, column: col, path: "", message: `YAML: ${e.message.split("\n")[0]}` };
      }),
    };
  }
  const problem = (raw: Path, message: string, key?: string): CatalogProblem => {
    const path = asWritten(doc, raw);
    return { file, ...locate(doc, lines, path, key), path: pathText(key ? [...path, key] : path), message };
  };

  const missing: [Path, string][] = [];
  const raw = expand(doc.toJS() ?? {}, vars, [], missing);
  if (missing.length) return { ok: false, problems: missing.map(([path, message]) => problem(path, message)) };
  const parsed = catalogSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.flatMap((i) => {
      const path = i.path as Path;
      if (i.code === "unrecognized_keys") return i.keys.map((k) => problem(path, "is not a catalog field (a typo?)", k));
      return [problem(path, i.message)];
    });
    return { ok: false, problems };
  }
  const problems = crossCheck(parsed.data).map(([path, message]) => problem(path, message));
  return problems.length ? { ok: false, problems } : { ok: true, catalog: parsed.data };
}

/** Rules that span fields: unique names, references that resolve, no dependency cycles. */
function crossCheck(catalog: Catalog): [Path, string][] {
  const out: [Path, string][] = [];
  const index = new Map<string, number>();
  catalog.services.forEach((s, i) => {
    if (index.has(s.slug)) out.push([["services", i, "slug"], `"${s.slug}" is already used by services[${index.get(s.slug)}]`]);
    else index.set(s.slug, i);
  });
  catalog.services.forEach((s, i) => {
    s.dependsOn.forEach((d, j) => {
      if (d === s.slug) out.push([["services", i, "dependsOn", j], "a service cannot depend on itself"]);
      else if (!index.has(d)) out.push([["services", i, "dependsOn", j], `"${d}" is not a service in this catalog`]);
    });
    s.panels.forEach((p, j) => {
      p.series.forEach((line, k) => {
        const at: Path = p.series.length > 1 || k > 0 ? ["services", i, "panels", j, "series", k] : ["services", i, "panels", j];
        if (!line.metric && !line.query) out.push([at, "needs a metric (scraped directly) or a query (PromQL)"]);
        if (line.query && !s.metrics?.prometheus && !line.metric) out.push([[...at, "query"], "needs metrics.prometheus: the server to run it on"]);
        if (line.metric && !line.query && !s.metrics?.scrape) out.push([[...at, "metric"], "needs metrics.scrape: the URL to read it from"]);
        if (line.kind === "ratio" && line.metric && !line.denominator) out.push([[...at, "denominator"], "a ratio needs a denominator metric"]);
      });
    });
    out.push(...checkActions(s, i), ...checkRules(s, i));
  });
  const channels = new Map<string, number>();
  catalog.notifications.forEach((c, i) => {
    const seen = channels.get(c.name.toLowerCase());
    if (seen !== undefined) out.push([["notifications", i, "name"], `"${c.name}" is already used by notifications[${seen}]`]);
    else channels.set(c.name.toLowerCase(), i);
  });
  const cycle = findCycle(catalog);
  if (cycle) out.push([["services", index.get(cycle[0])!, "dependsOn"], `dependency cycle: ${cycle.join(" → ")}`]);
  return out;
}

function checkActions(s: Catalog["services"][number], i: number): [Path, string][] {
  const out: [Path, string][] = [];
  const names = new Set<string>();
  s.actions.forEach((a, j) => {
    const at = (...rest: Path): Path => ["services", i, "actions", j, ...rest];
    if (names.has(a.name)) out.push([at("name"), `"${a.name}" is already an action of ${s.slug}`]);
    names.add(a.name);
    for (const [name, p] of Object.entries(a.params)) {
      if (p.type === "enum" && p.default !== undefined && !p.values.includes(p.default)) out.push([at("params", name, "default"), `must be one of ${p.values.join(", ")}`]);
      if (p.type === "integer" && p.min > p.max) out.push([at("params", name), "min is greater than max"]);
      if (p.type === "integer" && p.default !== undefined && (p.default < p.min || p.default > p.max)) out.push([at("params", name, "default"), `must be between ${p.min} and ${p.max}`]);
      if (p.type === "string") {
        let re: RegExp | null = null;
        try { re = new RegExp(`^(?:${p.pattern})$`); } catch { out.push([at("params", name, "pattern"), "is not a valid regular expression"]); }
        if (re && p.default !== undefined && !re.test(p.default)) out.push([at("params", name, "default"), "does not match the pattern"]);
      }
    }
  });
  s.actions.forEach((a, j) => {
    if (a.verify?.health && !s.health) out.push([["services", i, "actions", j, "verify", "health"], "needs the service to have a health check"]);
    if (a.verify?.metric && !s.metrics?.scrape) out.push([["services", i, "actions", j, "verify", "metric"], "needs the service's metrics.scrape endpoint"]);
    if (a.rollback && (a.rollback === a.name || !names.has(a.rollback))) {
      out.push([["services", i, "actions", j, "rollback"], a.rollback === a.name ? "an action cannot roll itself back" : `"${a.rollback}" is not an action of ${s.slug}`]);
    }
  });
  return out;
}

function checkRules(s: Catalog["services"][number], i: number): [Path, string][] {
  const out: [Path, string][] = [];
  const names = new Set<string>();
  s.alertRules.forEach((r, j) => {
    const at = (...rest: Path): Path => ["services", i, "alertRules", j, ...rest];
    if (names.has(r.name)) out.push([at("name"), `"${r.name}" is already an alert rule of ${s.slug}`]);
    names.add(r.name);
    if (r.type === "health") {
      if (!s.health) out.push([at("health"), `needs a health check on ${s.slug} (health.url): a health rule judges its results`]);
      return;
    }
    if (r.series.query && !s.metrics?.prometheus) out.push([at("query"), "needs metrics.prometheus: the server to run it on"]);
    if (r.series.metric && !s.metrics?.scrape) out.push([at("metric"), "needs metrics.scrape: the URL to read it from"]);
  });
  return out;
}

function findCycle(catalog: Catalog): string[] | null {
  const deps = new Map(catalog.services.map((s) => [s.slug, s.dependsOn]));
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (slug: string): string[] | null => {
    if (state.get(slug) === "done") return null;
    if (state.get(slug) === "visiting") return [...stack.slice(stack.indexOf(slug)), slug];
    state.set(slug, "visiting");
    stack.push(slug);
    for (const d of deps.get(slug) ?? []) {
      const found = deps.has(d) ? visit(d) : null;
      if (found) return found;
    }
    stack.pop();
    state.set(slug, "done");
    return null;
  };
  for (const slug of deps.keys()) {
    const found = visit(slug);
    if (found) return found;
  }
  return null;
}
