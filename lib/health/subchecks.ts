// Reads the declared fields of a health response into sub-checks, and judges the service by them.
import type { CatalogHealth } from "@/lib/services/catalog-schema";
import type { CheckStatus, SubCheck } from "@/lib/services/types";

type Field = CatalogHealth["fields"][number];
const KEY_FIELDS = ["name", "id", "service", "provider", "tenant"];
const MAX_ITEMS = 200;

type Hit = { path: string; keys: string[]; value: unknown; found: boolean };

function walk(node: unknown, segments: string[], path: string, keys: string[], keyField: string | undefined, out: Hit[]) {
  if (out.length >= MAX_ITEMS) return;
  if (!segments.length) return void out.push({ path, keys, value: node, found: true });
  const [head, ...rest] = segments;
  const many = head.endsWith("[]");
  const name = many ? head.slice(0, -2) : head;
  const child = node && typeof node === "object" && !Array.isArray(node) ? (node as Record<string, unknown>)[name] : undefined;
  const here = path ? `${path}.${name}` : name;
  if (child === undefined) return void out.push({ path: here, keys, value: undefined, found: false });
  if (!many) return walk(child, rest, here, keys, keyField, out);
  if (!Array.isArray(child)) return void out.push({ path: here, keys, value: child, found: false });
  child.forEach((item, i) => {
    const rec = item && typeof item === "object" ? (item as Record<string, unknown>) : {};
    const keyName = [keyField, ...KEY_FIELDS].find((k) => k && (typeof rec[k] === "string" || typeof rec[k] === "number"));
    walk(item, rest, `${here}[${i}]`, [...keys, keyName ? String(rec[keyName]) : `#${i + 1}`], keyField, out);
  });
}

function text(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (typeof value === "object") {
    const json = JSON.stringify(value);
    return json.length > 120 ? `${json.slice(0, 117)}…` : json;
  }
  return String(value);
}

export function readSubChecks(body: unknown, fields: Field[]): SubCheck[] {
  return fields.flatMap((f) => {
    const hits: Hit[] = [];
    walk(body, f.path.split("."), "", [], f.key, hits);
    return hits.map((h) => ({
      label: [f.label ?? f.path, ...h.keys].join(" · "),
      path: h.path,
      value: text(h.value),
      // A declared field that is missing counts against the service: the check can no longer see it.
      ok: f.ok ? h.found && f.ok.some((v) => v === h.value || String(v) === text(h.value)) : null,
      severity: f.severity,
    }));
  });
}

/** The status sub-checks imply on a response that otherwise passed, with the reason. */
export function judgeSubChecks(checks: SubCheck[]): { status: CheckStatus; reason: string | null } {
  const failing = checks.filter((c) => c.ok === false);
  if (!failing.length) return { status: "up", reason: null };
  const worst = failing.some((c) => c.severity === "down") ? "down" : "degraded";
  const first = failing.find((c) => c.severity === worst)!;
  const more = failing.length > 1 ? ` (and ${failing.length - 1} more)` : "";
  return { status: worst, reason: `${first.label}: ${first.value}${more}` };
}

/** JSON.parse with an error a human can act on: "invalid JSON at line 3". */
export function parseJson(body: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (e) {
    const pos = /position (\d+)/.exec((e as Error).message);
    const line = pos ? body.slice(0, Number(pos[1])).split("\n").length : 1;
    const hint = /^\s*</.test(body) ? " (the response looks like HTML)" : body.trim() ? "" : " (the response is empty)";
    return { ok: false, error: `invalid JSON at line ${line}${hint}` };
  }
}
