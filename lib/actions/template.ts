// `{{param}}` and `${env:NAME}` in an action's URL, headers, body and argv. Both are replaced in
// ONE pass, so a parameter value that itself contains "${env:…}" or "{{…}}" stays literal text and
// can never pull a secret into a request. Secrets come only from the env object handed in at
// execution time (never process.env), and in preview mode are shown as •••• with their names listed.
import { MASK } from "./mask";
import type { ParamValue, ParamValues } from "./params";

export type EnvSource = Record<string, string | undefined>;
export type TemplateMode = "execute" | "preview";
export type SecretUse = { names: string[]; values: string[]; missing: string[] };

/** A template that cannot be resolved: a missing secret, or a {{name}} the action does not declare. */
export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TemplateError";
  }
}

const TOKEN = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}|\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;
const EXACT_PARAM = /^\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;

export const missingSecretMessage = (name: string) => `${name} is not set on this Sitrep instance`;

export function createTemplate(values: ParamValues, env: EnvSource, mode: TemplateMode) {
  const names = new Set<string>();
  const secretValues = new Set<string>();
  const missing = new Set<string>();

  const param = (name: string): ParamValue => {
    if (!Object.hasOwn(values, name)) throw new TemplateError(`the action uses {{${name}}}, which is not one of its parameters`);
    return values[name];
  };
  const secret = (name: string): string => {
    names.add(name);
    const v = env[name];
    if (v === undefined || v === "") {
      missing.add(name);
      if (mode === "execute") throw new TemplateError(missingSecretMessage(name));
      return MASK;
    }
    secretValues.add(v);
    return mode === "preview" ? MASK : v;
  };

  /** Text with every reference replaced; `url: true` percent-encodes what is substituted. */
  const text = (template: string, opts: { url?: boolean } = {}): string =>
    template.replace(TOKEN, (_whole, p: string | undefined, e: string | undefined) => {
      const v = p !== undefined ? String(param(p)) : secret(e!);
      // The mask is display only: encoding it would show %E2%80%A2… in the preview
      return opts.url && v !== MASK ? encodeURIComponent(v) : v;
    });

  /** A JSON body: a leaf that is exactly "{{n}}" becomes n's typed value (integers stay numbers). */
  const json = (body: unknown): unknown => {
    if (typeof body === "string") {
      const exact = EXACT_PARAM.exec(body);
      return exact ? param(exact[1]) : text(body);
    }
    if (Array.isArray(body)) return body.map(json);
    if (body && typeof body === "object") return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, json(v)]));
    return body;
  };

  /** One argv element: exactly "{{n}}" is the value itself; otherwise text. Never split. */
  const arg = (template: string): string => {
    const exact = EXACT_PARAM.exec(template);
    return exact ? String(param(exact[1])) : text(template);
  };

  const secrets = (): SecretUse => ({ names: [...names], values: [...secretValues], missing: [...missing] });
  return { text, json, arg, secrets };
}
export type Template = ReturnType<typeof createTemplate>;


/** Runs a resolution for a preview: its value, or the template problem a preview reports instead of throwing. */
export function tryResolve<T>(build: () => T): { value: T | undefined; error: string | undefined } {
  try {
    return { value: build(), error: undefined };
  } catch (e) {
    return { value: undefined, error: (e as Error).message };
  }
}
