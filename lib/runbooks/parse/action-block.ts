// A ```sitrep-action block binds the step above it to a recovery action from the catalog:
//   action: beacon-runner/reset-circuit-breakers
//   params: {service: yagna}
// A block that cannot be read leaves the step unbound with a note, never fails the import.
import { parse } from "yaml";
import { z } from "zod";
import type { ParsedBinding } from "./types";

export const ACTION_LANG = "sitrep-action";

const name = z.string().trim().regex(/^[A-Za-z0-9][\w.-]*$/, "use letters, digits, dots, dashes or underscores");
const scalar = z.union([z.string(), z.number(), z.boolean()], { error: "use one value (text, a number, true or false)" }).transform(String);

const blockSchema = z
  .object({
    action: z.string().trim().min(1, "it needs an action"),
    service: name.optional(),
    params: z.record(z.string(), scalar, { error: "params must map names to single values" }).nullish(),
    title: z.string().optional(),
  })
  .strict();

export type ActionBlock = { ok: true; binding: ParsedBinding; title: string | null } | { ok: false; note: string };

export function readActionBlock(code: string): ActionBlock {
  let data: unknown;
  try {
    data = parse(code, { maxAliasCount: 10, prettyErrors: false });
  } catch (error) {
    return { ok: false, note: `sitrep-action block ignored: invalid YAML (${firstLine(error)})` };
  }
  const parsed = blockSchema.safeParse(typeof data === "string" ? { action: data } : (data ?? {}));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
    return { ok: false, note: `sitrep-action block ignored: ${where}${issue?.message ?? "unexpected shape"}` };
  }
  const { action, service, params, title } = parsed.data;
  const [svc, act] = service ? [service, action] : splitAction(action);
  const check = z.object({ svc: name, act: name }).safeParse({ svc, act });
  if (!check.success) return { ok: false, note: `sitrep-action block ignored: write the action as service/action (got "${action}")` };
  return { ok: true, binding: { service: check.data.svc, action: check.data.act, params: params ?? {} }, title: title?.trim() || null };
}

function splitAction(action: string): [string, string] {
  const at = action.indexOf("/");
  return at < 0 ? ["", action] : [action.slice(0, at), action.slice(at + 1)];
}

const firstLine = (error: unknown) => String(error instanceof Error ? error.message : error).split("\n")[0].slice(0, 200);
