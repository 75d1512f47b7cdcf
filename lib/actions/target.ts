// What an approval covers: one hash of the service, the action and its parameters in canonical
// form (keys sorted, values as validated), so "same action, other parameters" never matches.
import { createHash } from "node:crypto";
import type { ParamValues } from "./params";

export function canonicalParams(values: ParamValues): ParamValues {
  return Object.fromEntries(Object.keys(values).sort().map((k) => [k, values[k]]));
}

export function targetHashOf(service: string, action: string, values: ParamValues): string {
  return createHash("sha256").update(JSON.stringify([service, action, canonicalParams(values)])).digest("hex");
}
